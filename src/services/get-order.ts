// An order as its customer sees it: status, what it buys, and why it failed if it did.
import { formatInstant, instantFromEpochMs, type Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { Money } from '../domain/money.ts';
import { qepik } from '../domain/money.ts';
import type { OrderStatus } from '../domain/order.ts';
import type { Sql } from '../db/database.ts';
import { findOrder, findQuote, type Order } from '../db/order-repository.ts';
import { belongsTo, type CustomerId } from './customer-scope.ts';

export interface OrderView {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly quoteId: string;
  readonly provider: string;
  readonly total: Money;
  readonly charge: { readonly amount: number; readonly currency: string };
  readonly items: readonly { readonly msisdn: string; readonly planCode: string | null; readonly months: number | null; readonly total: Money }[];
  readonly paymentUrl: string | null;
  /** The quote's promo code, and until when its price holds: "try again" keeps both while it does. */
  readonly promoCode: string | null;
  readonly quoteExpiresAt: string | null;
  /** Why the order failed, expired or was refunded, in words a customer can act on. */
  readonly message: string | null;
  readonly createdAt: string;
  readonly paidAt: string | null;
  readonly activatedAt: string | null;
}

const at = (d: Date | null): string | null => (d === null ? null : formatInstant(instantFromEpochMs(d.getTime())));

function messageFor(order: Order): string | null {
  switch (order.status) {
    case 'failed':
      return `payment failed: ${order.failureReason ?? 'the provider refused it'}. Nothing was charged or extended; you can order again.`;
    case 'expired':
      return 'this order was not paid in time; ask for a new quote.';
    case 'refunded':
      return `refunded${order.failureReason ? `: ${order.failureReason}` : ''}.`;
    default:
      return null;
  }
}

export async function getOrder(deps: { readonly db: Sql; readonly now: () => Instant }, customerId: CustomerId, orderId: string): Promise<OrderView> {
  const order = await findOrder(deps.db, orderId);
  if (!order || !belongsTo(order.customerId, customerId)) throw new DomainError('ORDER_NOT_FOUND', `no order ${orderId}`);
  const quote = await findQuote(deps.db, order.quoteId);
  return {
    orderId: order.id,
    status: order.status,
    quoteId: order.quoteId,
    provider: order.provider,
    total: { amount: qepik(order.total), currency: 'AZN' },
    charge: { amount: order.chargeAmount, currency: order.chargeCurrency },
    items: (quote?.items ?? []).map((i) => ({ msisdn: i.msisdn, planCode: i.planCode, months: i.months, total: { amount: qepik(i.total), currency: 'AZN' } })),
    paymentUrl: order.status === 'pending_payment' ? order.paymentUrl : null,
    promoCode: quote?.promoCode ?? null,
    quoteExpiresAt: quote ? at(quote.expiresAt) : null,
    message: messageFor(order),
    createdAt: at(order.createdAt) ?? '',
    paidAt: at(order.paidAt),
    activatedAt: at(order.activatedAt),
  };
}
