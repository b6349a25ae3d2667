// What a line spends, read from its ledger: each entry sorted into one spending kind, months
// summed by Baku calendar month, and the monthly budget's 80 % mark. Spending is money leaving the
// balance (renewals, usage overage, fees, other charges); top-ups and payments are money paid in,
// shown beside it but never counted against the budget, since the same manat would otherwise be
// counted twice (once paid in, once spent).
import { addMonths, type IsoDate } from './calendar.ts';
import { qepik, type Qepik } from './money.ts';
import { usageKinds, type UsageKind } from './vocabularies.ts';

/** The rows of the spending page, in the order shown. */
export const spendingKinds = ['renewals', ...usageKinds.map((k) => `usage_${k}` as const), 'fees', 'other'] as const;
export type SpendingKind = (typeof spendingKinds)[number];

export function usageSpendingKind(kind: UsageKind): SpendingKind {
  return `usage_${kind}`;
}

/** A ledger entry as the spending page needs it. */
export interface SpendingEntry {
  readonly id: number;
  readonly kind: string;
  /** Signed qəpik as stored: negative leaves the balance. */
  readonly amount: Qepik;
  /** The Baku calendar day it was written. */
  readonly day: IsoDate;
  /** details.reverses of a refund entry: which kind it takes back. */
  readonly reverses: string | null;
  /** For a usage entry: how much of it each usage kind charged (sums to -amount); empty when unknown. */
  readonly usageByKind: ReadonlyMap<UsageKind, Qepik>;
}

/** One entry's part in spending: kind → qəpik spent (a refund of a renewal spends a negative amount). */
export type EntrySpending =
  | { readonly type: 'spent'; readonly parts: readonly (readonly [SpendingKind, Qepik])[] }
  | { readonly type: 'paid_in'; readonly amount: Qepik }
  | { readonly type: 'none' };

export function classifyEntry(entry: SpendingEntry): EntrySpending {
  const out = qepik(-entry.amount);
  switch (entry.kind) {
    case 'plan_charge': return { type: 'spent', parts: [['renewals', out]] };
    case 'restore_fee': return { type: 'spent', parts: [['fees', out]] };
    case 'usage': {
      const parts = [...entry.usageByKind].filter(([, v]) => v !== 0).map(([k, v]) => [usageSpendingKind(k), v] as const);
      const named = parts.reduce((sum, [, v]) => sum + v, 0);
      // Whatever the records do not explain (none stored, or an older batch) still counts, as "other".
      return { type: 'spent', parts: named === out ? parts : [...parts, ['other', qepik(out - named)]] };
    }
    case 'top_up': case 'payment': return { type: 'paid_in', amount: entry.amount };
    case 'refund':
      // A reversed plan charge gives spending back; a returned payment or top-up takes paid-in money back.
      if (entry.reverses === 'plan_charge') return { type: 'spent', parts: [['renewals', out]] };
      return { type: 'paid_in', amount: entry.amount };
    case 'adjustment':
      return entry.amount < 0 ? { type: 'spent', parts: [['other', out]] } : { type: 'none' };
    default: return { type: 'none' };
  }
}

/** "2026-12" for a Baku calendar day. */
export type MonthKey = string;

export function monthOf(day: IsoDate): MonthKey {
  return day.slice(0, 7);
}

/** The month of `today` first, then the 12 before it (13 in all), newest first. */
export function lastMonths(today: IsoDate, count = 13): MonthKey[] {
  const first = `${monthOf(today)}-01` as IsoDate;
  return Array.from({ length: count }, (_, i) => monthOf(addMonths(first, -i)));
}

export interface MonthSpending {
  readonly month: MonthKey;
  readonly byKind: Readonly<Partial<Record<SpendingKind, Qepik>>>;
  /** What counts against the budget: the sum of byKind. */
  readonly total: Qepik;
  readonly paidIn: Qepik;
}

/** Sums the entries into the given months (newest first); entries of other months are left out. */
export function summariseMonths(entries: readonly SpendingEntry[], months: readonly MonthKey[]): MonthSpending[] {
  const acc = new Map(months.map((m) => [m, { byKind: new Map<SpendingKind, number>(), paidIn: 0 }]));
  for (const entry of entries) {
    const month = acc.get(monthOf(entry.day));
    if (!month) continue;
    const c = classifyEntry(entry);
    if (c.type === 'paid_in') month.paidIn += c.amount;
    if (c.type === 'spent') for (const [kind, v] of c.parts) month.byKind.set(kind, (month.byKind.get(kind) ?? 0) + v);
  }
  return months.map((month) => {
    const m = acc.get(month) ?? { byKind: new Map<SpendingKind, number>(), paidIn: 0 };
    const byKind: Partial<Record<SpendingKind, Qepik>> = {};
    let total = 0;
    for (const kind of spendingKinds) {
      const v = m.byKind.get(kind) ?? 0;
      if (v === 0) continue;
      byKind[kind] = qepik(v);
      total += v;
    }
    return { month, byKind, total: qepik(total), paidIn: qepik(m.paidIn) };
  });
}

/** The budget alert's mark: 80 %, in basis points. */
export const BUDGET_ALERT_BP = 8000;

/** True once this month's spending reaches 80 % of the budget (exact in integers: no rounding). */
export function budgetAlertDue(spent: Qepik, budget: Qepik): boolean {
  return budget > 0 && spent * 10_000 >= budget * BUDGET_ALERT_BP;
}

/** The outbox dedupe key of a line's budget SMS in a month: one per line per month. */
export function budgetAlertKey(msisdn: string, month: MonthKey): string {
  return `budget80:${msisdn}:${month}`;
}
