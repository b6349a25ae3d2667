// Appointments: a booked place is a row holding (store, slot start, counter number), and the
// partial unique index appointments_place refuses a second live row for the same place.
import type { Instant } from '../domain/calendar.ts';
import type { Sql } from './database.ts';

// The purposes are a vocabulary, defined once in the domain; named here too for existing importers.
export { appointmentPurposes, type AppointmentPurpose } from '../domain/vocabularies.ts';
import type { AppointmentPurpose } from '../domain/vocabularies.ts';

export interface Appointment {
  readonly id: string;
  readonly storeId: string;
  readonly customerId: string | null;
  readonly msisdn: string | null;
  readonly language: string;
  readonly slotStart: Date;
  readonly counterNo: number;
  readonly purpose: AppointmentPurpose;
  readonly status: 'booked' | 'cancelled' | 'attended';
}

interface AppointmentRow {
  id: string; store_id: string; customer_id: string | null; msisdn: string | null; language: string; slot_start: Date;
  counter_no: number; purpose: AppointmentPurpose; status: Appointment['status'];
}

function toAppointment(r: AppointmentRow): Appointment {
  return {
    id: r.id, storeId: r.store_id, customerId: r.customer_id, msisdn: r.msisdn, language: r.language, slotStart: r.slot_start,
    counterNo: r.counter_no, purpose: r.purpose, status: r.status,
  };
}

export interface PlaceRequest {
  readonly id: string;
  readonly storeId: string;
  readonly counters: number;
  readonly customerId: string | null;
  readonly msisdn: string | null;
  readonly language: string;
  readonly slotStart: Instant;
  readonly purpose: AppointmentPurpose;
  readonly demo: boolean;
  readonly at: Instant;
}

/**
 * Takes a free place in the slot, or answers false when every counter is taken. A place another
 * transaction takes at the same moment makes our insert do nothing; we then look again and try
 * the next number, so the database, not a prior read, decides who gets the last place.
 */
export async function claimPlace(sql: Sql, p: PlaceRequest): Promise<boolean> {
  for (let attempt = 0; attempt <= p.counters; attempt++) {
    const taken = new Set((await sql.query<{ counter_no: number }>(
      `select counter_no from appointments where store_id = $1 and slot_start = $2 and status <> 'cancelled'`,
      [p.storeId, new Date(p.slotStart)])).map((r) => r.counter_no));
    let free = 0;
    for (let n = 1; n <= p.counters; n++) {
      if (!taken.has(n)) {
        free = n;
        break;
      }
    }
    if (free === 0) return false;
    const rows = await sql.query(
      `insert into appointments (id, store_id, customer_id, msisdn, language, slot_start, counter_no, purpose, status, demo, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, 'booked', $9, $10)
       on conflict (store_id, slot_start, counter_no) where status <> 'cancelled' do nothing returning 1`,
      [p.id, p.storeId, p.customerId, p.msisdn, p.language, new Date(p.slotStart), free, p.purpose, p.demo, new Date(p.at)],
    );
    if (rows.length === 1) return true;
  }
  return false;
}

export async function findAppointment(sql: Sql, id: string, lock = false): Promise<Appointment | undefined> {
  const [row] = await sql.query<AppointmentRow>(`select * from appointments where id = $1${lock ? ' for update' : ''}`, [id]);
  return row ? toAppointment(row) : undefined;
}

export async function countUpcoming(sql: Sql, customerId: string, now: Instant, exceptId?: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `select count(*)::int8 as n from appointments
      where customer_id = $1 and status = 'booked' and slot_start > $2 and id <> $3`,
    [customerId, new Date(now), exceptId ?? '']);
  return row?.n ?? 0;
}

export async function cancelAppointmentRow(sql: Sql, id: string, at: Instant, rescheduledTo: string | null): Promise<void> {
  await sql.query(`update appointments set status = 'cancelled', cancelled_at = $2, rescheduled_to = $3 where id = $1 and status = 'booked'`,
    [id, new Date(at), rescheduledTo]);
}

export async function listCustomerAppointments(sql: Sql, customerId: string, from: Instant): Promise<Appointment[]> {
  const rows = await sql.query<AppointmentRow>(
    `select * from appointments where customer_id = $1 and status = 'booked' and slot_start >= $2 order by slot_start`, [customerId, new Date(from)]);
  return rows.map(toAppointment);
}

export async function listStoreAppointments(sql: Sql, storeId: string, from: Instant, to: Instant): Promise<Appointment[]> {
  const rows = await sql.query<AppointmentRow>(
    `select * from appointments where store_id = $1 and status <> 'cancelled' and slot_start >= $2 and slot_start < $3
      order by slot_start, counter_no`, [storeId, new Date(from), new Date(to)]);
  return rows.map(toAppointment);
}

/** Booked visits with a phone that start within [from, to): the reminder sweep's range. */
export async function listAppointmentsToRemind(sql: Sql, from: Instant, to: Instant, limit: number): Promise<Appointment[]> {
  const rows = await sql.query<AppointmentRow>(
    `select * from appointments where status = 'booked' and msisdn is not null and slot_start >= $1 and slot_start < $2
      order by slot_start limit $3`, [new Date(from), new Date(to), limit]);
  return rows.map(toAppointment);
}

export async function markAttended(sql: Sql, id: string, at: Instant): Promise<void> {
  await sql.query(`update appointments set status = 'attended', attended_at = $2 where id = $1 and status = 'booked'`, [id, new Date(at)]);
}
