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
import { findOrder, findQuote, markRefundPending, updateOrderStatus, type PaymentRecord } from '../db/order-repository.ts';
import type { PaymentProviders } from '../payments/payment-provider.ts';
import { applyLineChange } from './apply-line-change.ts';
import { hashRequest } from './request-hash.ts';
import { sendRefund } from './send-refund.ts';

export interface RefundOrderDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
  readonly providers: PaymentProviders;
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
  const [op] = await sql.query<{ result: { validUntilBefore: IsoDate; validUntilAfter: IsoDate } }>(
    'select result from ledger_operations where idempotency_key = $1', [key]);
  if (!op) throw new DomainError('ORDER_STATE_CONFLICT', 'this order has no recorded activation to reverse');
  return op.result;
}

export async function refundOrder(deps: RefundOrderDeps, orderId: string, reason: string): Promise<{ result: RefundResult; replayed: boolean }> {
  const now = deps.now();
  const outcome = await deps.db.tx(async (sql) => {
    const order = await findOrder(sql, orderId, true);
    if (!order) throw new DomainError('ORDER_NOT_FOUND', `no order ${orderId}`);
    const wasRefunded = order.status === 'refunded';
    const next = wasRefunded ? 'refunded' : transitionOrder(order.status, 'refunded');
    if (order.paidPaymentId === null) throw new DomainError('ORDER_STATE_CONFLICT', 'this order was never paid');
    const quote = await findQuote(sql, order.quoteId);
    if (!quote) throw new Error(`order ${order.id} names a missing quote`);
    const [payment] = await sql.query<{ id: number }>('select id from payments where provider = $1 and provider_payment_id = $2', [order.provider, order.paidPaymentId]);
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
    const [record] = await sql.query<{ id: number; provider: string; provider_payment_id: string; order_id: string; amount: number; currency: string; status: PaymentRecord['status']; refund_reason: string | null }>(
      'select * from payments where id = $1', [payment?.id ?? -1]);
    return { order, lines, wasRefunded, record };
  });
  const r = outcome.record;
  const pending: PaymentRecord | undefined = r && r.status === 'refund_pending'
    ? { id: r.id, provider: r.provider, providerPaymentId: r.provider_payment_id, orderId: r.order_id, amount: r.amount, currency: r.currency, status: r.status, refundReason: r.refund_reason }
    : undefined;
  const providerRefunded = pending ? await sendRefund(deps, pending).catch(() => false) : r?.status === 'refunded';
  return {
    replayed: outcome.wasRefunded,
    result: { orderId, status: 'refunded', refunded: { amount: qepik(outcome.order.total), currency: 'AZN' }, lines: outcome.lines, providerRefunded },
  };
}
