// Rating usage against a line's packs: each record is rounded up to its kind's block (a started
// minute, a started 100 KB), packs are consumed first, and what goes past a pack costs the policy's
// price per started block, charged to the balance. Operators change rates and blocks often, so
// they are policy data (policy.ts `usage`); only the meaning of the catalogue's allowance keys
// (minutes are 60 seconds, a megabyte is 1024 kilobytes) lives here.
import { addDays, addMonths, formatInstant, startOfOperatorDay, type IsoDate } from './calendar.ts';
import type { PlanAllowances } from './catalog.ts';
import type { ErrorDetail } from './errors.ts';
import type { Line, LineChange } from './line.ts';
import type { Locale } from './money.ts';
import { qepik, type Qepik } from './money.ts';
import { isOneOf, usageKinds, type UsageKind, type UsageUnit } from './vocabularies.ts';

export { usageKinds, type UsageKind, type UsageUnit };

/** Each kind counts in one unit; a record in another unit is refused, never converted. */
export const unitOfKind: Readonly<Record<UsageKind, UsageUnit>> = {
  voice: 'second', sms: 'message', data: 'kilobyte', roaming_voice: 'second', roaming_data: 'kilobyte', international: 'second',
};

/** Overage for one kind: every started `block` (in the kind's unit) past the pack costs `price`. */
export interface UsageRate {
  /** Kept so a parsed policy written back as JSON (installPolicy stores it so) parses again. */
  readonly unit: UsageUnit;
  readonly block: number;
  readonly price: Qepik;
}
export type UsageRates = Readonly<Record<UsageKind, UsageRate>>;

/** The largest block a policy may name: a day of calls, a gigabyte. Larger is a typo. */
const MAX_BLOCK = 1_048_576;

/** Reads the policy's `usage` section; every kind is required, so no kind is ever rated for free by omission. */
export function readUsageRates(value: unknown, problems: ErrorDetail[]): UsageRates {
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const need = (ok: boolean, path: string, message: string): void => {
    if (!ok) problems.push({ path, message });
  };
  need(Object.keys(record).length > 0, '/usage', `an object with ${usageKinds.join(', ')}`);
  for (const key of Object.keys(record)) need(isOneOf(usageKinds, key), `/usage/${key}`, 'not a usage kind');
  const rates = usageKinds.map((kind): [UsageKind, UsageRate] => {
    const entry = record[kind];
    const e = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    need(e.unit === unitOfKind[kind], `/usage/${kind}/unit`, `"${unitOfKind[kind]}"`);
    const blockOk = typeof e.block === 'number' && Number.isSafeInteger(e.block) && e.block >= 1 && e.block <= MAX_BLOCK;
    need(blockOk, `/usage/${kind}/block`, `whole ${unitOfKind[kind]}s from 1 to ${MAX_BLOCK}`);
    const priceOk = typeof e.price === 'number' && Number.isSafeInteger(e.price) && e.price >= 0;
    need(priceOk, `/usage/${kind}/price`, 'whole qəpik ≥ 0 per block');
    return [kind, { unit: unitOfKind[kind], block: blockOk ? (e.block as number) : 1, price: qepik(priceOk ? (e.price as number) : 0) }];
  });
  return Object.fromEntries(rates) as Record<UsageKind, UsageRate>;
}

/** Which allowance of the catalogue fills which pack, and how many of the kind's units one is. */
const packSources: Readonly<Record<UsageKind, { readonly key: keyof PlanAllowances; readonly units: number } | null>> = {
  voice: { key: 'minutes', units: 60 },
  sms: { key: 'sms', units: 1 },
  data: { key: 'dataMb', units: 1024 },
  // The catalogue sells no roaming minutes: roaming calls are always overage.
  roaming_voice: null,
  roaming_data: { key: 'roamingMb', units: 1024 },
  international: { key: 'internationalMinutes', units: 60 },
};

/**
 * The pack allowances of a plan's stored allowances (checked by catalog.ts on the way in), read
 * defensively: a key that is not a whole number ≥ 0 counts as no pack.
 */
