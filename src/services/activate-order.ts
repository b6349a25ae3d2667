// Settles a provider payment against its order inside the caller's transaction: the order is
// paid, every line extended through applyLineChange (keyed on the payment, so one payment can
// never extend twice), the order activated and the confirmation SMS written to the outbox — all
// or nothing. Money that the order cannot take is recorded and marked for refund, never lost.
import type { Instant } from '../domain/calendar.ts';
import { isDomainError } from '../domain/errors.ts';
import { planText } from '../domain/catalog.ts';
import { restoreWithPayment } from '../domain/counter-rules.ts';
import { renewWithPayment, topUp, type LineChange } from '../domain/line.ts';
import { qepik } from '../domain/money.ts';
import { trustedMsisdn } from '../domain/msisdn.ts';
import { decidePayment, transitionOrder, type RefundReason } from '../domain/order.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import { formatSmsDate, smsAmount, smsText } from '../domain/sms-templates.ts';
import { isUniqueViolation, type Sql } from '../db/database.ts';
import {
  lockOrderToSettle, markRefundPending, recordPayment, updateOrderStatus,
  type Order, type OrderToSettle, type PaymentRecord, type QuoteItem,
} from '../db/order-repository.ts';
import { toPlan, type PlanRow } from '../db/plan-repository.ts';
import type { ChargeAmount } from '../payments/payment-provider.ts';
import { applyLineChange } from './apply-line-change.ts';
import { redeemPromoCode } from './redeem-promo-code.ts';
import { hashRequest } from './request-hash.ts';

export interface ActivateDeps {
  readonly policy: ValidityPolicy;
}

export interface SettledPayment {
  readonly provider: string;
  readonly paymentId: string;
  readonly orderId: string | null;
  readonly providerReference: string | null;
  readonly charge: ChargeAmount;
}

export type SettleOutcome =
  | { readonly outcome: 'activated'; readonly orderId: string }
  | { readonly outcome: 'duplicate'; readonly orderId: string | null }
  | { readonly outcome: 'refund'; readonly orderId: string | null; readonly reason: RefundReason | 'no_matching_order'; readonly payment: PaymentRecord };

interface LineResult {
  readonly orderId: string;
  readonly msisdn: string;
  readonly validUntilBefore: string;
  readonly validUntilAfter: string;
}

async function findTarget(sql: Sql, p: SettledPayment): Promise<OrderToSettle | undefined> {
  const byId = p.orderId === null ? undefined : await lockOrderToSettle(sql, { id: p.orderId });
  const target = byId ?? (p.providerReference === null ? undefined : await lockOrderToSettle(sql, { provider: p.provider, reference: p.providerReference }));
  // An event naming an order of another provider is not that order's payment.
  return target && target.order.provider === p.provider ? target : undefined;
}

function confirmationText(item: QuoteItem, change: LineChange, planRows: readonly PlanRow[]): { kind: 'renewal_confirmation' | 'top_up_confirmation'; text: string } {
  const { line } = change;
  const validUntil = formatSmsDate(line.validUntil, line.language);
  if (item.planCode === null) {
    return {
      kind: 'top_up_confirmation',
      text: smsText('top_up_confirmation', line.language, { amount: smsAmount(qepik(item.total)), msisdn: line.msisdn, balance: smsAmount(line.balance), validUntil }),
    };
  }
  // The plan read with the order (lockOrderToSettle), named in the line's language; the quote's
  // name (in the language of the page that asked for it) only if the plan row is gone.
  const row = planRows.find((r) => r.code === item.planCode);
  const plan = row ? toPlan(row) : undefined;
  const planName = plan ? planText(plan, line.language).name : (item.planName ?? item.planCode);
  return {
    kind: 'renewal_confirmation',
    text: smsText('renewal_confirmation', line.language, {
      msisdn: line.msisdn, plan: planName, months: item.months ?? 0, amount: smsAmount(qepik(item.total)), validUntil,
    }),
  };
}

async function extendLine(sql: Sql, deps: ActivateDeps, order: Order, item: QuoteItem, planRows: readonly PlanRow[], p: SettledPayment, now: Instant): Promise<void> {
  const reference = `${p.provider}:${p.paymentId}`;
  await applyLineChange<LineResult>(sql, {
    msisdn: trustedMsisdn(item.msisdn),
    // One operation per line per payment: the key is what makes a second extension impossible.
    idempotencyKey: `payment:${p.provider}:${p.paymentId}:${item.msisdn}`,
    requestHash: hashRequest({ orderId: order.id, msisdn: item.msisdn }),
    kind: item.planCode === null ? 'top_up_payment' : 'renewal_payment',
    reference,
    cause: `order ${order.id}`,
    now,
    policy: deps.policy,
    decide: (line, today, scheduled) => {
      const change = item.planCode === null
        ? topUp(line, qepik(item.total), today, deps.policy)
        : typeof item.restoreFee === 'number'
          // A restore from quarantine (sold only at a store, after an ID check).
          ? restoreWithPayment(line, { planCode: item.planCode, months: item.months ?? 0, price: qepik(item.total - item.restoreFee) }, qepik(item.restoreFee), reference, today, deps.policy)
          : renewWithPayment(line, { planCode: item.planCode, months: item.months ?? 0, price: qepik(item.total) }, reference, today, deps.policy, scheduled);
      return { change, result: { orderId: order.id, msisdn: line.msisdn, validUntilBefore: line.validUntil, validUntilAfter: change.line.validUntil } };
    },
    confirmation: (change) => {
      const { kind, text } = confirmationText(item, change, planRows);
      return { msisdn: change.line.msisdn, kind, language: change.line.language, text, dedupeKey: `order:${order.id}:${item.msisdn}` };
    },
  });
}

