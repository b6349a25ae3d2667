// Customer sessions, found by the HMAC of their token (the token itself is never stored).
import { isLocale, type Locale } from '../domain/money.ts';
import type { Sql } from './database.ts';

export type SessionEndReason = 'logout' | 'rotated' | 'password_reset' | 'line_quarantine' | 'line_detached';

export interface LiveSession {
  readonly sessionId: number;
  readonly customerId: string;
  readonly language: Locale;
}

export async function insertSession(sql: Sql, tokenHash: string, customerId: string, at: Date): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    'insert into customer_sessions (token_hash, customer_id, created_at, last_seen_at) values ($1, $2, $3, $3) returning id',
    [tokenHash, customerId, at],
  );
  if (!row) throw new Error('session was not written');
  return row.id;
}

export interface SessionCutoffs {
  readonly now: Date;
  /** Sessions created at or before this are past their absolute lifetime. */
  readonly createdAfter: Date;
  /** Sessions last seen at or before this have been idle too long. */
  readonly seenAfter: Date;
  /** Sessions last seen before this get last_seen_at = now. */
  readonly touchBefore: Date;
}

/** Finds a live session and, in the same round trip, marks it seen when that is due. */
export async function findLiveSession(sql: Sql, tokenHash: string, c: SessionCutoffs): Promise<LiveSession | undefined> {
  const [row] = await sql.query<{ id: number; customer_id: string; language: string }>(
    `with s as (
       select s.id, s.customer_id, c.language
         from customer_sessions s join customers c on c.id = s.customer_id
        where s.token_hash = $1 and s.revoked_at is null and s.created_at > $2 and s.last_seen_at > $3
     ), touched as (
       update customer_sessions set last_seen_at = $4
        where id = (select id from s) and last_seen_at < $5
     )
     select id, customer_id, language from s`,
    [tokenHash, c.createdAfter, c.seenAfter, c.now, c.touchBefore],
  );
  return row ? { sessionId: row.id, customerId: row.customer_id, language: isLocale(row.language) ? row.language : 'en' } : undefined;
}

export async function revokeSessionByToken(sql: Sql, tokenHash: string, reason: SessionEndReason, at: Date): Promise<boolean> {
  const rows = await sql.query(
    'update customer_sessions set revoked_at = $2, revoked_reason = $3 where token_hash = $1 and revoked_at is null returning 1',
    [tokenHash, at, reason],
  );
  return rows.length > 0;
}

export async function revokeCustomerSessions(sql: Sql, customerIds: readonly string[], reason: SessionEndReason, at: Date): Promise<number> {
  const rows = await sql.query(
    `update customer_sessions set revoked_at = $2, revoked_reason = $3
      where customer_id = any($1::uuid[]) and revoked_at is null returning 1`,
    [customerIds, at, reason],
  );
  return rows.length;
}

/** Ends the live sessions of every account holding one of these numbers (live links only). */
export async function revokeSessionsForLines(sql: Sql, msisdns: readonly string[], reason: SessionEndReason, at: Date, createdAfter: Date): Promise<number> {
  const rows = await sql.query(
    `update customer_sessions s set revoked_at = $2, revoked_reason = $3
      where s.revoked_at is null and s.created_at > $4
        and s.customer_id in (select customer_id from customer_lines where msisdn = any($1::text[]) and detached_at is null)
      returning 1`,
    [msisdns, at, reason, createdAfter],
  );
  return rows.length;
}
