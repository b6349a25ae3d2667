// What is left in a line's packs this period and when they reset: for its customer (API and
// dashboard) and for the line itself (USSD). A line the customer has not proven answers 404.
import { operatorDay, type Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import { packsLeft, readPackAllowances, type PackLeft } from '../domain/usage-rating.ts';
import type { UsageKind } from '../domain/vocabularies.ts';
import type { Database, Sql } from '../db/database.ts';
import { hasLiveLink } from '../db/account-repository.ts';
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
  if (usage.line.planCode === null || usage.allowances === null) return { items: [] };
  const today = operatorDay(now);
  const allowances = readPackAllowances(usage.allowances);
  // The period is found first (from the anchor), then its counters: one period, one read.
  const { period } = packsLeft(allowances, usage.packAnchor, today, new Map());
  if (period === null) return { items: [] };
  const rows = await findPacksUsed(sql, [msisdn], [period.start]);
  const used = new Map<UsageKind, number>(rows.map((r) => [r.kind, r.used]));
  return { items: packsLeft(allowances, usage.packAnchor, today, used).items };
}

export async function getLineUsage(deps: LineUsageDeps, customerId: string, msisdnText: string): Promise<LineUsage> {
  const msisdn = parseMsisdn(msisdnText);
  const usage = await deps.db.tx(async (sql) => (await hasLiveLink(sql, customerId, msisdn)) ? readLineUsage(sql, msisdn, deps.now()) : undefined);
  if (!usage) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  return usage;
}
