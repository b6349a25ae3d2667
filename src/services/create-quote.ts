// Prices a renewal of one or more lines (with promotions) or a top-up, and locks the price for
// 15 minutes as a quote. Nothing is reserved or charged here.
import { randomBytes } from 'node:crypto';
import { formatInstant, instantFromEpochMs, operatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { convertQepik, formatRate } from '../domain/fx.ts';
import { planText } from '../domain/catalog.ts';
import { renewWithPayment, topUp, type Line } from '../domain/line.ts';
import type { PlanChange, ScheduledPlan } from '../domain/plan-change.ts';
import type { Locale, Money, Qepik } from '../domain/money.ts';
import { qepik } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import { QUOTE_LIFETIME_MS } from '../domain/order.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import { quoteOnlineTopUp } from '../domain/online-top-up.ts';
import { priceOrder, type OrderItemInput } from '../domain/pricing.ts';
import { PromoRefusedError } from '../domain/promo-refusals.ts';
import { normalizePromoCode, parsePromotion, type PromoChannel, type Promotion } from '../domain/promotions.ts';
import type { Database, Sql } from '../db/database.ts';
import { findLine } from '../db/line-repository.ts';
import { insertQuote, type FxRecord, type Quote, type QuoteItem, type QuotePlanChange } from '../db/order-repository.ts';
import { findPlanSoldOrRetired, toPlan } from '../db/plan-repository.ts';
import { countRedemptions, isNewCustomer } from '../db/promotion-repository.ts';
import { loadRenewalInputs } from '../db/renewal-inputs.ts';
import type { FxRateSource } from '../payments/fx-rate-source.ts';
import { assertLinesVisible, type CustomerId } from './customer-scope.ts';

export interface CreateQuoteDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
  /** Present when a provider settles in another currency (PayPal). */
  readonly fx?: { readonly currency: string; readonly source: FxRateSource };
}

export type QuoteRequest =
  | { readonly kind: 'renewal'; readonly items: readonly { readonly msisdn: Msisdn; readonly planCode: string; readonly months: number }[]; readonly promoCode?: string }
  | { readonly kind: 'top_up'; readonly msisdn: Msisdn; readonly amount: Qepik };

export interface QuoteView {
  readonly quoteId: string;
  readonly kind: 'renewal' | 'top_up';
  readonly items: readonly {
    readonly msisdn: string; readonly planCode: string | null; readonly planName: string | null; readonly months: number | null;
    readonly unitPrice: Money | null; readonly subtotal: Money; readonly discount: Money; readonly total: Money; readonly validUntilAfter: IsoDate;
    /** A top-up only: the days the amount buys by the band table in force when quoted. */
    readonly validityDays?: number;
    /** A renewal only: with another plan than the line's, the paid plan and the day the new one starts; else null. */
    readonly planChange?: QuotePlanChange | null;
  }[];
  /** A one-line renewal's planChange (several lines: see each item). */
  readonly planChange?: QuotePlanChange | null;
  readonly discounts: readonly { readonly code: string; readonly name: string; readonly amount: Money; readonly appliesTo: string }[];
  readonly promoCode: string | null;
  readonly total: Money;
  /** One line: its new validity end; several: by number. */
  readonly validUntilAfter: IsoDate | Readonly<Record<string, IsoDate>>;
  readonly expiresAt: string;
  /** What a provider that does not settle in AZN will charge, at the rate fixed in this quote. */
  readonly charges: readonly { readonly provider: 'paypal'; readonly amount: { readonly amount: number; readonly currency: string }; readonly rate: string; readonly rateSource: string }[];
}

const azn = (amount: number): Money => ({ amount: qepik(amount), currency: 'AZN' });

