// Customers and the lines they have proven. Writes run inside a transaction opened by a service.
import { isLocale, type Locale } from '../domain/money.ts';
import { trustedMsisdn, type Msisdn } from '../domain/msisdn.ts';
import type { Sql } from './database.ts';

export interface LoginAccount {
  readonly customerId: string;
  readonly passwordHash: string;
  readonly language: Locale;
}

const toLocale = (text: string): Locale => (isLocale(text) ? text : 'en');

/** The account that logs in with this number, if any (detached links no longer log in). */
export async function findLoginAccount(sql: Sql, msisdn: Msisdn): Promise<LoginAccount | undefined> {
  const [row] = await sql.query<{ id: string; password_hash: string; language: string }>(
    `select c.id, c.password_hash, c.language
       from customer_lines cl join customers c on c.id = cl.customer_id
      where cl.msisdn = $1 and cl.is_login and cl.detached_at is null`,
    [msisdn],
  );
  return row ? { customerId: row.id, passwordHash: row.password_hash, language: toLocale(row.language) } : undefined;
}

export async function insertCustomer(sql: Sql, passwordHash: string, language: Locale, at: Date): Promise<string> {
  const [row] = await sql.query<{ id: string }>(
    'insert into customers (password_hash, language, created_at, password_changed_at) values ($1, $2, $3, $3) returning id',
    [passwordHash, language, at],
  );
  if (!row) throw new Error('customer was not written');
  return row.id;
}

/** False when the account already holds this line (a live link). */
export async function insertCustomerLine(sql: Sql, customerId: string, msisdn: Msisdn, isLogin: boolean, at: Date): Promise<boolean> {
  const rows = await sql.query(
    `insert into customer_lines (customer_id, msisdn, is_login, verified_at) values ($1, $2, $3, $4)
     on conflict (customer_id, msisdn) where detached_at is null do nothing returning 1`,
    [customerId, msisdn, isLogin, at],
  );
  return rows.length === 1;
}

export async function hasLiveLink(sql: Sql, customerId: string, msisdn: Msisdn): Promise<boolean> {
  const rows = await sql.query(
    'select 1 from customer_lines where customer_id = $1 and msisdn = $2 and detached_at is null',
    [customerId, msisdn],
  );
  return rows.length > 0;
}

/** The account's live lines, its login number first, then in the order they were proven. */
export async function listLinkedMsisdns(sql: Sql, customerId: string): Promise<Msisdn[]> {
  const rows = await sql.query<{ msisdn: string }>(
    `select msisdn from customer_lines where customer_id = $1 and detached_at is null
      order by is_login desc, verified_at, id`,
    [customerId],
  );
  return rows.map((r) => trustedMsisdn(r.msisdn));
}

/** `changedAt` null keeps the date: a rehash with new parameters is the same password. */
export async function updatePasswordHash(sql: Sql, customerId: string, passwordHash: string, changedAt: Date | null): Promise<void> {
  await sql.query(
    'update customers set password_hash = $2, password_changed_at = coalesce($3, password_changed_at) where id = $1',
    [customerId, passwordHash, changedAt],
  );
}

/** Detaches every live link to these numbers; returns the accounts that held them and which logged in with them. */
export async function detachLinks(sql: Sql, msisdns: readonly string[], at: Date): Promise<{ customerId: string; wasLogin: boolean }[]> {
  const rows = await sql.query<{ customer_id: string; is_login: boolean }>(
    `update customer_lines set detached_at = $2
      where msisdn = any($1::text[]) and detached_at is null
      returning customer_id, is_login`,
    [msisdns, at],
  );
  return rows.map((r) => ({ customerId: r.customer_id, wasLogin: r.is_login }));
}

/**
 * Ends this account's live link to a line it added (never its login line) and records who removed
 * it. Returns what happened: removed, not on the account, or the login line (refused).
 */
export async function removeLinkedLine(sql: Sql, customerId: string, msisdn: Msisdn, addressHash: string, at: Date): Promise<'removed' | 'not_linked' | 'login'> {
  const [link] = await sql.query<{ id: number; is_login: boolean }>(
    'select id, is_login from customer_lines where customer_id = $1 and msisdn = $2 and detached_at is null for update',
    [customerId, msisdn],
  );
  if (!link) return 'not_linked';
  if (link.is_login) return 'login';
  await sql.query(
    `with detached as (update customer_lines set detached_at = $2 where id = $1)
     insert into customer_line_removals (customer_id, msisdn, link_id, address_hash, removed_at) values ($3, $4, $1, $5, $2)`,
    [link.id, at, customerId, msisdn, addressHash],
  );
  return 'removed';
}
