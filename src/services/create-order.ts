// Turns a quote into an order waiting for payment and opens the provider's hosted page.
// Idempotency-Key: the same key and body give the first answer; another body with it, 409.
import { randomBytes } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { PromoRefusedError } from '../domain/promo-refusals.ts';
import { checkPromoCode } from '../domain/promotions.ts';
import type { Database, Sql } from '../db/database.ts';
import { claimIdempotencyKey } from '../db/idempotency-repository.ts';
import { findOrder, findQuote, insertOrderUnlessQuotePaid, setOrderPayment, type Order, type Quote } from '../db/order-repository.ts';
import { countRedemptions, insertRedemption, listActivePromotions, reserveClaim, type ClaimHolder } from '../db/promotion-repository.ts';
import type { CreatePaymentInput, PaymentProvider, PaymentProviders, ProviderName } from '../payments/payment-provider.ts';
import { enabledProvider, enabledProviderNames } from '../payments/payment-registry.ts';
import { belongsTo, type CustomerId } from './customer-scope.ts';
import { hashRequest } from './request-hash.ts';

export interface CreateOrderDeps {
  readonly db: Database;
  readonly now: () => Instant;
  readonly providers: PaymentProviders;
  readonly defaultProvider: ProviderName;
  /** Where hosted pages send the customer back. */
  readonly baseUrl: string;
  /** How long after its quote expires an unpaid order still accepts the payment it started. */
  readonly paymentGraceMs: number;
}

export interface CreateOrderRequest {
  readonly customerId: CustomerId;
  readonly quoteId: string;
  readonly provider?: string;
  readonly idempotencyKey: string;
}

export interface OrderCreated {
  readonly orderId: string;
  readonly status: 'pending_payment';
  readonly paymentUrl: string;
  readonly provider: string;
}

/** What an order's idempotency key remembers: the order it opened. */
interface OrderKeyResult {
  readonly orderId: string;
}

function pickProvider(deps: CreateOrderDeps, requested: string | undefined): PaymentProvider {
  const name = requested ?? deps.defaultProvider;
  const provider = enabledProvider(deps.providers, name);
  if (!provider) {
    const enabled = enabledProviderNames(deps.providers).join(', ');
    throw new DomainError('PAYMENT_PROVIDER_DISABLED', `payment provider "${name}" is not enabled here (enabled: ${enabled})`);
  }
  return provider;
}

/**
 * Reserves the code's uses for this order: one slot of the customer's cap and one of each
 * discounted line's. Reserved here, not at payment, so a customer who pays was never shown a price
 * the activation would take back; a reservation lives as long as its order may be paid.
 */
async function reservePromoCode(sql: Sql, quote: Quote, customerId: CustomerId, orderId: string, now: Instant): Promise<void> {
  const code = quote.promoCode;
  if (code === null) return;
  const lines = quote.discounts.find((d) => d.code === code)?.lines ?? quote.items.map((i) => i.msisdn);
  // Counted under the promotion's row lock, so orders racing for the last redemption are serialised.
  const usage = await countRedemptions(sql, code, customerId, lines, true);
  const check = checkPromoCode(await listActivePromotions(sql), code, now, usage);
  if (!check.ok) throw new PromoRefusedError(code, check.detail, {}, 'can no longer be used');
  const { promotion } = check;
  const holders: ClaimHolder[] = [
    ...(customerId === null ? [] : [{ kind: 'customer' as const, holder: customerId }]),
    ...lines.map((msisdn) => ({ kind: 'line' as const, holder: msisdn })),
  ];
  for (const holder of holders) {
    const cap = holder.kind === 'customer' ? promotion.perCustomerCap : promotion.perLineCap;
    if (!(await reserveClaim(sql, { ...holder, code, cap, orderId }, new Date(now)))) {
      throw new PromoRefusedError(code, holder.kind === 'customer' ? 'customer_cap_reached' : 'line_cap_reached', {}, 'can no longer be used');
    }
  }
  await insertRedemption(sql, { orderId, code, customerId }, new Date(now));
}

