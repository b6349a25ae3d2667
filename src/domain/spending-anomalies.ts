// Anomalies in what a line is charged, found without I/O from its recent history:
// - a day whose spend is far above a robust baseline (median and MAD of the daily spend of the
//   30–90 days before it; zero days count, since most prepaid days cost nothing);
// - watch-lists of charges new to the line: the first international call, the first premium-rate
//   or satellite destination, the first roaming, and charges far above the line's own history.
// Renewals and top-ups are left out: the customer chose them. Each anomaly has a key that is
// unique per line (a day, or "first_…"), so finding it twice, in two processes, stores it once.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { addDays, daysBetween, type IsoDate } from './calendar.ts';
import { qepik, type Qepik } from './money.ts';
import type { UsageKind } from './vocabularies.ts';

/** Days of history the baseline reads at most, and needs at least before it judges a day. */
export const BASELINE_MAX_DAYS = 90;
export const BASELINE_MIN_DAYS = 30;
/** MAD × 1.4826 estimates the standard deviation of normal data; a spike is this many of them above the median. */
export const MAD_TO_SIGMA = 1.4826;
export const SPIKE_SIGMAS = 10;
/** …and at least this far above the median (most lines' median and MAD are 0: one 3 AZN day is not news). */
export const SPIKE_MIN_JUMP = qepik(1000);
/** …and at least this many times the median (a line that spends every day). */
export const SPIKE_MIN_RATIO = 6;
/** A single charge is "far above" history at this many times the median of earlier charges… */
export const LARGE_CHARGE_MEDIAN_RATIO = 10;
/** …and three times the largest earlier one; with fewer than LARGE_CHARGE_MIN_HISTORY earlier charges, from LARGE_CHARGE_ALONE up. */
export const LARGE_CHARGE_MAX_RATIO = 3;
export const LARGE_CHARGE_FLOOR = qepik(500);
export const LARGE_CHARGE_MIN_HISTORY = 5;
export const LARGE_CHARGE_ALONE = qepik(1500);
/** How many causing entries an alert names (the rest are counted). */
export const MAX_CAUSES = 5;

export const anomalyKinds = ['daily_spike', 'large_charge', 'first_international', 'first_premium', 'first_roaming'] as const;
export type AnomalyKind = (typeof anomalyKinds)[number];

export interface Baseline {
  readonly median: number;
  readonly mad: number;
  /** Days it was computed from. */
  readonly days: number;
}

/** The median of a list (the mean of the two middle values for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = values.toSorted((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median absolute deviation from the median. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const m = median(values);
  return median(values.map((v) => Math.abs(v - m)));
}

export function baselineOf(values: readonly number[]): Baseline {
  return { median: median(values), mad: medianAbsoluteDeviation(values), days: values.length };
}

/** The spend above which a day is a spike. */
export function spikeThreshold(b: Baseline): number {
  return Math.max(b.median + SPIKE_SIGMAS * MAD_TO_SIGMA * b.mad, b.median + SPIKE_MIN_JUMP, b.median * SPIKE_MIN_RATIO);
}

// International premium-rate and satellite ranges (ITU: +870 Inmarsat, +881 GMSS, +882/+883
// international networks, +979 international premium rate): the destinations of revenue-share fraud.
const PREMIUM_COUNTRY_CODES = ['870', '881', '882', '883', '979'];

// A line's history names few destinations, read again at every look: each is parsed once.
const premiumSeen = new Map<string, boolean>();

/** A destination charged at premium rates: a premium-rate number of any country, or the ranges above. */
export function isPremiumDestination(destination: string): boolean {
  const known = premiumSeen.get(destination);
  if (known !== undefined) return known;
  const premium = readPremium(destination);
  if (premiumSeen.size > 10_000) premiumSeen.clear();
  premiumSeen.set(destination, premium);
  return premium;
}

