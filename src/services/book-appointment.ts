// A customer books, moves or cancels a visit to a store. The place itself is taken by the database
// (claimPlace); the customer's row lock makes the "at most three upcoming" count exact under races.
import { randomBytes } from 'node:crypto';
import { formatInstant, type Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { checkBooking, type Store } from '../domain/store-schedule.ts';
import { isUniqueViolation, type Database, type Sql } from '../db/database.ts';
import {
  cancelAppointmentRow, claimPlace, countUpcoming, findAppointment, listCustomerAppointments, type Appointment, type AppointmentPurpose,
} from '../db/appointment-repository.ts';
import { loadStore } from './find-stores.ts';

export interface AppointmentDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

export interface AppointmentView {
  readonly appointmentId: string;
  readonly storeId: string;
  readonly slotStart: string;
  readonly purpose: AppointmentPurpose;
  readonly status: string;
}

export function viewAppointment(a: Appointment): AppointmentView {
  return { appointmentId: a.id, storeId: a.storeId, slotStart: formatInstant(a.slotStart.getTime() as Instant), purpose: a.purpose, status: a.status };
}

interface Customer {
  readonly id: string;
  readonly language: string;
}

async function lockCustomer(sql: Sql, customerId: string): Promise<string | null> {
  // The row lock serialises one customer's bookings, so two tabs cannot both take the third place.
  await sql.query('select 1 from customers where id = $1 for update', [customerId]);
  const [login] = await sql.query<{ msisdn: string }>(
    'select msisdn from customer_lines where customer_id = $1 and is_login and detached_at is null', [customerId]);
  return login?.msisdn ?? null;
}

async function takePlace(sql: Sql, store: Store, customer: Customer, msisdn: string | null, slotStart: Instant, purpose: AppointmentPurpose, now: Instant, exceptId?: string): Promise<string> {
  const check = checkBooking({ schedule: store.schedule, slotStart, now, futureAppointments: await countUpcoming(sql, customer.id, now, exceptId) });
  if (!check.ok) throw new DomainError(check.code, check.message);
  if (!store.services.includes(purpose)) throw new DomainError('SLOT_UNAVAILABLE', `this store does not offer "${purpose.replace('_', ' ')}"`);
  const id = `apt_${randomBytes(10).toString('hex')}`;
  await sql.query('savepoint place');
  let claimed: boolean;
  try {
    claimed = await claimPlace(sql, {
      id, storeId: store.id, counters: store.schedule.counters, customerId: customer.id, msisdn, language: customer.language,
      slotStart, purpose, demo: false, at: now,
    });
  } catch (error) {
    if (!isUniqueViolation(error, 'appointments_customer_slot')) throw error;
    await sql.query('rollback to savepoint place');
    throw new DomainError('SLOT_UNAVAILABLE', 'you already have a visit at that time');
  }
  if (!claimed) throw new DomainError('SLOT_FULL', 'that slot is full; pick another time');
  return id;
}

export async function bookAppointment(deps: AppointmentDeps, customer: Customer, request: { storeId: string; slotStart: Instant; purpose: AppointmentPurpose }): Promise<AppointmentView> {
  const store = await loadStore(deps.db, request.storeId);
  const now = deps.now();
  return deps.db.tx(async (sql) => {
    const msisdn = await lockCustomer(sql, customer.id);
    const id = await takePlace(sql, store, customer, msisdn, request.slotStart, request.purpose, now);
    const booked = await findAppointment(sql, id);
    if (!booked) throw new Error('appointment vanished');
    return viewAppointment(booked);
  });
}

async function loadOwn(sql: Sql, customerId: string, appointmentId: string): Promise<Appointment> {
  const found = await findAppointment(sql, appointmentId, true);
  // Another customer's visit reads as no visit at all.
  if (!found || found.customerId !== customerId) throw new DomainError('NOT_FOUND', `no appointment ${appointmentId}`);
  return found;
}

export async function cancelAppointment(deps: AppointmentDeps, customer: Customer, appointmentId: string): Promise<AppointmentView> {
  const now = deps.now();
  return deps.db.tx(async (sql) => {
    const found = await loadOwn(sql, customer.id, appointmentId);
    if (found.status === 'booked') {
      if (found.slotStart.getTime() <= now) throw new DomainError('SLOT_UNAVAILABLE', 'this visit has already started');
      await cancelAppointmentRow(sql, found.id, now, null);
    }
    const after = await findAppointment(sql, found.id);
    if (!after) throw new Error('appointment vanished');
    return viewAppointment(after);
  });
}

/** Moves a visit: the new place is taken first and the old one released in the same transaction. */
export async function rescheduleAppointment(deps: AppointmentDeps, customer: Customer, appointmentId: string, slotStart: Instant, storeId?: string): Promise<AppointmentView> {
  const now = deps.now();
  return deps.db.tx(async (sql) => {
    const msisdn = await lockCustomer(sql, customer.id);
    const old = await loadOwn(sql, customer.id, appointmentId);
    if (old.status !== 'booked' || old.slotStart.getTime() <= now) throw new DomainError('SLOT_UNAVAILABLE', 'only an upcoming visit can be moved');
    const store = await loadStore(sql, storeId ?? old.storeId);
    const id = await takePlace(sql, store, customer, msisdn, slotStart, old.purpose, now, old.id);
    await cancelAppointmentRow(sql, old.id, now, id);
    const booked = await findAppointment(sql, id);
    if (!booked) throw new Error('appointment vanished');
    return viewAppointment(booked);
  });
}

export async function listMyAppointments(deps: AppointmentDeps, customerId: string): Promise<AppointmentView[]> {
  return (await listCustomerAppointments(deps.db, customerId, deps.now())).map(viewAppointment);
}
