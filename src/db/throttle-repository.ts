// Sliding-window counters kept in the database, so every Saxla process counts the same events.
import type { Sql } from './database.ts';

// Pair scopes have the subject `<address HMAC>:<number>`; code_failure_code_pair has
// `<address HMAC>:<code id>`.
export type ThrottleScope = 'login_failure_account' | 'login_failure_address' | 'login_failure_pair'
  | 'code_failure_pair' | 'code_failure_code_pair' | 'code_failure_number' | 'code_request_address' | 'code_request_pair'
  | 'staff_login_failure_account' | 'staff_login_failure_address';

/** Serialises check-and-record for one key until the transaction ends (parallel requests cannot all slip under a limit). */
export async function lockThrottleKey(sql: Sql, scope: ThrottleScope, subject: string): Promise<void> {
  await sql.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`throttle:${scope}:${subject}`]);
}

/** Events for the key after each cutoff, in the order of the cutoffs. */
export async function countThrottleEvents(sql: Sql, scope: ThrottleScope, subject: string, cutoffs: readonly Date[]): Promise<number[]> {
  const rows = await sql.query<{ n: number }>(
    `select (select count(*) from auth_throttle_events e
              where e.scope = $1 and e.subject = $2 and e.occurred_at > c.cutoff)::int8 as n
       from unnest($3::timestamptz[]) with ordinality as c(cutoff, i)
      order by c.i`,
    [scope, subject, cutoffs],
  );
  return rows.map((r) => r.n);
}

/** How many events the key had after `since`, and when the latest was. */
export async function throttleHistory(sql: Sql, scope: ThrottleScope, subject: string, since: Date): Promise<{ count: number; latest: Date | undefined }> {
  const [row] = await sql.query<{ n: number; latest: Date | null }>(
    `select count(*)::int8 as n, max(occurred_at) as latest from auth_throttle_events
      where scope = $1 and subject = $2 and occurred_at > $3`,
    [scope, subject, since],
  );
  return { count: row?.n ?? 0, latest: row?.latest ?? undefined };
}

/**
 * Records one event and prunes a few rows older than `pruneBefore` (the longest window), so the
 * table stays as small as the windows need without a separate clean-up job.
 */
export async function recordThrottleEvent(sql: Sql, scope: ThrottleScope, subject: string, at: Date, pruneBefore: Date): Promise<number> {
  const [row] = await sql.query<{ id: number }>(
    `with pruned as (
       delete from auth_throttle_events
        where id in (select id from auth_throttle_events where occurred_at < $4 order by occurred_at limit 100)
     )
     insert into auth_throttle_events (scope, subject, occurred_at) values ($1, $2, $3) returning id`,
    [scope, subject, at, pruneBefore],
  );
  if (!row) throw new Error('throttle event was not written');
  return row.id;
}

export async function deleteThrottleEvents(sql: Sql, ids: readonly number[]): Promise<void> {
  await sql.query('delete from auth_throttle_events where id = any($1::int8[])', [ids]);
}

export async function clearThrottleKey(sql: Sql, scope: ThrottleScope, subject: string): Promise<void> {
  await sql.query('delete from auth_throttle_events where scope = $1 and subject = $2', [scope, subject]);
}