async function markForRefund(sql: Sql, payment: PaymentRecord, orderId: string | null, reason: RefundReason | 'no_matching_order', now: Instant): Promise<SettleOutcome> {
  await markRefundPending(sql, payment.id, reason, new Date(now));
  return { outcome: 'refund', orderId, reason, payment };
}

/** Records the payment and, when the order can take it, activates the order. */
export async function settlePayment(sql: Sql, deps: ActivateDeps, p: SettledPayment, now: Instant): Promise<SettleOutcome> {
  const target = await findTarget(sql, p);
  const order = target?.order;
  const { payment, inserted } = await recordPayment(sql, {
    provider: p.provider, providerPaymentId: p.paymentId, orderId: order?.id ?? null, amount: p.charge.amount, currency: p.charge.currency,
  }, new Date(now));
  // The payment was settled before (by the webhook or by the reconciler): nothing more to do.
  if (!inserted) return { outcome: 'duplicate', orderId: payment.orderId };
  if (!target || !order) return markForRefund(sql, payment, null, 'no_matching_order', now);

  const decision = decidePayment({
    status: order.status, paidWith: order.paidPaymentId, paymentId: p.paymentId,
    amountMatches: p.charge.amount === order.chargeAmount && p.charge.currency === order.chargeCurrency,
  });
  if (decision.action === 'already_applied') return { outcome: 'duplicate', orderId: order.id };
  if (decision.action === 'refund') return markForRefund(sql, payment, order.id, decision.reason, now);
  return activateOrder(sql, deps, target, p, payment, now);
}

async function activateOrder(sql: Sql, deps: ActivateDeps, target: OrderToSettle, p: SettledPayment, payment: PaymentRecord, now: Instant): Promise<SettleOutcome> {
  const { order } = target;
  const at = new Date(now);
  // Paid and activated in one update, before the lines: the order row is locked and nothing in this
  // transaction reads it back, so only the committed end state is ever seen, and it is the same as
  // writing paid, extending, then activated. 'activated' is in orders_one_paid_per_quote too, so a
  // second payment of the quote still fails here, first. Any failure below rolls the update back.
  const activated = transitionOrder(transitionOrder(order.status, 'payment_succeeded'), 'activated');
  await sql.query('savepoint activation');
  try {
    await updateOrderStatus(sql, order.id, activated, at, { paidWith: p.paymentId, activated: true });
  } catch (error) {
    if (!isUniqueViolation(error, 'orders_one_paid_per_quote')) throw error;
    // Another order already paid this quote: this order can never be fulfilled.
    await sql.query('rollback to savepoint activation');
    await updateOrderStatus(sql, order.id, transitionOrder(order.status, 'payment_failed'), at, { failureReason: 'the quote was already paid by another order' });
    return markForRefund(sql, payment, order.id, 'quote_already_paid', now);
  }
  if (!target.items) throw new Error(`order ${order.id} names a missing quote`);
  const promoRefusal = await redeemPromoCode(sql, target, now);
  if (promoRefusal !== null) {
    // Nothing is extended and the money goes back: the customer pays no price but the one quoted.
    await sql.query('rollback to savepoint activation');
    await updateOrderStatus(sql, order.id, 'paid', at, { paidWith: p.paymentId });
    await updateOrderStatus(sql, order.id, transitionOrder('paid', 'refunded'), at, { failureReason: `promo code no longer applies: ${promoRefusal.replaceAll('_', ' ')}` });
    return markForRefund(sql, payment, order.id, 'promo_not_eligible', now);
  }
  // Lines are locked in one global order so that two multi-line orders never deadlock.
  const items = [...target.items].sort((a, b) => (a.msisdn < b.msisdn ? -1 : a.msisdn > b.msisdn ? 1 : 0));
  try {
    for (const item of items) await extendLine(sql, deps, order, item, target.planRows, p, now);
  } catch (error) {
    if (!isDomainError(error) || !['LINE_IN_QUARANTINE', 'LINE_RECYCLABLE', 'LINE_NOT_FOUND'].includes(error.code)) throw error;
    // A line lapsed into quarantine between quote and payment: nothing is extended, the money goes back.
    await sql.query('rollback to savepoint activation');
    await updateOrderStatus(sql, order.id, 'paid', at, { paidWith: p.paymentId });
    await updateOrderStatus(sql, order.id, transitionOrder('paid', 'refunded'), at, { failureReason: error.message });
    return markForRefund(sql, payment, order.id, 'line_not_renewable', now);
  }
  // The savepoint is left open rather than released: COMMIT ends it with the transaction either
  // way, and a RELEASE would cost one more round trip on every activation.
  return { outcome: 'activated', orderId: order.id };
}
