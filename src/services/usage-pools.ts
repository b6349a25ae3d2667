// The family groups' shared data pools during one usage batch (issue 13): a member's data draws on
// its group's pool instead of its own pack, so several lines in one batch share one pack state.
// Each line is rated in turn against what the pool holds after the lines before it.
import type { IsoDate } from '../domain/calendar.ts';
import { poolPeriodOn } from '../domain/groups.ts';
import { includedPerPeriod, readPackAllowances, type PackState } from '../domain/usage-rating.ts';
import type { UsageRecord } from '../domain/usage-records.ts';
import type { Sql } from '../db/database.ts';
import { addPoolUse, findPoolsUsed, lockPoolsOfLines, type LinePool, type PoolUseRow } from '../db/group-repository.ts';

/** Pool pack keys start so; a line's own keys start with a date or "none", so the two never meet. */
const POOL_PREFIX = 'pool:';

export interface PoolBook {
  /** The pool pack this record draws on, or null when it draws on the line's own pack. */
  keyFor(msisdn: string, record: UsageRecord, ownPeriod: IsoDate | null): string | null;
  /** The pool's state now (after the lines rated before), for a line's rating to start from. */
  stateOf(key: string): PackState | undefined;
  /** Takes a rated line's pool use into the shared state and the rows to write. */
  settle(msisdn: string, packsAfter: ReadonlyMap<string, PackState>): void;
  isPoolKey(key: string): boolean;
  /** The pool period a pool key counts in (written as the record's period). */
  periodOf(key: string): IsoDate | null;
  write(sql: Sql): Promise<void>;
}

function parseKey(key: string): { groupId: string; periodStart: IsoDate } | null {
  if (!key.startsWith(POOL_PREFIX)) return null;
  const [groupId, periodStart] = key.slice(POOL_PREFIX.length).split('|');
  return groupId && periodStart ? { groupId, periodStart: periodStart as IsoDate } : null;
}

/** Locks the pools these records' lines draw on (in group order) and reads their use so far. */
export async function openPoolBook(sql: Sql, records: readonly UsageRecord[]): Promise<PoolBook> {
  const dataLines = [...new Set(records.filter((r) => r.kind === 'data').map((r) => r.msisdn))].sort();
  const pools: Map<string, LinePool> = await lockPoolsOfLines(sql, dataLines);
  const included = new Map<string, number>();
  const pairs = new Map<string, { groupId: string; periodStart: IsoDate }>();
  for (const record of records) {
    const pool = record.kind === 'data' ? pools.get(record.msisdn) : undefined;
    const period = pool ? poolPeriodOn(pool.createdOn, record.day) : null;
    if (!pool || !period) continue;
    included.set(pool.groupId, includedPerPeriod(readPackAllowances(pool.allowances)).data ?? 0);
    pairs.set(`${POOL_PREFIX}${pool.groupId}|${period.start}`, { groupId: pool.groupId, periodStart: period.start });
  }
  const stored = await findPoolsUsed(sql, [...pairs.values()].map((p) => p.groupId), [...pairs.values()].map((p) => p.periodStart));
  const state = new Map<string, PackState>();
  for (const [key, pair] of pairs) {
    const used = stored.find((s) => s.groupId === pair.groupId && s.periodStart === pair.periodStart)?.used ?? 0;
    state.set(key, { included: included.get(pair.groupId) ?? 0, used });
  }
  const rows: PoolUseRow[] = [];
  return {
    keyFor(msisdn, record, ownPeriod) {
      // A line past its own paid end draws on no pack at all, the pool included.
      if (record.kind !== 'data' || ownPeriod === null) return null;
      const pool = pools.get(msisdn);
      const period = pool ? poolPeriodOn(pool.createdOn, record.day) : null;
      return pool && period ? `${POOL_PREFIX}${pool.groupId}|${period.start}` : null;
    },
    stateOf: (key) => state.get(key),
    settle(msisdn, packsAfter) {
      for (const [key, after] of packsAfter) {
        const pool = parseKey(key);
        const before = state.get(key);
        if (!pool || !before || after.used === before.used) continue;
        rows.push({ groupId: pool.groupId, periodStart: pool.periodStart, msisdn, used: after.used - before.used });
        state.set(key, { included: before.included, used: after.used });
      }
    },
    isPoolKey: (key) => key.startsWith(POOL_PREFIX),
    periodOf: (key) => parseKey(key)?.periodStart ?? null,
    write: (sql) => addPoolUse(sql, rows),
  };
}
