// What an order costs, and why. Pure arithmetic over plans and promotions; counting redemptions
// and reading the clock are the caller's job.
//
// Stacking rules, in the order they run (each works on what the previous steps left):
//   1. Multi-month: per item, the best tier its months reach (several tables do not stack).
//   2. Automatic time-limited: per item, the single best promotion running at `now` that covers the
//      plan; they never stack with each other. A fixed amount is taken off each covered item.
//   3. Bundle: when the order renews at least minLines lines, a percentage of every item (the best
//      bundle promotion only).
//   4. Promo code, last: a percentage of each eligible item, or a fixed amount off the eligible
//      items together. A code marked not combinable is instead priced alone against list prices,
//      and the customer gets whichever total is lower (a tie keeps the code unused).
// Percentages are taken per item and rounded per item with applyBasisPoints, so every line's own
// price is exact for its ledger entry and the order's figures are plain sums of them. No step
// takes more than an item has left, so no item and no total goes below 0.
import type { Instant, IsoDate } from './calendar.ts';
import { offersDuration, planText, type Plan } from './catalog.ts';
import { DomainError } from './errors.ts';
import { validUntilAfterMonths } from './line.ts';
import { applyBasisPoints, multiplyQepik, qepik, type Locale, type Qepik } from './money.ts';
import type { Msisdn } from './msisdn.ts';
import { daysForTopUp, type ValidityPolicy } from './policy.ts';
import {
  checkPromoCode, coversPlan, discountOn, isRunning, multiMonthRate, promotionName,
  type Promotion, type PromoCodePromotion, type PromoContext, type PromoUsage,
} from './promotions.ts';
import { promoRefusalCodes, type PromoNeeds, type PromoRefusalCode, type PromoRefusalDetail } from './promo-refusals.ts';

export interface OrderItemInput {
  readonly msisdn: Msisdn;
  readonly plan: Plan;
  readonly months: number;
  readonly currentValidUntil: IsoDate;
}

export interface OrderInput {
  readonly items: readonly OrderItemInput[];
  /** Every promotion in force; the ones that apply are chosen here. */
  readonly promotions: readonly Promotion[];
  readonly promoCode?: string;
  /** Required with a code: every code has caps. */
  readonly promoUsage?: PromoUsage;
  /** Channel and history, for the code's eligibility rules; without it they are not checked. */
  readonly promoContext?: PromoContext;
  readonly now: Instant;
  readonly today: IsoDate;
  readonly locale: Locale;
}

export interface PricedItem {
  readonly msisdn: Msisdn;
  readonly planCode: string;
  readonly planName: string;
  readonly months: number;
  readonly unitPrice: Qepik;
  /** unitPrice × months, before discounts. */
  readonly subtotal: Qepik;
  /** This item's share of every discount, order-wide ones included. */
  readonly discount: Qepik;
  /** What this line is charged: subtotal − discount. The items' totals add up to the order total. */
  readonly total: Qepik;
  readonly validUntilAfter: IsoDate;
}

export interface DiscountLine {
  readonly code: string;
  /** In the order's locale. */
  readonly name: string;
  /** Always > 0: discounts that take nothing are not listed. */
  readonly amount: Qepik;
  /** The line a per-item discount reduced, or the whole order for bundle and promo code. */
  readonly appliesTo: Msisdn | 'order';
  /** The lines it took something off: the lines a promo code's per-line cap counts. */
  readonly lines: readonly Msisdn[];
}

export interface PromoCodeOutcome {
  readonly code: string;
  /** 'not_better': valid, but it would not lower the price, so it was not used (count no redemption). */
  readonly status: 'applied' | 'not_better';
}

export interface PricedOrder {
  readonly ok: true;
  readonly items: readonly PricedItem[];
  readonly discounts: readonly DiscountLine[];
  readonly subtotal: Qepik;
  readonly discountTotal: Qepik;
  readonly total: Qepik;
  readonly promoCode: PromoCodeOutcome | null;
}

export interface PromoRefusal {
  readonly ok: false;
  readonly reason: PromoRefusalCode;
  readonly detail: PromoRefusalDetail;
  readonly promoCode: string;
  /** What the code asks that the order lacks: months for too_few_months, qəpik for below_min_order. */
  readonly needs?: PromoNeeds;
}

export type OrderPricing = PricedOrder | PromoRefusal;

interface Taken {
  readonly promotion: Promotion;
  /** Per item, aligned with the order's items. */
  readonly amounts: readonly Qepik[];
  readonly appliesTo: number | 'order';
}

/** The running state: what each item still costs, and the discounts taken so far. */
interface Tally {
  readonly remaining: readonly Qepik[];
  readonly taken: readonly Taken[];
}

function sum(amounts: readonly Qepik[]): Qepik {
  return qepik(amounts.reduce((a, b) => a + b, 0));
}