export function readPackAllowances(value: unknown): PlanAllowances {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const out: Record<string, number> = {};
  for (const source of Object.values(packSources)) {
    const amount = source ? record[source.key] : undefined;
    if (source && typeof amount === 'number' && Number.isSafeInteger(amount) && amount >= 0) out[source.key] = amount;
  }
  return out;
}

/** What a plan includes per period, in each kind's unit; kinds without a pack are absent. */
export function includedPerPeriod(allowances: PlanAllowances): Partial<Record<UsageKind, number>> {
  const out: Partial<Record<UsageKind, number>> = {};
  for (const kind of usageKinds) {
    const source = packSources[kind];
    const amount = source ? allowances[source.key] : undefined;
    if (source && amount !== undefined && amount > 0) out[kind] = amount * source.units;
  }
  return out;
}

/**
 * A pack period: Baku days, both ends included. Packs renew monthly on the day the line's
 * validity ends (the renewal day), counted back from that end: a line valid until 15 March has
 * periods 16 Feb–15 Mar, 16 Jan–15 Feb, … A renewal by whole months keeps the day; a top-up that
 * moves the end moves the day with it from the next record on.
 */
export interface UsagePeriod {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

/** The period containing `day`, or null when the day is after the validity end (no plan paid for it). */
export function usagePeriodOn(validUntil: IsoDate, day: IsoDate): UsagePeriod | null {
  if (day > validUntil) return null;
  const months = (Number(validUntil.slice(0, 4)) - Number(day.slice(0, 4))) * 12 + Number(validUntil.slice(5, 7)) - Number(day.slice(5, 7));
  // validUntil − (months − 1) months lies in the month after `day`'s, so it is not before `day`.
  let back = Math.max(0, months - 1);
  while (addMonths(validUntil, -(back + 1)) >= day) back++;
  return { start: addDays(addMonths(validUntil, -(back + 1)), 1), end: addMonths(validUntil, -back) };
}

/** The record's quantity rounded up to whole blocks: the rounding rule, once. */
export function billableQuantity(quantity: number, block: number): number {
  return Math.ceil(quantity / block) * block;
}

/** Started blocks past the pack when `used` units (all usage of the period) are counted. */
export function overageBlocks(included: number, used: number, block: number): number {
  return used <= included ? 0 : Math.ceil((used - included) / block);
}

/** One pack's state in one period: `used` counts everything of the kind, past the pack too. */
export interface PackState {
  readonly included: number;
  readonly used: number;
}

export interface RatingInput {
  readonly kind: UsageKind;
  readonly quantity: number;
  /** Which pack the record draws on (the line's period and kind), e.g. "2026-11-16|data". */
  readonly packKey: string;
}

export interface Rating {
  readonly billable: number;
  readonly fromPack: number;
  /** What the overage cost, whether or not the balance covered it. */
  readonly cost: Qepik;
  readonly charged: Qepik;
  /** Cost the balance could not cover: a prepaid balance never goes below zero. */
  readonly uncharged: Qepik;
}

export interface RatedBatch {
  readonly ratings: readonly Rating[];
  readonly packs: ReadonlyMap<string, PackState>;
  readonly charged: Qepik;
  readonly balanceAfter: Qepik;
}

/**
 * Rates one line's records in the order given. Totals (cost, charge, what packs hold after) do
 * not depend on that order; only which record carries a charge does, so callers pass a stable
 * order (time, then sourceId). A pack key with no state draws on an empty pack.
 */
export function rateLineUsage(balance: Qepik, records: readonly RatingInput[], packsBefore: ReadonlyMap<string, PackState>, rates: UsageRates): RatedBatch {
  const packs = new Map(packsBefore);
  let left = Math.max(0, balance);
  let charged = 0;
  const ratings = records.map((record): Rating => {
    const rate = rates[record.kind];
    const pack = packs.get(record.packKey) ?? { included: 0, used: 0 };
    const billable = billableQuantity(record.quantity, rate.block);
    const used = pack.used + billable;
    const fromPack = Math.min(billable, Math.max(0, pack.included - pack.used));
    const blocks = overageBlocks(pack.included, used, rate.block) - overageBlocks(pack.included, pack.used, rate.block);
    const cost = blocks * rate.price;
    const charge = Math.min(cost, left);
    left -= charge;
    charged += charge;
    packs.set(record.packKey, { included: pack.included, used });
    return { billable, fromPack, cost: qepik(cost), charged: qepik(charge), uncharged: qepik(cost - charge) };
  });
  return { ratings, packs, charged: qepik(charged), balanceAfter: qepik(balance - charged) };
}

/**
 * One ledger entry for a line's overage in one batch: a debit that never takes the balance below
 * zero (rateLineUsage capped it) and leaves validity as it is.
 */
export function chargeUsage(line: Line, amount: Qepik, records: number): LineChange {
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > line.balance) {
    throw new RangeError(`a usage charge of ${amount} does not fit the balance ${line.balance}`);
  }
  return {
    line: { ...line, balance: qepik(line.balance - amount) },
    entries: [{
      kind: 'usage', amount: qepik(-amount), validUntilBefore: line.validUntil, validUntilAfter: line.validUntil,
      description: `usage beyond packs, ${records} record${records === 1 ? '' : 's'}`,
    }],
  };
}

