// Staff accounts and their sessions. Secrets never leave this layer in clear: the TOTP secret is
// stored sealed and the session token only as an HMAC.
import type { Sql } from './database.ts';

// The roles are a vocabulary, defined once in the domain; named here too for existing importers.
export { staffRoles, type StaffRole } from '../domain/vocabularies.ts';
import type { StaffRole } from '../domain/vocabularies.ts';

export interface StaffMember {
  readonly id: string;
  readonly role: StaffRole;
  readonly storeId: string | null;
  readonly phone: string;
  /** What colleagues call them; null for accounts made before names were asked. */
  readonly name: string | null;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly totpSecretSealed: string;
  readonly totpEnrolled: boolean;
  readonly totpLastStep: number | null;
  readonly active: boolean;
}

interface StaffRow {
  id: string; role: StaffRole; store_id: string | null; phone: string; name: string | null; password_hash: string; must_change_password: boolean;
  totp_secret_enc: string; totp_enrolled_at: Date | null; totp_last_step: number | null; active: boolean;
}

function toStaff(r: StaffRow): StaffMember {
  return {
    id: r.id, role: r.role, storeId: r.store_id, phone: r.phone, name: r.name, passwordHash: r.password_hash, mustChangePassword: r.must_change_password,
    totpSecretSealed: r.totp_secret_enc, totpEnrolled: r.totp_enrolled_at !== null, totpLastStep: r.totp_last_step, active: r.active,
  };
}

export async function insertStaff(sql: Sql, s: { id: string; role: StaffRole; storeId: string | null; phone: string; name: string | null; passwordHash: string; totpSecretSealed: string }, at: Date): Promise<void> {
  await sql.query(
    `insert into staff (id, role, store_id, phone, name, password_hash, totp_secret_enc, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [s.id, s.role, s.storeId, s.phone, s.name, s.passwordHash, s.totpSecretSealed, at]);
}

/** How the console names a staff member: their name, else their phone number (never the internal id). */
export function staffDisplayName(s: { readonly name: string | null; readonly phone: string }): string {
  return s.name ?? s.phone;
}

export async function findStaffByPhone(sql: Sql, phone: string): Promise<StaffMember | undefined> {
  const [row] = await sql.query<StaffRow>('select * from staff where phone = $1', [phone]);
  return row ? toStaff(row) : undefined;
}

export async function findStaffById(sql: Sql, id: string, lock = false): Promise<StaffMember | undefined> {
  const [row] = await sql.query<StaffRow>(`select * from staff where id = $1${lock ? ' for update' : ''}`, [id]);
  return row ? toStaff(row) : undefined;
}

/** Accepts a TOTP step only if it is later than the last one used: each code works once. */
export async function claimTotpStep(sql: Sql, id: string, step: number, enrol: boolean, at: Date): Promise<boolean> {
  const rows = await sql.query(
    `update staff set totp_last_step = $2, totp_enrolled_at = case when $3 then coalesce(totp_enrolled_at, $4) else totp_enrolled_at end
      where id = $1 and (totp_last_step is null or totp_last_step < $2) returning 1`, [id, step, enrol, at]);
  return rows.length === 1;
}

export async function setStaffPassword(sql: Sql, id: string, passwordHash: string): Promise<void> {
  await sql.query('update staff set password_hash = $2, must_change_password = false where id = $1', [id, passwordHash]);
}

export interface StaffSession {
  readonly id: number;
  readonly staffId: string;
  readonly stage: 'pending' | 'full';
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
}

export async function insertStaffSession(sql: Sql, tokenHash: string, staffId: string, stage: 'pending' | 'full', at: Date): Promise<void> {
  await sql.query('insert into staff_sessions (token_hash, staff_id, stage, created_at, last_seen_at) values ($1, $2, $3, $4, $4)', [tokenHash, staffId, stage, at]);
}

export async function findStaffSession(sql: Sql, tokenHash: string): Promise<StaffSession | undefined> {
  const [row] = await sql.query<{ id: number; staff_id: string; stage: 'pending' | 'full'; created_at: Date; last_seen_at: Date }>(
    'select id, staff_id, stage, created_at, last_seen_at from staff_sessions where token_hash = $1 and revoked_at is null', [tokenHash]);
  return row ? { id: row.id, staffId: row.staff_id, stage: row.stage, createdAt: row.created_at, lastSeenAt: row.last_seen_at } : undefined;
}

export async function touchStaffSession(sql: Sql, id: number, at: Date): Promise<void> {
  await sql.query('update staff_sessions set last_seen_at = $2 where id = $1', [id, at]);
}

export async function revokeStaffSession(sql: Sql, id: number, at: Date): Promise<void> {
  await sql.query('update staff_sessions set revoked_at = $2 where id = $1 and revoked_at is null', [id, at]);
}

export async function listStaff(sql: Sql, storeId: string | null): Promise<StaffMember[]> {
  const rows = await sql.query<StaffRow>('select * from staff where ($1::text is null or store_id = $1) order by active desc, role, phone', [storeId]);
  return rows.map(toStaff);
}

/** Deactivates an account and ends every session it holds; true when it was active. */
export async function deactivateStaffAccount(sql: Sql, id: string, at: Date): Promise<boolean> {
  const rows = await sql.query('update staff set active = false where id = $1 and active returning 1', [id]);
  await sql.query('update staff_sessions set revoked_at = $2 where staff_id = $1 and revoked_at is null', [id, at]);
  return rows.length === 1;
}