export function viewQuote(q: Quote): QuoteView {
  const first = q.items[0];
  return {
    quoteId: q.id,
    kind: q.kind,
    items: q.items.map((i) => ({
      msisdn: i.msisdn, planCode: i.planCode, planName: i.planName, months: i.months,
      unitPrice: i.unitPrice === null ? null : azn(i.unitPrice), subtotal: azn(i.subtotal), discount: azn(i.discount), total: azn(i.total),
      validUntilAfter: i.validUntilAfter,
      ...(typeof i.topUpDays === 'number' ? { validityDays: i.topUpDays } : {}),
      ...(q.kind === 'renewal' ? { planChange: i.planChange ?? null } : {}),
    })),
    ...(q.kind === 'renewal' ? { planChange: q.items.length === 1 ? (first?.planChange ?? null) : null } : {}),
    discounts: q.discounts.map((d) => ({ code: d.code, name: d.name, amount: azn(d.amount), appliesTo: d.appliesTo })),
    promoCode: q.promoCode,
    total: azn(q.total),
    validUntilAfter: q.items.length === 1 && first ? first.validUntilAfter : Object.fromEntries(q.items.map((i) => [i.msisdn, i.validUntilAfter])),
    expiresAt: formatInstant(instantFromEpochMs(q.expiresAt.getTime())),
    charges: q.fx ? [{ provider: 'paypal', amount: { amount: q.fx.amount, currency: q.fx.currency }, rate: q.fx.rate, rateSource: q.fx.source }] : [],
  };
}

async function loadLine(sql: Sql, msisdn: Msisdn): Promise<Line> {
  const line = await findLine(sql, msisdn);
  if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  return line;
}

/** The plan change in the customer's words: the paid plan by name, and the day the new one starts. */
async function describePlanChange(sql: Sql, change: PlanChange, locale: Locale): Promise<QuotePlanChange> {
  const from = await findPlanSoldOrRetired(sql, change.from);
  return { from: change.from, fromName: from ? planText(from, locale).name : change.from, paidUntil: change.paidUntil, startsOn: change.startsOn, rule: change.rule };
}

/** Asked only of codes for new or for existing customers: the history query costs a round trip. */
async function newCustomerFor(sql: Sql, promotions: readonly Promotion[], code: string, customerId: CustomerId, msisdns: readonly string[]): Promise<boolean> {
  const promotion = promotions.find((p) => p.kind === 'code' && p.code === code);
  if (promotion?.kind !== 'code' || (!promotion.newCustomersOnly && promotion.existingCustomersOnly !== true)) return true;
  return isNewCustomer(sql, customerId, msisdns);
}