function take(tally: Tally, promotion: Promotion, amounts: readonly Qepik[], appliesTo: number | 'order'): Tally {
  if (sum(amounts) === 0) return tally;
  return {
    remaining: tally.remaining.map((left, i) => qepik(left - (amounts[i] ?? 0))),
    taken: [...tally.taken, { promotion, amounts, appliesTo }],
  };
}

/** Only the item at `index` gets `amount`; the others 0. */
function onlyItem(count: number, index: number, amount: Qepik): Qepik[] {
  return Array.from({ length: count }, (_, i) => (i === index ? amount : qepik(0)));
}

// Promotions are scanned in code order so that equal offers resolve the same way every time.
function byCode<T extends Promotion>(promotions: readonly T[]): T[] {
  return [...promotions].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function applyMultiMonth(tally: Tally, input: OrderInput): Tally {
  const tables = byCode(input.promotions.filter((p) => p.kind === 'multi_month'));
  let next = tally;
  input.items.forEach((item, i) => {
    let best: { promotion: Promotion; amount: Qepik } | null = null;
    for (const table of tables) {
      const amount = applyBasisPoints(next.remaining[i] ?? qepik(0), multiMonthRate(table, item.months));
      if (best === null || amount > best.amount) best = { promotion: table, amount };
    }
    if (best !== null) next = take(next, best.promotion, onlyItem(input.items.length, i, best.amount), i);
  });
  return next;
}

function applyAutomatic(tally: Tally, input: OrderInput): Tally {
  const running = byCode(input.promotions.filter((p) => p.kind === 'automatic' && isRunning(p, input.now)));
  let next = tally;
  input.items.forEach((item, i) => {
    let best: { promotion: Promotion; amount: Qepik } | null = null;
    for (const promotion of running) {
      if (promotion.kind !== 'automatic' || !coversPlan(promotion, item.plan)) continue;
      const amount = discountOn(promotion.value, next.remaining[i] ?? qepik(0), promotion);
      if (best === null || amount > best.amount) best = { promotion, amount };
    }
    if (best !== null) next = take(next, best.promotion, onlyItem(input.items.length, i, best.amount), i);
  });
  return next;
}

function applyBundle(tally: Tally, input: OrderInput): Tally {
  let best: Promotion | null = null;
  let bestRate = 0;
  for (const promotion of byCode(input.promotions)) {
    if (promotion.kind !== 'bundle' || input.items.length < promotion.minLines) continue;
    if (promotion.basisPoints > bestRate) {
      best = promotion;
      bestRate = promotion.basisPoints;
    }
  }
  if (best === null) return tally;
  return take(tally, best, tally.remaining.map((left) => applyBasisPoints(left, bestRate)), 'order');
}

/**
 * A fixed amount spread over the eligible items, filling them in msisdn order so the split does
 * not depend on how the items were listed.
 */
function spreadFixed(amount: Qepik, remaining: readonly Qepik[], eligible: readonly number[], items: readonly OrderItemInput[]): Qepik[] {
  const shares = remaining.map(() => qepik(0));
  let left: number = amount;
  const order = [...eligible].sort((a, b) => ((items[a]?.msisdn ?? '') < (items[b]?.msisdn ?? '') ? -1 : 1));
  for (const i of order) {
    const share = Math.min(left, remaining[i] ?? 0);
    shares[i] = qepik(share);
    left -= share;
  }
  return shares;
}

/**
 * The code's discount on its eligible items together; with a floor, never more than what lies
 * above it (the cut is spread like a fixed amount, so each item's share stays exact).
 */
function applyCode(tally: Tally, code: PromoCodePromotion, eligible: readonly number[], items: readonly OrderItemInput[]): Tally {
  const { value } = code;
  const amounts = value.type === 'fixed'
    ? spreadFixed(value.amount, tally.remaining, eligible, items)
    : tally.remaining.map((left, i) => (eligible.includes(i) ? applyBasisPoints(left, value.basisPoints) : qepik(0)));
  const room = Math.max(0, eligibleAmount(tally, eligible) - (code.floor ?? 0));
  const capped = sum(amounts) > room ? spreadFixed(qepik(room), tally.remaining, eligible, items) : amounts;
  return take(tally, code, capped, 'order');
}

function eligibleAmount(tally: Tally, eligible: readonly number[]): Qepik {
  return sum(eligible.map((i) => tally.remaining[i] ?? qepik(0)));
}

function assertOrder(input: OrderInput): void {
  if (input.items.length === 0) throw new DomainError('VALIDATION_FAILED', 'an order needs at least one line');
  const seen = new Set<string>();
  for (const item of input.items) {
    if (seen.has(item.msisdn)) {
      // Two renewals of one line in one order would both start from the same validity end.
      throw new DomainError('VALIDATION_FAILED', `${item.msisdn} is in the order twice`);
    }
    seen.add(item.msisdn);
    if (!offersDuration(item.plan, item.months)) {
      throw new DomainError('PLAN_DURATION_NOT_OFFERED',
        `${item.plan.code} is offered for ${item.plan.durations.join(', ')} months, not ${String(item.months)}`);
    }
  }
  const codes = new Set<string>();
  for (const promotion of input.promotions) {
    if (codes.has(promotion.code)) throw new DomainError('VALIDATION_FAILED', `two promotions share the code ${promotion.code}`);
    codes.add(promotion.code);
  }
}

/** The items a code may discount: covered plans, enough months, lines below their own cap. */
function eligibleForCode(code: PromoCodePromotion, items: readonly OrderItemInput[], usage: PromoUsage | undefined): number[] | PromoRefusalDetail {
  const covered = items.flatMap((item, i) => (coversPlan(code, item.plan) ? [i] : []));
  if (covered.length === 0) return 'plan_not_covered';
  const longEnough = covered.filter((i) => (items[i]?.months ?? 0) >= (code.minMonths ?? 1));
  if (longEnough.length === 0) return 'too_few_months';
  const unused = longEnough.filter((i) => (usage?.byLine?.[items[i]?.msisdn ?? ''] ?? 0) < code.perLineCap);
  return unused.length === 0 ? 'line_cap_reached' : unused;
}

function refuse(promoCode: string, detail: PromoRefusalDetail, needs?: PromoNeeds): PromoRefusal {
  return { ok: false, reason: promoRefusalCodes[detail], detail, promoCode, ...(needs === undefined ? {} : { needs }) };
}

function finish(input: OrderInput, subtotals: readonly Qepik[], tally: Tally, promoCode: PromoCodeOutcome | null): PricedOrder {
  const items = input.items.map((item, i): PricedItem => {
    const subtotal = subtotals[i] ?? qepik(0);
    const total = tally.remaining[i] ?? qepik(0);
    return {
      msisdn: item.msisdn,
      planCode: item.plan.code,
      planName: planText(item.plan, input.locale).name,
      months: item.months,
      unitPrice: item.plan.monthlyPrice,
      subtotal,
      discount: qepik(subtotal - total),
      total,
      validUntilAfter: validUntilAfterMonths(item.currentValidUntil, input.today, item.months),
    };
  });
  const discounts = tally.taken.map((t): DiscountLine => ({
    code: t.promotion.code,
    name: promotionName(t.promotion, input.locale),
    amount: sum(t.amounts),
    appliesTo: t.appliesTo === 'order' ? 'order' : (input.items[t.appliesTo]?.msisdn ?? 'order'),
    lines: input.items.flatMap((item, i) => ((t.amounts[i] ?? 0) > 0 ? [item.msisdn] : [])),
  }));
  const subtotal = sum(subtotals);
  const total = sum(tally.remaining);
  return { ok: true, items, discounts, subtotal, discountTotal: qepik(subtotal - total), total, promoCode };
}

/** Prices a renewal of one or more lines, or says why the typed promo code cannot be used. */
export function priceOrder(input: OrderInput): OrderPricing {
  assertOrder(input);
  const subtotals = input.items.map((item) => multiplyQepik(item.plan.monthlyPrice, item.months));
  const start: Tally = { remaining: subtotals, taken: [] };
  const withOffers = applyBundle(applyAutomatic(applyMultiMonth(start, input), input), input);
  if (input.promoCode === undefined) return finish(input, subtotals, withOffers, null);

  const check = checkPromoCode(input.promotions, input.promoCode, input.now, input.promoUsage, input.promoContext);
  if (!check.ok) return refuse(input.promoCode, check.detail);
  const code = check.promotion;
  const eligible = eligibleForCode(code, input.items, input.promoUsage);
  if (typeof eligible === 'string') {
    return refuse(code.code, eligible, eligible === 'too_few_months' && code.minMonths !== undefined ? { months: code.minMonths } : undefined);
  }
  const base = code.combinable ? withOffers : start;
  // The minimum order is judged on what the code would discount, as the customer sees it then.
  if (code.minOrder !== undefined && eligibleAmount(base, eligible) < code.minOrder) return refuse(code.code, 'below_min_order', { amount: code.minOrder });

  const withCode = applyCode(base, code, eligible, input.items);
  const better = sum(withCode.remaining) < sum(withOffers.remaining);
  // A renewal is never free online: a card provider cannot take 0 (README, "Promotions").
  if (better && sum(withCode.remaining) === 0) return refuse(code.code, 'free_order');
  return better
    ? finish(input, subtotals, withCode, { code: code.code, status: 'applied' })
    : finish(input, subtotals, withOffers, { code: code.code, status: 'not_better' });
}

export interface TopUpQuote {
  readonly amount: Qepik;
  /** Days of validity the amount buys by the policy's bands; 0 below the first band. */
  readonly validityDays: number;
}

/** Quotes a plain top-up. The new validity end depends on the line and is decided by topUp() in line.ts. */
export function priceTopUp(amount: Qepik, policy: ValidityPolicy): TopUpQuote {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new DomainError('INVALID_AMOUNT', 'a top-up must be more than 0');
  return { amount, validityDays: daysForTopUp(policy, amount) };
}