async function openOrder(sql: Sql, deps: CreateOrderDeps, request: CreateOrderRequest, provider: PaymentProvider, orderId: string, now: Instant): Promise<Order> {
  const quote = await findQuote(sql, request.quoteId, true);
  if (!quote || !belongsTo(quote.customerId, request.customerId)) throw new DomainError('QUOTE_NOT_FOUND', `no quote ${request.quoteId}`);
  if (now >= quote.expiresAt.getTime()) {
    throw new DomainError('QUOTE_EXPIRED', 'this quote has expired (prices are held for 15 minutes): ask for a new quote');
  }
  // Never sent to a card provider (they refuse 0); createQuote refuses such quotes already.
  if (quote.total <= 0) throw new DomainError('ORDER_TOTAL_ZERO', 'an order of 0 is not opened; free renewals are not sold online');
  const isPaypal = provider.name === 'paypal';
  const pending: Order = {
    id: orderId, quoteId: quote.id, customerId: request.customerId, provider: provider.name,
    status: 'pending_payment', total: quote.total,
    chargeCurrency: isPaypal && quote.fx ? quote.fx.currency : 'AZN', chargeAmount: isPaypal && quote.fx ? quote.fx.amount : quote.total,
    paymentUrl: null, providerReference: null, failureReason: null, paidPaymentId: null,
    payBy: new Date(quote.expiresAt.getTime() + deps.paymentGraceMs), createdAt: new Date(now), paidAt: null, activatedAt: null,
  };
  // An in-database provider's page does not need the order row, so it is opened first and the
  // order is written once, with its page, instead of inserted and then updated. Any refusal below
  // throws and the transaction takes the page back with everything else.
  const created = provider.createPaymentInTransaction ? await provider.createPaymentInTransaction(sql, paymentInput(deps, pending, quote)) : undefined;
  const order: Order = created ? { ...pending, paymentUrl: created.paymentUrl, providerReference: created.providerReference } : pending;
  if (!(await insertOrderUnlessQuotePaid(sql, order))) throw new DomainError('ORDER_STATE_CONFLICT', 'this quote has been paid already');
  // After the paid check, as before: a paid quote answers ORDER_STATE_CONFLICT whatever the provider.
  if (isPaypal && quote.fx === null) throw new DomainError('PAYMENT_PROVIDER_DISABLED', 'this quote has no PayPal amount; ask for a new quote');
  await reservePromoCode(sql, quote, request.customerId, order.id, now);
  return order;
}

function paymentInput(deps: CreateOrderDeps, order: Order, quote: Quote | undefined): CreatePaymentInput {
  const description = quote?.items.map((i) => (i.planName ? `${i.planName} × ${String(i.months)}` : `top-up ${i.msisdn}`)).join(', ') ?? order.id;
  return {
    orderId: order.id,
    charge: { amount: order.chargeAmount, currency: order.chargeCurrency },
    description,
    returnUrl: `${deps.baseUrl}/orders/${order.id}`,
  };
}

/** Opens (or reopens, after an interrupted first attempt) the provider's page for an order. */
async function openPaymentPage(deps: CreateOrderDeps, provider: PaymentProvider, order: Order): Promise<string> {
  if (order.paymentUrl !== null) return order.paymentUrl;
  const quote = await findQuote(deps.db, order.quoteId);
  const created = await provider.createPayment(paymentInput(deps, order, quote));
  await deps.db.tx(async (sql) => {
    await setOrderPayment(sql, order.id, created.paymentUrl, created.providerReference, new Date(deps.now()));
  });
  return created.paymentUrl;
}

export async function createOrder(deps: CreateOrderDeps, request: CreateOrderRequest): Promise<{ result: OrderCreated; replayed: boolean }> {
  const now = deps.now();
  const provider = pickProvider(deps, request.provider);
  const requestHash = hashRequest({ quoteId: request.quoteId, provider: provider.name });
  // Keys are per customer: two customers may pick the same key without meeting.
  const key = `${request.customerId ?? 'anonymous'}:${request.idempotencyKey}`;

  const orderId = `ord_${randomBytes(12).toString('hex')}`;
  const opened = await deps.db.tx(async (sql) => {
    // Claim the key first; a concurrent request with the same key waits here until we commit. The
    // claim carries its result already: if the order is not opened the transaction takes the
    // claim back too, so nobody ever reads it before the order exists.
    const claim = await claimIdempotencyKey<OrderKeyResult>(sql, { scope: 'orders', key, requestHash, at: new Date(now), result: { orderId } });
    if (claim.outcome === 'conflict') throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different request');
    if (claim.outcome === 'replay') {
      const order = claim.result && await findOrder(sql, claim.result.orderId);
      if (!order) throw new Error('idempotency record names a missing order');
      return { order, replayed: true };
    }
    const order = await openOrder(sql, deps, request, provider, orderId, now);
    return { order, replayed: false };
  });

  const paymentUrl = await openPaymentPage(deps, provider, opened.order);
  return { result: { orderId: opened.order.id, status: 'pending_payment', paymentUrl, provider: provider.name }, replayed: opened.replayed };
}
