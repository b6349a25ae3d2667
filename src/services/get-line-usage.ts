// What is left in a line's packs this period and when they reset: for its customer (API and
// dashboard) and for the line itself (USSD). A line the customer has not proven answers 404.
import { addDays, formatInstant, operatorDay, startOfOperatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import { poolPeriodOn } from '../domain/groups.ts';
import { includedPerPeriod, packsLeft, readPackAllowances, usagePeriodOn, type PackLeft } from '../domain/usage-rating.ts';
import type { UsageKind } from '../domain/vocabularies.ts';
import type { Database, Sql } from '../db/database.ts';
import { hasLiveLink } from '../db/account-repository.ts';
import { findPoolOfLine, findPoolsUsed } from '../db/group-repository.ts';
import { findPacksUsed, findUsageLines } from '../db/usage-repository.ts';

export interface LineUsageDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

export interface LineUsage {
  readonly items: readonly PackLeft[];
}

/** The packs of a line this period, or undefined for a number Saxla does not know. */
export async function readLineUsage(sql: Sql, msisdn: Msisdn, now: Instant): Promise<LineUsage | undefined> {
  const usage = (await findUsageLines(sql, [msisdn], false)).get(msisdn);
  if (!usage) return undefined;
  const today = operatorDay(now);
  // Past the paid end no pack applies, the group's pool included (as rate-usage.ts rates it).
  if (usagePeriodOn(usage.packAnchor, today) === null) return { items: [] };
  let own: readonly PackLeft[] = [];
  if (usage.line.planCode !== null && usage.allowances !== null) {
    const allowances = readPackAllowances(usage.allowances);
    // The period is found first (from the anchor), then its counters: one period, one read.
    const { period } = packsLeft(allowances, usage.packAnchor, today, new Map());
    if (period !== null) {
      const rows = await findPacksUsed(sql, [msisdn], [period.start]);
      own = packsLeft(allowances, usage.packAnchor, today, new Map<UsageKind, number>(rows.map((r) => [r.kind, r.used]))).items;
    }
  }
  return { items: await withPoolData(sql, msisdn, today, own) };
}

/**
 * A family group member's data comes from the group's pool (rate-usage.ts), so its data pack is
 * the pool's: what the whole group has left this pool period, resetting when the pool does.
 */
async function withPoolData(sql: Sql, msisdn: Msisdn, today: IsoDate, items: readonly PackLeft[]): Promise<PackLeft[]> {
  const pool = await findPoolOfLine(sql, msisdn);
  const period = pool ? poolPeriodOn(pool.createdOn, today) : null;
  const included = pool ? includedPerPeriod(readPackAllowances(pool.allowances)).data : undefined;
  if (!pool || !period || included === undefined) return [...items];
  const [row] = await findPoolsUsed(sql, [pool.groupId], [period.start]);
  const used = Math.min(included, row?.used ?? 0);
  const data: PackLeft = {
    kind: 'data', unit: 'kilobyte', included, used, left: included - used, resetsAt: formatInstant(startOfOperatorDay(addDays(period.end, 1))),
  };
  // In the vocabulary's order: data stands where a line's own data pack would.
  const others = items.filter((i) => i.kind !== 'data');
  const at = others.findIndex((i) => i.kind !== 'voice' && i.kind !== 'sms');
  return at < 0 ? [...others, data] : [...others.slice(0, at), data, ...others.slice(at)];
}

export async function getLineUsage(deps: LineUsageDeps, customerId: string, msisdnText: string): Promise<LineUsage> {
  const msisdn = parseMsisdn(msisdnText);
  const usage = await deps.db.tx(async (sql) => (await hasLiveLink(sql, customerId, msisdn)) ? readLineUsage(sql, msisdn, deps.now()) : undefined);
  if (!usage) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  return usage;
}
