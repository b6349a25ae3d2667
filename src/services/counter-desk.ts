// What the agent sees at the desk: a line found by number or ICCID, today's visits at the store,
// marking a visit attended, the shift report, and the audit log for managers.
import { addDays, operatorDay, startOfOperatorDay, type IsoDate } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { daysLeftAt } from '../domain/lifecycle.ts';
import type { Line } from '../domain/line.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { findAppointment, listStoreAppointments, markAttended, type Appointment } from '../db/appointment-repository.ts';
import { findLine, findLineByIccid } from '../db/line-repository.ts';
import { findStaffById, staffDisplayName } from '../db/staff-repository.ts';
import { listAudit, writeAudit, type AuditRow } from './staff-audit.ts';
import type { StaffDeps } from './staff-auth.ts';
import { assertManager, assertStoreAccess, counterStoreOf, type StaffActor } from './staff-scope.ts';

/** By number (any form a person types) or by the ICCID printed on the SIM. */
/** A line as the counter sees it: with the days left that every other channel shows too. */
export interface CounterLine extends Line {
  readonly daysLeft: number;
}

export async function findLineAtCounter(deps: StaffDeps, actor: StaffActor, query: string): Promise<CounterLine> {
  const storeId = counterStoreOf(actor.staff);
  const digits = query.replace(/\s/g, '');
  let line: Line | undefined;
  if (/^89\d{17,18}$/.test(digits)) line = await findLineByIccid(deps.db, digits);
  else line = await findLine(deps.db, parseMsisdn(query));
  if (!line) throw new DomainError('LINE_NOT_FOUND', 'no line with that number or ICCID');
  await deps.db.tx((sql) => writeAudit(sql, { staffId: actor.staff.id, storeId, msisdn: line.msisdn, action: 'line.lookup', detail: { by: digits.startsWith('89') ? 'iccid' : 'msisdn' } }, actor.origin, deps.now()));
  return { ...line, daysLeft: daysLeftAt(line.validUntil, deps.now()) };
}

export async function listTodaysAppointments(deps: StaffDeps, actor: StaffActor): Promise<Appointment[]> {
  const storeId = counterStoreOf(actor.staff);
  const today = operatorDay(deps.now());
  return listStoreAppointments(deps.db, storeId, startOfOperatorDay(today), startOfOperatorDay(addDays(today, 1)));
}

export async function attendAppointment(deps: StaffDeps, actor: StaffActor, appointmentId: string): Promise<void> {
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    const appointment = await findAppointment(sql, appointmentId, true);
    if (!appointment) throw new DomainError('NOT_FOUND', `no appointment ${appointmentId}`);
    assertStoreAccess(actor.staff, appointment.storeId);
    counterStoreOf(actor.staff);
    await markAttended(sql, appointment.id, now);
    await writeAudit(sql, { staffId: actor.staff.id, storeId: appointment.storeId, msisdn: appointment.msisdn, action: 'appointment.attend', detail: { appointmentId } }, actor.origin, now);
  });
}

export interface ShiftReport {
  readonly storeId: string;
  readonly day: IsoDate;
  readonly staffId: string | null;
  /** The agent's name when the report is one agent's (see staffDisplayName). */
  readonly staffName: string | null;
  readonly receipts: readonly { readonly number: string; readonly staffId: string; readonly staffName: string; readonly msisdn: string; readonly method: string; readonly amount: number; readonly issuedAt: Date; readonly voided: boolean }[];
  readonly totals: readonly { readonly method: string; readonly count: number; readonly amount: number }[];
  readonly voids: {
    readonly count: number;
    readonly amount: number;
    readonly items: readonly { readonly number: string; readonly staffId: string; readonly staffName: string; readonly voidedBy: string; readonly voidedByName: string; readonly reason: string; readonly voidedAt: Date; readonly amount: number; readonly method: string }[];
  };
}

/** Receipts of a Baku day at a store (one agent's, or all), totals per payment method, voids apart. */
export async function shiftReport(deps: StaffDeps, actor: StaffActor, storeId: string, day: IsoDate, staffId: string | null): Promise<ShiftReport> {
  // Shift reports are the counter's: support staff belong to a store but sell nothing there.
  if (actor.staff.role === 'support') throw new DomainError('FORBIDDEN', 'shift reports are for the store\'s agents and managers');
  assertStoreAccess(actor.staff, storeId);
  // An agent sees their own shift; managers and admins any agent's or the whole store's.
  const who = actor.staff.role === 'agent' ? actor.staff.id : staffId;
  // People are named as the console names them (staffDisplayName): the name, else the phone.
  const rows = await deps.db.query<{ number: string; staff_id: string; staff_name: string; msisdn: string; payment_method: string; amount: number; issued_at: Date; voided_at: Date | null; voided_by: string | null; voided_by_name: string | null; void_reason: string | null }>(
    `select r.number, r.staff_id, coalesce(s.name, s.phone, r.staff_id) as staff_name, r.msisdn, r.payment_method, r.amount, r.issued_at,
            r.voided_at, r.voided_by, coalesce(v.name, v.phone, r.voided_by) as voided_by_name, r.void_reason
       from receipts r left join staff s on s.id = r.staff_id left join staff v on v.id = r.voided_by
      where r.store_id = $1 and r.issued_at >= $2 and r.issued_at < $3 and ($4::text is null or r.staff_id = $4) order by r.seq`,
    [storeId, new Date(startOfOperatorDay(day)), new Date(startOfOperatorDay(addDays(day, 1))), who]);
  const receipts = rows.map((r) => ({ number: r.number, staffId: r.staff_id, staffName: r.staff_name, msisdn: r.msisdn, method: r.payment_method, amount: r.amount, issuedAt: r.issued_at, voided: r.voided_at !== null }));
  const totals = new Map<string, { count: number; amount: number }>();
  // Voided sales were reversed: they count apart, not in the totals the drawer must match.
  const voids = {
    count: 0, amount: 0,
    items: rows.filter((r) => r.voided_at !== null).map((r) => ({
      number: r.number, staffId: r.staff_id, staffName: r.staff_name, voidedBy: r.voided_by ?? '', voidedByName: r.voided_by_name ?? '', reason: r.void_reason ?? '', voidedAt: r.voided_at ?? r.issued_at, amount: r.amount, method: r.payment_method,
    })),
  };
  for (const r of receipts) {
    if (r.voided) {
      voids.count += 1;
      voids.amount += r.amount;
      continue;
    }
    const t = totals.get(r.method) ?? { count: 0, amount: 0 };
    totals.set(r.method, { count: t.count + 1, amount: t.amount + r.amount });
  }
  const agent = who === null ? undefined : await findStaffById(deps.db, who);
  return { storeId, day, staffId: who, staffName: agent ? staffDisplayName(agent) : who, receipts, totals: [...totals].map(([method, t]) => ({ method, ...t })), voids };
}

export async function readAuditLog(deps: StaffDeps, actor: StaffActor, limit = 200): Promise<AuditRow[]> {
  assertManager(actor.staff);
  return listAudit(deps.db, actor.staff.role === 'admin' ? null : actor.staff.storeId, limit);
}
