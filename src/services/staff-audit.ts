// The staff audit log: one append-only row per staff action (the table refuses updates and
// deletes). Written in the same transaction as the action, so an action without its row cannot exist.
import type { Instant } from '../domain/calendar.ts';
import type { Sql } from '../db/database.ts';

/** Where a staff request came from. */
export interface RequestOrigin {
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export interface AuditEntry {
  readonly staffId: string | null;
  readonly storeId: string | null;
  readonly msisdn?: string | null;
  readonly action: string;
  /** Never a password, TOTP secret or full document number. */
  readonly detail?: Readonly<Record<string, unknown>>;
}

export async function writeAudit(sql: Sql, entry: AuditEntry, origin: RequestOrigin, now: Instant): Promise<void> {
  await sql.query(
    `insert into staff_audit_log (at, staff_id, store_id, msisdn, action, detail, ip, user_agent) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [new Date(now), entry.staffId, entry.storeId, entry.msisdn ?? null, entry.action, JSON.stringify(entry.detail ?? {}), origin.ip, origin.userAgent?.slice(0, 200) ?? null]);
}

export interface AuditRow {
  readonly id: number;
  readonly at: Date;
  readonly staffId: string | null;
  /** The staff member's name (else phone), as the console names people; null for the system. */
  readonly staffName: string | null;
  readonly storeId: string | null;
  readonly msisdn: string | null;
  readonly action: string;
  readonly detail: Record<string, unknown>;
  readonly ip: string | null;
}

/** The newest entries of one store (null: every store, for admins). */
export async function listAudit(sql: Sql, storeId: string | null, limit: number): Promise<AuditRow[]> {
  const rows = await sql.query<{ id: number; at: Date; staff_id: string | null; staff_name: string | null; store_id: string | null; msisdn: string | null; action: string; detail: Record<string, unknown>; ip: string | null }>(
    `select a.id, a.at, a.staff_id, coalesce(s.name, s.phone, a.staff_id) as staff_name, a.store_id, a.msisdn, a.action, a.detail, a.ip
       from staff_audit_log a left join staff s on s.id = a.staff_id
      where ($1::text is null or a.store_id = $1) order by a.id desc limit $2`,
    [storeId, limit]);
  return rows.map((r) => ({ id: r.id, at: r.at, staffId: r.staff_id, staffName: r.staff_name, storeId: r.store_id, msisdn: r.msisdn, action: r.action, detail: r.detail, ip: r.ip }));
}