function readPremium(destination: string): boolean {
  let digits = destination.trim().replace(/[\s().-]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (!/^\+?\d{3,17}$/.test(digits)) return false;
  if (digits.startsWith('+') && PREMIUM_COUNTRY_CODES.some((cc) => digits.startsWith(`+${cc}`))) return true;
  const type = parsePhoneNumberFromString(digits, 'AZ')?.getType();
  return type === 'PREMIUM_RATE' || type === 'SHARED_COST';
}

/** A ledger entry that counts towards the daily spend (usage overage, other charges). */
export interface WatchedEntry {
  readonly id: number;
  readonly day: IsoDate;
  /** Qəpik spent (positive). */
  readonly amount: Qepik;
  readonly kind: string;
}

/** One rated usage record that cost the balance something. */
export interface UsageCharge {
  readonly sourceId: string;
  readonly kind: UsageKind;
  readonly destination: string | null;
  readonly day: IsoDate;
  /** Epoch ms it happened; orders charges. */
  readonly at: number;
  readonly amount: Qepik;
  /** Received since the last look: judged now. Older ones are the history they are judged against. */
  readonly isNew: boolean;
}

export interface AnomalyInput {
  /** The first day of the line's known history (its first ledger entry): no baseline before it. */
  readonly historyStart: IsoDate;
  readonly entries: readonly WatchedEntry[];
  /** The days to judge for spikes: those with entries written since the last look. */
  readonly newDays: readonly IsoDate[];
  readonly charges: readonly UsageCharge[];
}

export type AnomalyCause =
  | { readonly type: 'entry'; readonly id: number; readonly kind: string; readonly amount: Qepik; readonly day: IsoDate }
  | { readonly type: 'usage'; readonly sourceId: string; readonly kind: UsageKind; readonly destination: string | null; readonly amount: Qepik; readonly day: IsoDate };

export interface Anomaly {
  /** Unique per line: a second finding of the same anomaly is the same alert. */
  readonly key: string;
  readonly kind: AnomalyKind;
  readonly day: IsoDate;
  /** What it cost: the day's spend, or the sum of the causing charges. */
  readonly amount: Qepik;
  /** For a spike: what the day was compared with (qəpik, may be fractional). */
  readonly baseline: (Baseline & { readonly threshold: number }) | null;
  readonly causes: readonly AnomalyCause[];
  /** Causes beyond those named. */
  readonly moreCauses: number;
}

/** Daily spend on each of the `count` days before `day` (zero days included), oldest first. */
export function dailySpendBefore(totals: ReadonlyMap<IsoDate, number>, day: IsoDate, historyStart: IsoDate, count = BASELINE_MAX_DAYS): number[] {
  const available = Math.min(count, daysBetween(historyStart, day));
  return Array.from({ length: Math.max(0, available) }, (_, i) => totals.get(addDays(day, i - available)) ?? 0);
}

function named<T>(causes: readonly T[]): { causes: T[]; moreCauses: number } {
  return { causes: causes.slice(0, MAX_CAUSES), moreCauses: Math.max(0, causes.length - MAX_CAUSES) };
}

function usageCause(c: UsageCharge): AnomalyCause {
  return { type: 'usage', sourceId: c.sourceId, kind: c.kind, destination: c.destination, amount: c.amount, day: c.day };
}

function spikes(input: AnomalyInput): Anomaly[] {
  const totals = new Map<IsoDate, number>();
  for (const e of input.entries) totals.set(e.day, (totals.get(e.day) ?? 0) + e.amount);
  const found: Anomaly[] = [];
  for (const day of [...new Set(input.newDays)].sort()) {
    const history = dailySpendBefore(totals, day, input.historyStart);
    if (history.length < BASELINE_MIN_DAYS) continue;
    const spent = totals.get(day) ?? 0;
    const baseline = baselineOf(history);
    const threshold = spikeThreshold(baseline);
    if (spent <= threshold) continue;
    const entries = input.entries.filter((e) => e.day === day).toSorted((a, b) => b.amount - a.amount || a.id - b.id);
    found.push({
      key: `daily_spike:${day}`, kind: 'daily_spike', day, amount: qepik(spent), baseline: { ...baseline, threshold },
      ...named(entries.map((e): AnomalyCause => ({ type: 'entry', id: e.id, kind: e.kind, amount: e.amount, day: e.day }))),
    });
  }
  return found;
}

/** New charges far above the line's earlier ones: one alert per day, naming the largest. */
function largeCharges(input: AnomalyInput): Anomaly[] {
  const earlier = input.charges.filter((c) => !c.isNew).map((c) => c.amount);
  const limit = earlier.length >= LARGE_CHARGE_MIN_HISTORY
    ? Math.max(LARGE_CHARGE_MEDIAN_RATIO * median(earlier), LARGE_CHARGE_MAX_RATIO * Math.max(...earlier), LARGE_CHARGE_FLOOR)
    : LARGE_CHARGE_ALONE;
  const byDay = new Map<IsoDate, UsageCharge[]>();
  for (const c of input.charges) {
    if (!c.isNew || c.amount <= limit) continue;
    byDay.set(c.day, [...(byDay.get(c.day) ?? []), c]);
  }
  return [...byDay].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, list]) => {
    const sorted = list.toSorted((a, b) => b.amount - a.amount || a.at - b.at);
    return {
      key: `large_charge:${day}`, kind: 'large_charge', day, amount: qepik(sorted.reduce((s, c) => s + c.amount, 0)), baseline: null,
      ...named(sorted.map(usageCause)),
    } satisfies Anomaly;
  });
}

