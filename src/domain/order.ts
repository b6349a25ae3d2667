// An order's life: pending_payment → paid → activated, or failed / expired / refunded. Every
// change of status goes through transitionOrder, so no service can skip a step or go back.
import { DomainError } from './errors.ts';

export const orderStatuses = ['pending_payment', 'paid', 'activated', 'failed', 'expired', 'refunded'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export type OrderEvent =
  | 'payment_succeeded'
  | 'payment_failed'
  | 'activated'
  | 'deadline_passed'
  | 'refunded';

const transitions: Readonly<Record<OrderStatus, Partial<Record<OrderEvent, OrderStatus>>>> = {
  pending_payment: { payment_succeeded: 'paid', payment_failed: 'failed', deadline_passed: 'expired' },
  // A paid order whose lines cannot be extended (quarantine since) is refunded, never left paid.
  paid: { activated: 'activated', refunded: 'refunded' },
  activated: { refunded: 'refunded' },
  failed: {},
  expired: {},
  refunded: {},
};

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (orderStatuses as readonly string[]).includes(value);
}

export function canTransition(from: OrderStatus, event: OrderEvent): boolean {
  return transitions[from][event] !== undefined;
}

/** The status after `event`, or ORDER_STATE_CONFLICT naming both. */
export function transitionOrder(from: OrderStatus, event: OrderEvent): OrderStatus {
  const to = transitions[from][event];
  if (to === undefined) {
    throw new DomainError('ORDER_STATE_CONFLICT', `an order that is ${from} cannot take "${event.replaceAll('_', ' ')}"`);
  }
  return to;
}

/** What to do with a successful payment, given the order it names. */
export type PaymentDecision =
  | { readonly action: 'activate' }
  /** The order was already paid by this payment (a repeat): nothing to do. */
  | { readonly action: 'already_applied' }
  /** Money arrived that the order cannot take: keep the record and send it back. */
  | { readonly action: 'refund'; readonly reason: RefundReason };

export type RefundReason = 'order_failed' | 'order_expired' | 'order_refunded' | 'amount_mismatch' | 'quote_already_paid' | 'line_not_renewable' | 'promo_not_eligible' | 'operator';

export interface PaymentFacts {
  readonly status: OrderStatus;
  /** The payment this order was paid with, if any. */
  readonly paidWith: string | null;
  readonly paymentId: string;
  readonly amountMatches: boolean;
}

export function decidePayment(facts: PaymentFacts): PaymentDecision {
  if (facts.paidWith !== null && facts.paidWith === facts.paymentId) return { action: 'already_applied' };
  if (!facts.amountMatches) return { action: 'refund', reason: 'amount_mismatch' };
  switch (facts.status) {
    case 'pending_payment':
      return { action: 'activate' };
    case 'failed':
      return { action: 'refund', reason: 'order_failed' };
    case 'expired':
      return { action: 'refund', reason: 'order_expired' };
    case 'refunded':
      return { action: 'refund', reason: 'order_refunded' };
    case 'paid':
    case 'activated':
      // Paid twice (two tabs, two providers): the second payment goes back.
      return { action: 'refund', reason: 'quote_already_paid' };
  }
}

/** A failure notice only fails an order still waiting; a stale one after success is ignored. */
export function decidePaymentFailure(status: OrderStatus): 'fail' | 'ignore' {
  return canTransition(status, 'payment_failed') ? 'fail' : 'ignore';
}

export const QUOTE_LIFETIME_MS = 15 * 60 * 1000;
