// The counter's quote: a renewal is priced by the same createQuote as online (same itemised lines,
// discounts and promotions); a restore from quarantine, sold only here, adds the policy's fee.
import { randomBytes } from 'node:crypto';
import { addDays, operatorDay, type Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { validUntilAfterMonths } from '../domain/line.ts';
import type { Locale } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import { QUOTE_LIFETIME_MS } from '../domain/order.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import { priceOrder } from '../domain/pricing.ts';
import { PromoRefusedError } from '../domain/promo-refusals.ts';
import { normalizePromoCode } from '../domain/promotions.ts';
import type { Database } from '../db/database.ts';
import { findLine } from '../db/line-repository.ts';
import { insertQuote, type Quote } from '../db/order-repository.ts';
import { findPlan } from '../db/plan-repository.ts';
import { countRedemptions, isNewCustomer, listActivePromotions } from '../db/promotion-repository.ts';
import { createQuote, viewQuote, type QuoteView } from './create-quote.ts';

export interface CounterQuoteDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
}

export interface CounterQuoteRequest {
  readonly kind: 'renewal' | 'restore';
  readonly msisdn: Msisdn;
  readonly planCode: string;
  readonly months: number;
  readonly promoCode?: string;
}

async function createRestoreQuote(deps: CounterQuoteDeps, request: CounterQuoteRequest, locale: Locale): Promise<QuoteView> {
  const now = deps.now();
  const today = operatorDay(now);
  const priced = await deps.db.tx(async (sql) => {
    const line = await findLine(sql, request.msisdn);
    if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${request.msisdn}`);
    if (line.status !== 'quarantine') throw new DomainError('ORDER_STATE_CONFLICT', 'this number is not in quarantine: renew it instead');
    const plan = await findPlan(sql, request.planCode);
    if (!plan) throw new DomainError('PLAN_NOT_FOUND', `no plan ${request.planCode}`);
    const code = request.promoCode === undefined ? undefined : normalizePromoCode(request.promoCode);
    const promotions = await listActivePromotions(sql);
    const promo = code === undefined ? undefined : {
      promoCode: code,
      promoUsage: await countRedemptions(sql, code, null, [request.msisdn]),
      promoContext: { channel: 'counter' as const, newCustomer: await isNewCustomer(sql, null, [request.msisdn]) },
    };
    // Months count from today: the old validity end lies months in the past.
    const result = priceOrder({
      items: [{ msisdn: request.msisdn, plan, months: request.months, currentValidUntil: addDays(today, -1) }],
      promotions, now, today, locale, ...promo,
    });
    if (!result.ok) throw new PromoRefusedError(result.promoCode, result.detail, result.needs);
    return result;
  });
  const item = priced.items[0];
  if (!item) throw new Error('priced restore has no item');
  const fee = deps.policy.restoreFee;
  const quote: Quote = {
    id: `qt_${randomBytes(12).toString('hex')}`, customerId: null, kind: 'renewal',
    items: [{
      msisdn: item.msisdn, planCode: item.planCode, planName: item.planName, months: item.months, unitPrice: item.unitPrice, topUpAmount: null,
      subtotal: item.subtotal + fee, discount: item.discount, total: item.total + fee, restoreFee: fee,
      validUntilAfter: validUntilAfterMonths(addDays(today, -1), today, item.months),
    }],
    discounts: [
      ...priced.discounts.map((d) => ({ code: d.code, name: d.name, amount: d.amount, appliesTo: d.appliesTo, lines: d.lines })),
    ],
    promoCode: priced.promoCode?.status === 'applied' ? priced.promoCode.code : null,
    total: priced.total + fee, fx: null,
    expiresAt: new Date(now + QUOTE_LIFETIME_MS), createdAt: new Date(now), channel: 'counter',
  };
  await insertQuote(deps.db, quote);
  return viewQuote(quote);
}

export async function createCounterQuote(deps: CounterQuoteDeps, request: CounterQuoteRequest, locale: Locale): Promise<QuoteView> {
  if (request.kind === 'restore') return createRestoreQuote(deps, request, locale);
  // null customer: the counter may sell to any line, after the ID check the caller has verified.
  return createQuote(deps, null, {
    kind: 'renewal', items: [{ msisdn: request.msisdn, planCode: request.planCode, months: request.months }],
    ...(request.promoCode === undefined ? {} : { promoCode: request.promoCode }),
  }, locale, 'counter');
}
