// Rates a batch of usage records from the operator's mediation: checked whole, then in one
// transaction each new sourceId is claimed, rated against its line's packs, and the overage of
// each line charged through the one write path (one ledger operation per line per batch).
import { randomUUID } from 'node:crypto';
import { addDays, type Instant, type IsoDate } from '../domain/calendar.ts';
import { formatSmsDate, smsText } from '../domain/sms-templates.ts';
import { isOneOf, usageKinds, type UsageKind } from '../domain/vocabularies.ts';
import type { OutboxRow } from '../db/sms-outbox-repository.ts';
import { outboxRow } from './enqueue-sms.ts';
import { includedPerPeriod, chargeUsage, packNameForSms, packRanOut, readPackAllowances, rateLineUsage, usagePeriodOn, type PackState, type RatingInput, type UsageRates } from '../domain/usage-rating.ts';
import { readUsageBatch, type UsageRecord } from '../domain/usage-records.ts';
import { DomainError } from '../domain/errors.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Database, Sql } from '../db/database.ts';
import {
  addPacksUsed, claimUsageSources, findPacksUsed, findUsageLines, insertOutboxRows, insertRatedUsage,
  type PackUsedRow, type RatedUsageRow, type UsageLine,
} from '../db/usage-repository.ts';
import { applyLineChanges, type LineChangeRequest } from './apply-line-change.ts';
import { openPoolBook } from './usage-pools.ts';

export interface RateUsageDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
}

export interface UsageBatchResult {
  /** Records rated by this batch. */
  readonly accepted: number;
  /** Records whose sourceId was rated before (by an earlier batch, or earlier in this one). */
  readonly duplicates: number;
}

/** Pack key for a record after the plan's paid end: it draws on no pack and is never stored. */
const NO_PACK = 'none';

function ratesOf(policy: ValidityPolicy): UsageRates {
  if (!policy.usage) {
    throw new DomainError('POLICY_INVALID', `the validity policy in force (${policy.version}) has no usage rates: usage cannot be rated`);
  }
  return policy.usage;
}

export async function rateUsage(deps: RateUsageDeps, items: unknown): Promise<UsageBatchResult> {
  const now = deps.now();
  const rates = ratesOf(deps.policy);
  const records = readUsageBatch(items, now);
  if (records.length === 0) return { accepted: 0, duplicates: 0 };
  // The first record of each sourceId is the one that counts; later ones in the batch are repeats.
  const firsts = new Map<string, UsageRecord>();
  for (const record of records) if (!firsts.has(record.sourceId)) firsts.set(record.sourceId, record);
  const msisdns = [...new Set(records.map((r) => r.msisdn))].sort();
  const batchId = randomUUID();
  return deps.db.tx(async (sql) => {
    const lines = await findUsageLines(sql, msisdns, true);
    const unknown = records.find((r) => !lines.has(r.msisdn));
    if (unknown) {
      throw new DomainError('USAGE_INVALID', `record ${unknown.index} is not valid: no line ${unknown.msisdn}; nothing of this batch was applied`, [
        { index: unknown.index, path: `/${unknown.index}/msisdn`, message: `record ${unknown.index}: msisdn ${unknown.msisdn} is not a Saxla line` },
      ]);
    }
    const claimed = await claimUsageSources(sql, [...firsts.keys()], new Date(now));
    const fresh = [...firsts.values()].filter((r) => claimed.has(r.sourceId));
    await rateClaimed(sql, deps, rates, lines, fresh, batchId, now);
    return { accepted: fresh.length, duplicates: records.length - fresh.length };
  });
}

interface LineBatch {
  readonly usage: UsageLine;
  readonly records: UsageRecord[];
  readonly periods: (IsoDate | null)[];
}