/** What is left in one pack this period, as customers see it. */
export interface PackLeft {
  readonly kind: UsageKind;
  readonly unit: UsageUnit;
  readonly included: number;
  readonly used: number;
  readonly left: number;
  /** When the next period's pack starts: 00:00 in Baku the day after the period ends (ISO-8601 with offset). */
  readonly resetsAt: string;
}

/**
 * The packs of the period containing `today`, in the vocabulary's order. `used` here counts only
 * what the pack covered (at most `included`); none when the plan's paid end has passed.
 */
export function packsLeft(allowances: PlanAllowances, packAnchor: IsoDate, today: IsoDate, usedByKind: ReadonlyMap<UsageKind, number>): { period: UsagePeriod | null; items: PackLeft[] } {
  const period = usagePeriodOn(packAnchor, today);
  if (period === null) return { period, items: [] };
  const included = includedPerPeriod(allowances);
  const resetsAt = formatInstant(startOfOperatorDay(addDays(period.end, 1)));
  const items = usageKinds.flatMap((kind): PackLeft[] => {
    const amount = included[kind];
    if (amount === undefined) return [];
    const used = Math.min(amount, usedByKind.get(kind) ?? 0);
    return [{ kind, unit: unitOfKind[kind], included: amount, used, left: amount - used, resetsAt }];
  });
  return { period, items };
}

/** A pack's name inside the "pack used up" SMS, in the line's language. */
const packNames: Readonly<Record<Locale, Readonly<Record<UsageKind, string>>>> = {
  en: { voice: 'calls', sms: 'SMS', data: 'mobile data', roaming_voice: 'roaming calls', roaming_data: 'roaming data', international: 'international calls' },
  az: { voice: 'zəng', sms: 'SMS', data: 'mobil internet', roaming_voice: 'rouminq zəng', roaming_data: 'rouminq internet', international: 'beynəlxalq zəng' },
  ru: { voice: 'звонки', sms: 'SMS', data: 'интернет', roaming_voice: 'звонки в роуминге', roaming_data: 'интернет в роуминге', international: 'международные звонки' },
  zh: { voice: '通话', sms: '短信', data: '流量', roaming_voice: '漫游通话', roaming_data: '漫游流量', international: '国际通话' },
  tr: { voice: 'arama', sms: 'SMS', data: 'mobil veri', roaming_voice: 'yurt dışı arama', roaming_data: 'yurt dışı veri', international: 'uluslararası arama' },
};

export function packNameForSms(kind: UsageKind, locale: Locale): string {
  return packNames[locale][kind];
}

/** True when this batch took a pack from something left to nothing left: the moment to tell the customer. */
export function packRanOut(before: PackState, after: PackState): boolean {
  return before.included > 0 && before.used < before.included && after.used >= after.included;
}
