// The operator refunds an activated order: every line's ledger gets refund entries (and, while
// still unused, the extension is pulled back) in one transaction with the order's new status and
// the payment marked for refund; the provider is asked to send the money back after commit.
// Refunding an order twice changes nothing the second time.
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { IsoDate } from '../domain/calendar.ts';
import { trustedMsisdn } from '../domain/msisdn.ts';
import { qepik, type Money } from '../domain/money.ts';
import { transitionOrder } from '../domain/order.ts';
import { reverseOrderPayment } from '../domain/order-refund.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Database, Sql } from '../db/database.ts';
import { claimIdempotencyKey } from '../db/idempotency-repository.ts';
import { findOperationResult } from '../db/line-repository.ts';
import { findOrder, findPayment, findQuote, markRefundPending, updateOrderStatus, type PaymentRecord } from '../db/order-repository.ts';
import type { PaymentProviders } from '../payments/payment-provider.ts';
import { applyLineChange } from './apply-line-change.ts';
import { hashRequest } from './request-hash.ts';
import type { Logger } from './logger.ts';
import { sendRefundOrLog } from './send-refund.ts';

export interface RefundOrderDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
  readonly providers: PaymentProviders;
  readonly logger: Logger;
}

export interface RefundedLine {
  readonly msisdn: string;
  readonly validUntil: IsoDate;
  /** false: the line was extended again since, so the days stay. */
  readonly pulledBack: boolean;
}

export interface RefundResult {
  readonly orderId: string;
  readonly status: 'refunded';
  readonly refunded: Money;
  readonly lines: readonly RefundedLine[];
  /** Whether the provider has confirmed sending the money back (else the reconciler retries). */
  readonly providerRefunded: boolean;
}

async function appliedPayment(sql: Sql, key: string): Promise<{ validUntilBefore: IsoDate; validUntilAfter: IsoDate }> {
  const result = await findOperationResult<{ validUntilBefore: IsoDate; validUntilAfter: IsoDate }>(sql, key);
  if (!result) throw new DomainError('ORDER_STATE_CONFLICT', 'this order has no recorded activation to reverse');
  return result;
}

export interface OrderReversal {
  readonly total: number;
  readonly lines: readonly RefundedLine[];
  /** false when the order had been refunded already (nothing changed). */
  readonly reversed: boolean;
  /** The payment to send back through its provider once the transaction commits. */
  readonly pending: PaymentRecord | undefined;
  readonly paymentStatus: PaymentRecord['status'] | undefined;
}

/**
 * The transactional half of a refund, inside the caller's transaction (a counter void also marks
 * its receipt in it): refund entries, the unused extension pulled back, the order refunded and
 * the payment marked refund_pending. The caller sends the money back after commit.
 */
export async function reverseOrder(sql: Sql, deps: Pick<RefundOrderDeps, 'policy'>, orderId: string, reason: string, now: Instant): Promise<OrderReversal> {
  const order = await findOrder(sql, orderId, true);
  if (!order) throw new DomainError('ORDER_NOT_FOUND', `no order ${orderId}`);
  const wasRefunded = order.status === 'refunded';
  const next = wasRefunded ? 'refunded' : transitionOrder(order.status, 'refunded');
  if (order.paidPaymentId === null) throw new DomainError('ORDER_STATE_CONFLICT', 'this order was never paid');
  const quote = await findQuote(sql, order.quoteId);
  if (!quote) throw new Error(`order ${order.id} names a missing quote`);
  const payment = await findPayment(sql, order.provider, order.paidPaymentId);
  const lines: RefundedLine[] = [];
  const items = [...quote.items].sort((a, b) => (a.msisdn < b.msisdn ? -1 : 1));
  for (const item of items) {
    const applied = await appliedPayment(sql, `payment:${order.provider}:${order.paidPaymentId}:${item.msisdn}`);
    const { result } = await applyLineChange<RefundedLine>(sql, {
      msisdn: trustedMsisdn(item.msisdn),
      idempotencyKey: `refund:${order.id}:${item.msisdn}`,
      requestHash: hashRequest({ orderId: order.id, msisdn: item.msisdn }),
      kind: 'refund',
      reference: `${order.provider}:${order.paidPaymentId}`,
      cause: `refund of order ${order.id}: ${reason}`,
      now,
      policy: deps.policy,
      decide: (line, today) => {
        const change = reverseOrderPayment(line, { kind: item.planCode === null ? 'top_up' : 'renewal', amount: qepik(item.total), ...applied }, `order ${order.id}`, today, deps.policy);
        return { change, result: { msisdn: line.msisdn, validUntil: change.line.validUntil, pulledBack: change.pulledBack } };
      },
    });
    lines.push(result);
  }
  if (!wasRefunded) {
    await updateOrderStatus(sql, order.id, next, new Date(now), { failureReason: `refunded by the operator: ${reason}` });
    if (payment) await markRefundPending(sql, payment.id, 'operator', new Date(now));
  }
  const current = payment && await findPayment(sql, payment.provider, payment.providerPaymentId);
  const pending = current?.status === 'refund_pending' ? current : undefined;
  return { total: order.total, lines, reversed: !wasRefunded, pending, paymentStatus: current?.status };
}

/** Sends a reversal's money back; false leaves it refund_pending for the reconciler to retry. */
export async function sendReversalRefund(deps: Omit<RefundOrderDeps, 'policy'>, reversal: OrderReversal): Promise<boolean> {
  if (!reversal.pending) return reversal.paymentStatus === 'refunded';
  return sendRefundOrLog(deps, reversal.pending);
}


export interface RefundRequest {
  readonly orderId: string;
  readonly reason: string;
  /** Scoped by the caller, e.g. "admin:<Idempotency-Key>". */
  readonly idempotencyKey: string;
}

/**
 * Refunds an order once. The key is per order (the order is the path, not the body): the same key
 * with another reason is a 409. A repeat with the same body, or another key for an order refunded
 * already, runs the reversal again, which finds everything done and only retries a provider refund
 * still pending.
 */
export async function refundOrder(deps: RefundOrderDeps, request: RefundRequest): Promise<{ result: RefundResult; replayed: boolean }> {
  const { orderId, reason } = request;
  const now = deps.now();
  const reversal = await deps.db.tx(async (sql) => {
    const claim = await claimIdempotencyKey<{ orderId: string }>(sql, {
      scope: 'refunds', key: `${orderId}:${request.idempotencyKey}`, requestHash: hashRequest({ orderId, reason }), at: new Date(now), result: { orderId },
    });
    if (claim.outcome === 'conflict') throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with a different refund');
    return reverseOrder(sql, deps, orderId, reason, now);
  });
  const providerRefunded = await sendReversalRefund(deps, reversal);
  return {
    replayed: !reversal.reversed,
    result: { orderId, status: 'refunded', refunded: { amount: qepik(reversal.total), currency: 'AZN' }, lines: reversal.lines, providerRefunded },
  };
}