/** The first charges of a watched sort the line has never had (in the history given): one alert, ever. */
function firsts(input: AnomalyInput, kind: AnomalyKind, matches: (c: UsageCharge) => boolean): Anomaly[] {
  if (input.charges.some((c) => !c.isNew && matches(c))) return [];
  const fresh = input.charges.filter((c) => c.isNew && matches(c)).toSorted((a, b) => a.at - b.at);
  const first = fresh[0];
  if (!first) return [];
  return [{
    key: kind, kind, day: first.day, amount: qepik(fresh.reduce((s, c) => s + c.amount, 0)), baseline: null, ...named(fresh.map(usageCause)),
  }];
}

const isRoaming = (c: UsageCharge): boolean => c.kind === 'roaming_voice' || c.kind === 'roaming_data';
const isPremium = (c: UsageCharge): boolean => c.destination !== null && isPremiumDestination(c.destination);

export function detectAnomalies(input: AnomalyInput): Anomaly[] {
  // One charge, one message: the most telling alert names a charge (premium before roaming before
  // international before merely large); a later one whose charges are all named already is dropped.
  const named = new Set<string>();
  const kept: Anomaly[] = [];
  for (const anomaly of [
    ...firsts(input, 'first_premium', isPremium),
    ...firsts(input, 'first_roaming', isRoaming),
    ...firsts(input, 'first_international', (c) => c.kind === 'international'),
    ...largeCharges(input),
  ]) {
    const ids = anomaly.causes.flatMap((c) => (c.type === 'usage' ? [c.sourceId] : []));
    if (anomaly.moreCauses === 0 && ids.length === anomaly.causes.length && ids.every((id) => named.has(id))) continue;
    for (const id of ids) named.add(id);
    kept.push(anomaly);
  }
  return [...spikes(input), ...kept];
}

/** An anomaly as stored for its line, with the customer's dispute if any. */
export interface SpendingAlert {
  readonly id: number;
  readonly kind: AnomalyKind;
  readonly day: IsoDate;
  readonly amount: Qepik;
  readonly causes: readonly AnomalyCause[];
  readonly moreCauses: number;
  readonly createdAt: Date;
  readonly disputedAt: Date | null;
}