async function priceRenewal(sql: Sql, deps: CreateQuoteDeps, customerId: CustomerId, request: Extract<QuoteRequest, { kind: 'renewal' }>, locale: Locale, now: Instant, channel: PromoChannel): Promise<Pick<Quote, 'items' | 'discounts' | 'promoCode' | 'total'>> {
  const today = operatorDay(now);
  // One round trip for what assertLinesVisible, findLine, findPlan and listActivePromotions read;
  // the refusals below come in the same order as with those look-ups.
  const loaded = await loadRenewalInputs(sql, customerId, request.items);
  if (customerId !== null) {
    const hidden = request.items.find((_, i) => loaded.items[i]?.visible !== true);
    if (hidden !== undefined) throw new DomainError('LINE_NOT_FOUND', `no line ${hidden.msisdn} on this account`);
  }
  const inputs: (OrderItemInput & { readonly line: Line; readonly scheduled: ScheduledPlan | null })[] = [];
  for (const [i, item] of request.items.entries()) {
    const { line, planRow } = loaded.items[i] ?? { line: undefined, planRow: undefined };
    if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${item.msisdn}`);
    const plan = planRow ? toPlan(planRow) : undefined;
    if (!plan) throw new DomainError('PLAN_NOT_FOUND', `no plan ${item.planCode}`);
    inputs.push({ msisdn: item.msisdn, plan, months: item.months, currentValidUntil: line.validUntil, line, scheduled: loaded.items[i]?.scheduled ?? null });
  }
  const promotions = loaded.promotionDocuments.map((d) => parsePromotion(d));
  const code = request.promoCode === undefined ? undefined : normalizePromoCode(request.promoCode);
  const msisdns = inputs.map((i) => i.msisdn);
  const promo = code === undefined ? undefined : {
    promoCode: code,
    promoUsage: await countRedemptions(sql, code, customerId, msisdns),
    promoContext: { channel, newCustomer: await newCustomerFor(sql, promotions, code, customerId, msisdns) },
  };
  const priced = priceOrder({ items: inputs, promotions, now, today, locale, ...promo });
  if (!priced.ok) throw new PromoRefusedError(priced.promoCode, priced.detail, priced.needs);
  // No order of 0 is ever opened: a card provider cannot take it (README, "Promotions").
  if (priced.total <= 0) throw new DomainError('ORDER_TOTAL_ZERO', 'this renewal would cost nothing; free renewals are not sold online');
  const items: QuoteItem[] = [];
  for (const [i, p] of priced.items.entries()) {
    const input = inputs[i];
    // The same rules the activation will apply: refuses a line in quarantine now, not after
    // payment, and tells what happens to a plan paid for a while yet.
    const preview = input ? renewWithPayment(input.line, { planCode: p.planCode, months: p.months, price: p.total }, 'quote', today, deps.policy, input.scheduled) : undefined;
    const planChange = preview?.planChange ? await describePlanChange(sql, preview.planChange, locale) : undefined;
    items.push({
      msisdn: p.msisdn, planCode: p.planCode, planName: p.planName, months: p.months, unitPrice: p.unitPrice, topUpAmount: null,
      subtotal: p.subtotal, discount: p.discount, total: p.total, validUntilAfter: p.validUntilAfter, ...(planChange ? { planChange } : {}),
    });
  }
  const discounts = priced.discounts.map((d) => ({ code: d.code, name: d.name, amount: d.amount, appliesTo: d.appliesTo, lines: d.lines }));
  const promoCode = priced.promoCode?.status === 'applied' ? priced.promoCode.code : null;
  return { items, discounts, promoCode, total: priced.total };
}

async function priceTopUpQuote(sql: Sql, deps: CreateQuoteDeps, customerId: CustomerId, request: Extract<QuoteRequest, { kind: 'top_up' }>, now: Instant): Promise<Pick<Quote, 'items' | 'discounts' | 'promoCode' | 'total'>> {
  await assertLinesVisible(sql, customerId, [request.msisdn]);
  const line = await loadLine(sql, request.msisdn);
  // Online limits (1 AZN up to the policy's maximum) before anything else: a typo never reaches a payment page.
  const quoted = quoteOnlineTopUp(request.amount, deps.policy);
  const preview = topUp(line, quoted.amount, operatorDay(now), deps.policy);
  return {
    items: [{
      msisdn: line.msisdn, planCode: null, planName: null, months: null, unitPrice: null, topUpAmount: quoted.amount,
      subtotal: quoted.amount, discount: 0, total: quoted.amount, validUntilAfter: preview.line.validUntil, topUpDays: quoted.validityDays,
    }],
    discounts: [], promoCode: null, total: quoted.amount,
  };
}

async function fixRate(deps: CreateQuoteDeps, total: number): Promise<FxRecord | null> {
  if (!deps.fx) return null;
  const rate = await deps.fx.source.rateFor(deps.fx.currency);
  return { currency: deps.fx.currency, rate: formatRate(rate), source: deps.fx.source.name, amount: convertQepik(qepik(total), rate, deps.fx.currency) };
}

/** `channel`: where the code was typed, for codes limited to the counter or to the portal and API. */
export async function createQuote(deps: CreateQuoteDeps, customerId: CustomerId, request: QuoteRequest, locale: Locale, channel: PromoChannel = 'online'): Promise<QuoteView> {
  const now = deps.now();
  // Plain reads, no transaction: under READ COMMITTED each statement takes its own snapshot even
  // inside one, so BEGIN/COMMIT would only cost two round trips and hold a pooled connection.
  const priced = request.kind === 'renewal'
    ? await priceRenewal(deps.db, deps, customerId, request, locale, now, channel)
    : await priceTopUpQuote(deps.db, deps, customerId, request, now);
  // Asked after the reads, with no connection held: a rate source may be a remote service.
  const fx = await fixRate(deps, priced.total);
  const quote: Quote = {
    id: `qt_${randomBytes(12).toString('hex')}`, customerId, kind: request.kind, ...priced, fx,
    expiresAt: new Date(now + QUOTE_LIFETIME_MS), createdAt: new Date(now), channel,
  };
  await insertQuote(deps.db, quote);
  return viewQuote(quote);
}
