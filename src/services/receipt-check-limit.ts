// The public receipt verifier answers at most RECEIPT_CHECKS_PER_MINUTE requests a minute per
// calling address (an HMAC of its client network, never the address: an IPv6 /64 is one caller),
// every request counted, malformed ones too.
// Counted in the database so every Saxla process shares the budget; one-second buckets in the
// public checkers' counter table make the minute slide rather than reset.
import { createHmac } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { clientNetwork } from '../domain/client-address.ts';
import { DomainError } from '../domain/errors.ts';
import { RECEIPT_CHECKS_PER_MINUTE } from '../domain/receipt-number.ts';
import type { Database } from '../db/database.ts';

export interface ReceiptCheckLimitDeps {
  readonly db: Database;
  /** SAXLA_SECRET, for the HMAC of the caller's address. */
  readonly secret: string;
}

const WINDOW_MS = 60_000;
const BUCKET_MS = 1_000;
// Subjects of this limit sort between these two strings, so pruning touches only our rows.
const PREFIX = 'receipt-verify:';
const PREFIX_END = 'receipt-verify;';

/** Counts one verification from `address`; RATE_LIMITED (nothing counted) once the minute's budget is spent. */
export async function countReceiptCheck(deps: ReceiptCheckLimitDeps, address: string, now: Instant, max = RECEIPT_CHECKS_PER_MINUTE): Promise<void> {
  const subject = `${PREFIX}${createHmac('sha256', deps.secret).update(`saxla:receipt-verify-address\u0000${clientNetwork(address)}`).digest('hex')}`;
  const allowed = await deps.db.tx(async (sql) => {
    // Parallel requests from one address take turns, so they cannot all pass at the 60th.
    await sql.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [subject]);
    const [row] = await sql.query<{ n: number }>(
      `with pruned as (
         delete from message_check_counters
          where (subject, window_start) in (
            select subject, window_start from message_check_counters
             where window_start < $5 and subject >= $6 and subject < $7 limit 50)
       ),
       recent as (
         select coalesce(sum(hits), 0)::int8 as n from message_check_counters where subject = $1 and window_start > $3
       ),
       counted as (
         insert into message_check_counters (subject, window_start, hits)
         select $1, $2, 1 from recent where n < $4
         on conflict (subject, window_start) do update set hits = message_check_counters.hits + 1
       )
       select n from recent`,
      [subject, new Date(now - (now % BUCKET_MS)), new Date(now - WINDOW_MS), max, new Date(now - 2 * WINDOW_MS), PREFIX, PREFIX_END],
    );
    return (row?.n ?? 0) < max;
  });
  if (!allowed) throw new DomainError('RATE_LIMITED', `at most ${max} receipt checks a minute from one address; try again in a minute`);
}
