// Moves every line to the stage it should be in at a moment: active → one-way → suspended →
// quarantine → recyclable, then writes the reminders and stage notices now due. Set-based and
// batched: each pass takes lines of one stage whose validity end is past that stage's cutoff, so
// lines with nothing due cost nothing. Stages only advance by time; running it twice changes nothing.
import { operatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { stageCutoffs, type LineStatus } from '../domain/lifecycle.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Database } from '../db/database.ts';
import { startDuePlans } from '../db/scheduled-plan-repository.ts';
import { endSessionsForLines } from './end-sessions-for-lines.ts';
import { enqueueMilestoneSms } from './enqueue-milestone-sms.ts';

export interface SweepDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
}

export interface SweepResult {
  readonly day: IsoDate;
  readonly moved: Readonly<Record<LineStatus, number>>;
  readonly total: number;
  /** SMS written to the outbox by this sweep: reminders before the end, notices at each stage. */
  readonly reminders: number;
  readonly notices: number;
  /** Customer sessions ended because their line entered quarantine. */
  readonly sessionsEnded: number;
}

const advancing: readonly { from: LineStatus; cutoff: 'oneWayBelow' | 'suspendedBelow' | 'quarantineBelow' | 'recyclableBelow' }[] = [
  // Latest stage first, so a line far behind moves straight to where it belongs in one pass.
  { from: 'quarantine', cutoff: 'recyclableBelow' },
  { from: 'suspended', cutoff: 'quarantineBelow' },
  { from: 'one_way', cutoff: 'suspendedBelow' },
  { from: 'active', cutoff: 'oneWayBelow' },
];

// The locked rows are found again by ctid (a TID scan), not by joining on msisdn: the join made
// PostgreSQL hash the whole table for every batch. A row we hold locked keeps its ctid until we
// update it, and the status test is repeated in case it moved before we locked it.
const moveSql = `
  with moved as (
    update lines l
       set status = case
             when l.valid_until < $5::date then 'recyclable'
             when l.valid_until < $4::date then 'quarantine'
             when l.valid_until < $3::date then 'suspended'
             else 'one_way' end,
           status_changed_at = $6, updated_at = $6
     where l.ctid = any(array(
             select ctid from lines where status = $1 and valid_until < $2::date limit $7 for update skip locked))
       and l.status = $1 and l.valid_until < $2::date
    returning l.msisdn, l.status, l.valid_until
  ), events as (
    insert into lifecycle_events (msisdn, from_status, to_status, valid_until, cause, occurred_at)
    select msisdn, $1, status, valid_until, 'sweep', $6 from moved
  )
  select status as to_status, count(*)::int8 as n,
         case when status = 'quarantine' then array_agg(msisdn) end as msisdns
    from moved group by status`;

export async function sweepLifecycle(deps: SweepDeps, at: Instant, batchSize = 50_000): Promise<SweepResult> {
  const day = operatorDay(at);
  const c = stageCutoffs(day, deps.policy);
  const moved: Record<LineStatus, number> = { active: 0, one_way: 0, suspended: 0, quarantine: 0, recyclable: 0 };
  let sessionsEnded = 0;
  // A plan chosen to follow a paid one starts on its day (policy rule planChange = at_paid_end).
  await deps.db.tx((sql) => startDuePlans(sql, day, new Date(at)));
  const moveBatch = (from: LineStatus, below: IsoDate): Promise<number> => deps.db.tx(async (sql) => {
    const rows = await sql.query<{ to_status: LineStatus; n: number; msisdns: string[] | null }>(
      moveSql, [from, below, c.suspendedBelow, c.quarantineBelow, c.recyclableBelow, new Date(at), batchSize],
    );
    let count = 0;
    for (const r of rows) {
      moved[r.to_status] += r.n;
      count += r.n;
      // The number may soon belong to someone else: its holder's sessions end with the move.
      if (r.msisdns) sessionsEnded += await endSessionsForLines(sql, r.msisdns, at);
    }
    return count;
  });
  for (const { from, cutoff } of advancing) {
    // Each batch is its own short transaction so a sweep over millions of lines never holds many
    // row locks at once; lines locked by a renewal right now are skipped and caught next time.
    // Two batches run at once on PostgreSQL (skip locked keeps them apart); PGlite has one connection.
    const lanes = deps.db.engine === 'postgres' ? 2 : 1;
    await Promise.all(Array.from({ length: lanes }, async () => {
      while (await moveBatch(from, c[cutoff]) >= batchSize) { /* next batch */ }
    }));
  }
  const total = Object.values(moved).reduce((a, b) => a + b, 0);
  // After the moves, so a line far behind gets the notice of the stage it is now in, not older ones.
  const { reminders, notices } = await enqueueMilestoneSms(deps, day, at);
  return { day, moved, total, reminders, notices, sessionsEnded };
}