/** Groups the claimed records by line in a stable order (time, then sourceId) with each one's period. */
function groupByLine(lines: ReadonlyMap<string, UsageLine>, records: readonly UsageRecord[]): Map<string, LineBatch> {
  const byLine = new Map<string, LineBatch>();
  // Lines share anchors and records share days: each (anchor, day) is worked out once a batch.
  const periods = new Map<string, IsoDate | null>();
  const periodOn = (anchor: IsoDate, day: IsoDate): IsoDate | null => {
    const key = anchor + day;
    let start = periods.get(key);
    if (start === undefined) {
      start = usagePeriodOn(anchor, day)?.start ?? null;
      periods.set(key, start);
    }
    return start;
  };
  const sorted = records.toSorted((a, b) => a.occurredAt - b.occurredAt || (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
  for (const record of sorted) {
    const usage = lines.get(record.msisdn);
    if (!usage) continue;
    let batch = byLine.get(record.msisdn);
    if (!batch) {
      batch = { usage, records: [], periods: [] };
      byLine.set(record.msisdn, batch);
    }
    batch.records.push(record);
    batch.periods.push(periodOn(usage.packAnchor, record.day));
  }
  return byLine;
}

async function rateClaimed(sql: Sql, deps: RateUsageDeps, rates: UsageRates, lines: ReadonlyMap<string, UsageLine>,
  records: readonly UsageRecord[], batchId: string, now: Instant): Promise<void> {
  if (records.length === 0) return;
  const byLine = groupByLine(lines, records);
  const pairs = [...byLine].flatMap(([msisdn, b]) => [...new Set(b.periods.filter((p) => p !== null))].map((p) => [msisdn, p] as const));
  const stored = await findPacksUsed(sql, pairs.map((p) => p[0]), pairs.map((p) => p[1]));
  const usedBy = new Map(stored.map((r) => [`${r.msisdn}|${r.periodStart}|${r.kind}`, r.used]));
  const rows: RatedUsageRow[] = [];
  const packRows: PackUsedRow[] = [];
  const charges: LineChangeRequest<{ charged: number; records: number }>[] = [];
  const notices: OutboxRow[] = [];
  const pools = await openPoolBook(sql, records);
  for (const [msisdn, batch] of byLine) {
    const included = batch.usage.line.planCode === null || batch.usage.allowances === null
      ? {} : includedPerPeriod(readPackAllowances(batch.usage.allowances));
    const packs = new Map<string, PackState>();
    const inputs = batch.records.map((r, i): RatingInput => {
      const period = batch.periods[i] ?? null;
      const poolKey = pools.keyFor(msisdn, r, period);
      const poolState = poolKey === null ? undefined : pools.stateOf(poolKey);
      if (poolKey !== null && poolState !== undefined) {
        packs.set(poolKey, poolState);
        return { kind: r.kind, quantity: r.quantity, packKey: poolKey };
      }
      const packKey = `${period ?? NO_PACK}|${r.kind}`;
      if (period !== null && !packs.has(packKey)) {
        packs.set(packKey, { included: included[r.kind] ?? 0, used: usedBy.get(`${msisdn}|${packKey}`) ?? 0 });
      }
      return { kind: r.kind, quantity: r.quantity, packKey };
    });
    const rated = rateLineUsage(batch.usage.line.balance, inputs, packs, rates);
    pools.settle(msisdn, rated.packs);
    const ledgerKey = rated.charged > 0 ? `usage:${batchId}:${msisdn}` : null;
    if (ledgerKey !== null) {
      const charged = rated.charged;
      const records = batch.records.length;
      charges.push({
        msisdn: batch.usage.line.msisdn,
        idempotencyKey: ledgerKey,
        // The key is new by construction (a fresh batch id); the amount is all a replay could differ in.
        requestHash: `charged:${charged}`,
        kind: 'usage',
        reference: null,
        cause: 'usage rated',
        now,
        policy: deps.policy,
        decide: (line) => ({ change: chargeUsage(line, charged, records), result: { charged, records } }),
      });
    }
    batch.records.forEach((r, i) => {
      const rating = rated.ratings[i];
      if (!rating) return;
      rows.push({
        sourceId: r.sourceId, msisdn, kind: r.kind, quantity: r.quantity, occurredAt: new Date(r.occurredAt), destination: r.destination,
        periodStart: pools.periodOf(inputs[i]?.packKey ?? '') ?? batch.periods[i] ?? null, billable: rating.billable, fromPack: rating.fromPack, cost: rating.cost,
        charged: rating.charged, ledgerKey: rating.charged > 0 ? ledgerKey : null,
      });
    });
    for (const [key, pack] of rated.packs) {
      const [periodStart, kind] = key.split('|');
      const beforeState = packs.get(key);
      const before = beforeState?.used ?? 0;
      if (pools.isPoolKey(key) || periodStart === undefined || periodStart === NO_PACK || !isOneOf(usageKinds, kind) || pack.used === before) continue;
      packRows.push({ msisdn, periodStart: periodStart as IsoDate, kind, used: pack.used - before });
      if (beforeState && packRanOut(beforeState, pack)) notices.push(packUsedUpNotice(batch.usage, periodStart as IsoDate, kind, now));
    }
  }
  // Every line's overage through the one write path, all lines in one round trip.
  await applyLineChanges(sql, charges);
  await insertRatedUsage(sql, rows, new Date(now));
  await addPacksUsed(sql, packRows);
  await pools.write(sql);
  // Told in the same transaction as the usage that emptied the pack; once per pack and period.
  await insertOutboxRows(sql, notices);
}

/** "Your data pack is used up; it renews on …": the SMS for a pack this batch emptied. */
function packUsedUpNotice(usage: UsageLine, periodStart: IsoDate, kind: UsageKind, now: Instant): OutboxRow {
  const { line } = usage;
  const end = usagePeriodOn(usage.packAnchor, periodStart)?.end ?? periodStart;
  return outboxRow({
    msisdn: line.msisdn, kind: 'usage_notice', language: line.language,
    text: smsText('usage_notice.pack_used_up', line.language, {
      what: packNameForSms(kind, line.language), msisdn: line.msisdn, date: formatSmsDate(addDays(end, 1), line.language),
    }),
    dedupeKey: `pack-used-up:${line.msisdn}:${periodStart}:${kind}`,
  }, now);
}
