// Moves every line to the stage it should be in at a moment: active → one-way → suspended →
// quarantine → recyclable. Set-based and batched: each pass takes lines of one stage whose
// validity end is past that stage's cutoff (an index range), so lines with nothing due cost
// nothing. Stages only advance by time; running it twice changes nothing.
import { operatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { stageCutoffs, type LineStatus } from '../domain/lifecycle.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Database } from '../db/database.ts';

export interface SweepDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
}

export interface SweepResult {
  readonly day: IsoDate;
  readonly moved: Readonly<Record<LineStatus, number>>;
  readonly total: number;
}

const advancing: readonly { from: LineStatus; cutoff: 'oneWayBelow' | 'suspendedBelow' | 'quarantineBelow' | 'recyclableBelow' }[] = [
  // Latest stage first, so a line far behind moves straight to where it belongs in one pass.
  { from: 'quarantine', cutoff: 'recyclableBelow' },
  { from: 'suspended', cutoff: 'quarantineBelow' },
  { from: 'one_way', cutoff: 'suspendedBelow' },
  { from: 'active', cutoff: 'oneWayBelow' },
];

export async function sweepLifecycle(deps: SweepDeps, at: Instant, batchSize = 50_000): Promise<SweepResult> {
  const day = operatorDay(at);
  const c = stageCutoffs(day, deps.policy);
  const moved: Record<LineStatus, number> = { active: 0, one_way: 0, suspended: 0, quarantine: 0, recyclable: 0 };
  for (const { from, cutoff } of advancing) {
    for (;;) {
      // Each batch is its own short transaction so a sweep over millions of lines never holds
      // many row locks at once; lines locked by a renewal right now are skipped and caught next time.
      const rows = await deps.db.tx((sql) => sql.query<{ to_status: LineStatus; n: number }>(
        `with due as (
           select msisdn from lines
            where status = $1 and valid_until < $2::date
            limit $7
            for update skip locked
         ), moved as (
           update lines l
              set status = case
                    when l.valid_until < $5::date then 'recyclable'
                    when l.valid_until < $4::date then 'quarantine'
                    when l.valid_until < $3::date then 'suspended'
                    else 'one_way' end,
                  status_changed_at = $6, updated_at = $6
             from due where l.msisdn = due.msisdn
           returning l.msisdn, l.status, l.valid_until
         ), events as (
           insert into lifecycle_events (msisdn, from_status, to_status, valid_until, cause, occurred_at)
           select msisdn, $1, status, valid_until, 'sweep', $6 from moved
         )
         select status as to_status, count(*)::int8 as n from moved group by status`,
        [from, c[cutoff], c.suspendedBelow, c.quarantineBelow, c.recyclableBelow, new Date(at), batchSize],
      ));
      let batch = 0;
      for (const r of rows) {
        moved[r.to_status] += r.n;
        batch += r.n;
      }
      if (batch < batchSize) break;
    }
  }
  const total = Object.values(moved).reduce((a, b) => a + b, 0);
  return { day, moved, total };
}
