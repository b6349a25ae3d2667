// USSD sessions (*101#) in the database, so that any Saxla process behind the gateway can answer
// the next step. A session starts at the customer's first input (the dial's screen only reads the
// line); starting one also sweeps a few expired sessions (lazy clean-up: no timer, no memory).
import type { Line } from '../domain/line.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { Sql } from './database.ts';
import { toLine, type LineRow } from './line-repository.ts';

/** Expired sessions removed per new session; enough to outpace creation, small enough to stay cheap. */
const CLEAN_UP_BATCH = 16;

export interface StartedUssdSession {
  readonly line?: Line;
}

/**
 * Starts (or restarts, for the same number) the session and returns the line. No session is
 * written for an unknown number, nor over another number's live session.
 */
export async function startUssdSession(sql: Sql, s: { sessionId: string; msisdn: Msisdn; state: unknown; at: Date; expiresAt: Date }): Promise<StartedUssdSession> {
  const [row] = await sql.query<LineRow>(
    `with line as (
       select msisdn, iccid, status, balance, valid_until, plan_code, language from lines where msisdn = $2
     ), expired as (
       -- "order by expires_at" keeps this an index range scan that stops at the first live row;
       -- without it a generic plan may scan the whole table on every dial.
       delete from ussd_sessions where session_id in (
         select session_id from ussd_sessions where expires_at < $4
         order by expires_at limit ${CLEAN_UP_BATCH} for update skip locked)
     ), started as (
       insert into ussd_sessions (session_id, msisdn, inputs, state, created_at, expires_at)
       select $1, line.msisdn, '', $3, $4, $5 from line
       on conflict (session_id) do update set inputs = '', state = excluded.state, created_at = excluded.created_at, expires_at = excluded.expires_at
        where ussd_sessions.msisdn = excluded.msisdn or ussd_sessions.expires_at < excluded.created_at
     )
     select * from line`,
    [s.sessionId, s.msisdn, JSON.stringify(s.state), s.at, s.expiresAt],
  );
  return row ? { line: toLine(row) } : {};
}

export interface UssdSessionRow {
  readonly msisdn: string;
  readonly inputs: string;
  readonly state: unknown;
  readonly expiresAt: Date;
  /** Undefined when the line was removed since the session started. */
  readonly line?: Line;
}

/** The session with its line, the session row locked so two copies of one request run one after the other. */
export async function lockUssdSession(sql: Sql, sessionId: string): Promise<UssdSessionRow | undefined> {
  const [row] = await sql.query<Partial<LineRow> & { s_msisdn: string; inputs: string; state: unknown; expires_at: Date }>(
    `select s.msisdn as s_msisdn, s.inputs, s.state, s.expires_at,
            l.msisdn, l.iccid, l.status, l.balance, l.valid_until, l.plan_code, l.language
       from ussd_sessions s left join lines l on l.msisdn = s.msisdn
      where s.session_id = $1
      for update of s`,
    [sessionId],
  );
  if (!row) return undefined;
  const line = row.msisdn === undefined || row.msisdn === null ? undefined : toLine(row as LineRow);
  return { msisdn: row.s_msisdn, inputs: row.inputs, state: row.state, expiresAt: new Date(row.expires_at), ...(line ? { line } : {}) };
}

export async function saveUssdSession(sql: Sql, sessionId: string, inputs: string, state: unknown): Promise<void> {
  await sql.query('update ussd_sessions set inputs = $2, state = $3 where session_id = $1', [sessionId, inputs, JSON.stringify(state)]);
}

export async function deleteUssdSession(sql: Sql, sessionId: string): Promise<void> {
  await sql.query('delete from ussd_sessions where session_id = $1', [sessionId]);
}
