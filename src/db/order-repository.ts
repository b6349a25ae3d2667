// Quotes, orders, payments and the webhook inbox. Writes run inside a service's transaction; the
// order row lock (select … for update) serialises everything that happens to one order.
import type { IsoDate } from '../domain/calendar.ts';
import { isOrderStatus, type OrderStatus } from '../domain/order.ts';
import type { PlanChangeRule } from '../domain/plan-change.ts';
import type { PromoChannel } from '../domain/promotions.ts';
import type { Sql } from './database.ts';
import type { PlanRow } from './plan-repository.ts';

export interface QuoteItem {
  readonly msisdn: string;
  /** null for a top-up. */
  readonly planCode: string | null;
  readonly planName: string | null;
  readonly months: number | null;
  readonly unitPrice: number | null;
  readonly topUpAmount: number | null;
  readonly subtotal: number;
  readonly discount: number;
  readonly total: number;
  /** As it would be if paid now; activation recomputes it from the line as it is then. */
  readonly validUntilAfter: IsoDate;
  /** A restore from quarantine (store only): the policy's fee, included in total. */
  readonly restoreFee?: number;
  /** A top-up: the days it buys by the band table when quoted (activation applies the table then in force). */
  readonly topUpDays?: number;
  /** Renewing with another plan than the line's (policy rule planChange). */
  readonly planChange?: QuotePlanChange;
}

export interface QuotePlanChange {
  /** The plan the line has now, and its name in the quote's language. */
  readonly from: string;
  readonly fromName: string;
  /** The last day of the plan the line has now; null when the new plan starts today. */
  readonly paidUntil: IsoDate | null;
  /** The day the new plan starts: after the paid one ends, or today. */
  readonly startsOn: IsoDate;
  readonly rule: PlanChangeRule;
}

export interface QuoteDiscount {
  readonly code: string;
  readonly name: string;
  readonly amount: number;
  readonly appliesTo: string;
  /** The lines it reduced (quotes since promo claims; absent before): a code's per-line claims. */
  readonly lines?: readonly string[];
}

export interface FxRecord {
  readonly currency: string;
  readonly rate: string;
  readonly source: string;
  readonly amount: number;
}

export interface Quote {
  readonly id: string;
  readonly customerId: string | null;
  readonly kind: 'renewal' | 'top_up';
  readonly items: readonly QuoteItem[];
  readonly discounts: readonly QuoteDiscount[];
  readonly promoCode: string | null;
  readonly total: number;
  readonly fx: FxRecord | null;
  readonly expiresAt: Date;
  readonly createdAt: Date;
  /** Where it was asked for; a promo code's channels are checked against it again at activation. */
  readonly channel: PromoChannel;
}

export interface Order {
  readonly id: string;
  readonly quoteId: string;
  readonly customerId: string | null;
  readonly provider: string;
  readonly status: OrderStatus;
  readonly total: number;
  readonly chargeCurrency: string;
  readonly chargeAmount: number;
  readonly paymentUrl: string | null;
  readonly providerReference: string | null;
  readonly failureReason: string | null;
  readonly paidPaymentId: string | null;
  readonly payBy: Date;
  readonly createdAt: Date;
  readonly paidAt: Date | null;
  readonly activatedAt: Date | null;
}

interface QuoteRow {
  id: string; customer_id: string | null; kind: 'renewal' | 'top_up'; items: QuoteItem[]; discounts: QuoteDiscount[];
  promo_code: string | null; total: number; fx_currency: string | null; fx_rate: string | null; fx_rate_source: string | null;
  fx_amount: number | null; expires_at: Date; created_at: Date; channel: PromoChannel;
}

function toQuote(r: QuoteRow): Quote {
  return {
    id: r.id, customerId: r.customer_id, kind: r.kind, items: r.items, discounts: r.discounts, promoCode: r.promo_code, total: r.total,
    fx: r.fx_currency !== null && r.fx_rate !== null && r.fx_amount !== null
      ? { currency: r.fx_currency, rate: r.fx_rate, source: r.fx_rate_source ?? '', amount: r.fx_amount } : null,
    expiresAt: r.expires_at, createdAt: r.created_at, channel: r.channel,
  };
}

export async function insertQuote(sql: Sql, q: Quote): Promise<void> {
  await sql.query(
    `insert into quotes (id, customer_id, kind, items, discounts, promo_code, total, currency, fx_currency, fx_rate, fx_rate_source, fx_amount, expires_at, created_at, channel)
     values ($1, $2, $3, $4, $5, $6, $7, 'AZN', $8, $9, $10, $11, $12, $13, $14)`,
    [q.id, q.customerId, q.kind, JSON.stringify(q.items), JSON.stringify(q.discounts), q.promoCode, q.total,
      q.fx?.currency ?? null, q.fx?.rate ?? null, q.fx?.source ?? null, q.fx?.amount ?? null, q.expiresAt, q.createdAt, q.channel],
  );
}

export async function findQuote(sql: Sql, id: string, lock = false): Promise<Quote | undefined> {
  const [row] = await sql.query<QuoteRow>(`select * from quotes where id = $1${lock ? ' for update' : ''}`, [id]);
  return row ? toQuote(row) : undefined;
}

interface OrderRow {
  id: string; quote_id: string; customer_id: string | null; provider: string; status: string; total: number;
  charge_currency: string; charge_amount: number; payment_url: string | null; provider_reference: string | null;
  failure_reason: string | null; paid_payment_id: string | null; pay_by: Date; created_at: Date; paid_at: Date | null; activated_at: Date | null;
}

function toOrder(r: OrderRow): Order {
  if (!isOrderStatus(r.status)) throw new Error(`order ${r.id} has an unknown status`);
  return {
    id: r.id, quoteId: r.quote_id, customerId: r.customer_id, provider: r.provider, status: r.status, total: r.total,
    chargeCurrency: r.charge_currency, chargeAmount: r.charge_amount, paymentUrl: r.payment_url,
    providerReference: r.provider_reference, failureReason: r.failure_reason, paidPaymentId: r.paid_payment_id, payBy: r.pay_by, createdAt: r.created_at,
    paidAt: r.paid_at, activatedAt: r.activated_at,
  };
}

/**
 * Inserts the order unless another order of its quote is paid, activated or refunded: false then,
 * and nothing is written. One statement instead of a check and an insert (the caller holds the
 * quote's row lock, as it did for the separate check).
 */
export async function insertOrderUnlessQuotePaid(sql: Sql, o: Order): Promise<boolean> {
  const rows = await sql.query(
    `insert into orders (id, quote_id, customer_id, provider, status, total, currency, charge_currency, charge_amount,
                         payment_url, provider_reference, pay_by, created_at, updated_at)
     select $1::text, $2::text, $3::text, $4::text, $5::text, $6::int8, 'AZN', $7::text, $8::int8, $9::text, $10::text, $11::timestamptz, $12::timestamptz, $12::timestamptz
      where not exists (select 1 from orders where quote_id = $2::text and status in ('paid', 'activated', 'refunded'))
     returning 1`,
    [o.id, o.quoteId, o.customerId, o.provider, o.status, o.total, o.chargeCurrency, o.chargeAmount, o.paymentUrl, o.providerReference, o.payBy, o.createdAt],
  );
  return rows.length === 1;
}

export async function findOrder(sql: Sql, id: string, lock = false): Promise<Order | undefined> {
  const [row] = await sql.query<OrderRow>(`select * from orders where id = $1${lock ? ' for update' : ''}`, [id]);
  return row ? toOrder(row) : undefined;
}

/** An order locked for settlement, with what activating it reads: its quote's items and their plans. */
export interface OrderToSettle {
  readonly order: Order;
  /** null only when the quote row is missing (its foreign key forbids that). */
  readonly items: readonly QuoteItem[] | null;
  /** The plans the items name, sold or retired since the quote (their names go into the SMS), unparsed: a plan is only parsed if its SMS is written. */
  readonly planRows: readonly PlanRow[];
  /** The quote's promo code and channel, asked again at activation. */
  readonly promoCode: string | null;
  readonly channel: PromoChannel;
}

/**
 * findOrder / findOrderByReference with lock, plus the quote's items and plans in the same round
 * trip. Quotes never change once written; plans are read a few statements earlier than the
 * activation's SMS would read them, within the same transaction.
 */
export async function lockOrderToSettle(sql: Sql, by: { readonly id: string } | { readonly provider: string; readonly reference: string }): Promise<OrderToSettle | undefined> {
  const [row] = await sql.query<OrderRow & { quote_items: QuoteItem[] | null; plan_rows: PlanRow[]; quote_promo_code: string | null; quote_channel: PromoChannel | null }>(
    `select o.*, q.items as quote_items, q.promo_code as quote_promo_code, q.channel as quote_channel,
            (select coalesce(jsonb_agg(jsonb_build_object('code', p.code, 'kind', p.kind, 'monthly_price', p.monthly_price,
                       'durations', p.durations, 'allowances', p.allowances, 'texts', p.texts, 'sort_order', p.sort_order)), '[]'::jsonb)
               from plans p where p.code in (select i ->> 'planCode' from jsonb_array_elements(q.items) i)) as plan_rows
       from orders o left join quotes q on q.id = o.quote_id
      where ${'id' in by ? 'o.id = $1' : 'o.provider = $1 and o.provider_reference = $2'}
        for update of o`,
    'id' in by ? [by.id] : [by.provider, by.reference]);
  return row ? {
    order: toOrder(row), items: row.quote_items, planRows: row.plan_rows, promoCode: row.quote_promo_code, channel: row.quote_channel ?? 'online',
  } : undefined;
}

export async function findOrderByReference(sql: Sql, provider: string, reference: string, lock = false): Promise<Order | undefined> {
  const [row] = await sql.query<OrderRow>(
    `select * from orders where provider = $1 and provider_reference = $2${lock ? ' for update' : ''}`, [provider, reference]);
  return row ? toOrder(row) : undefined;
}

export async function setOrderPayment(sql: Sql, id: string, paymentUrl: string, providerReference: string, at: Date): Promise<void> {
  await sql.query('update orders set payment_url = $2, provider_reference = $3, updated_at = $4 where id = $1',
    [id, paymentUrl, providerReference, at]);
}

export async function updateOrderStatus(
  sql: Sql, id: string, status: OrderStatus, at: Date, fields: { failureReason?: string; paidWith?: string; activated?: boolean } = {},
): Promise<void> {
  await sql.query(
    `update orders set status = $2, updated_at = $3,
            failure_reason = coalesce($4, failure_reason),
            paid_payment_id = coalesce($5, paid_payment_id),
            paid_at = case when $5::text is not null then $3 else paid_at end,
            activated_at = case when $6 then $3 else activated_at end
      where id = $1`,
    [id, status, at, fields.failureReason ?? null, fields.paidWith ?? null, fields.activated ?? false],
  );
}

/** Orders still waiting for payment whose deadline (pay_by) has passed, the oldest first. */
export async function listOrdersPastPayBy(sql: Sql, at: Date, limit: number): Promise<Order[]> {
  const rows = await sql.query<OrderRow>(`select * from orders where status = 'pending_payment' and pay_by < $1 order by pay_by limit $2`, [at, limit]);
  return rows.map(toOrder);
}

export async function listPendingOrders(sql: Sql, createdBefore: Date, limit: number): Promise<Order[]> {
  const rows = await sql.query<OrderRow>(
    `select * from orders where status = 'pending_payment' and created_at < $1 and provider_reference is not null
      order by created_at limit $2`, [createdBefore, limit]);
  return rows.map(toOrder);
}

export interface PaymentRecord {
  readonly id: number;
  readonly provider: string;
  readonly providerPaymentId: string;
  readonly orderId: string | null;
  readonly amount: number;
  readonly currency: string;
  readonly status: 'succeeded' | 'refund_pending' | 'refunded';
  readonly refundReason: string | null;
}

interface PaymentRow {
  id: number; provider: string; provider_payment_id: string; order_id: string | null; amount: number; currency: string;
  status: PaymentRecord['status']; refund_reason: string | null;
}

function toPayment(r: PaymentRow): PaymentRecord {
  return {
    id: r.id, provider: r.provider, providerPaymentId: r.provider_payment_id, orderId: r.order_id, amount: r.amount,
    currency: r.currency, status: r.status, refundReason: r.refund_reason,
  };
}

/** Records a provider payment once; a repeat returns the row already there with inserted false. */
export async function recordPayment(
  sql: Sql, p: { provider: string; providerPaymentId: string; orderId: string | null; amount: number; currency: string }, at: Date,
): Promise<{ payment: PaymentRecord; inserted: boolean }> {
  const [inserted] = await sql.query<PaymentRow>(
    `insert into payments (provider, provider_payment_id, order_id, amount, currency, status, created_at, updated_at)
     values ($1, $2, $3, $4, $5, 'succeeded', $6, $6)
     on conflict (provider, provider_payment_id) do nothing
     returning *`,
    [p.provider, p.providerPaymentId, p.orderId, p.amount, p.currency, at],
  );
  if (inserted) return { payment: toPayment(inserted), inserted: true };
  const [existing] = await sql.query<PaymentRow>('select * from payments where provider = $1 and provider_payment_id = $2 for update',
    [p.provider, p.providerPaymentId]);
  if (!existing) throw new Error('payment vanished');
  return { payment: toPayment(existing), inserted: false };
}

/** The payment that paid an order (the first, if a second was refunded as a duplicate). */
export async function findSucceededPaymentOfOrder(sql: Sql, orderId: string): Promise<PaymentRecord | undefined> {
  const [row] = await sql.query<PaymentRow>(`select * from payments where order_id = $1 and status = 'succeeded' order by id limit 1`, [orderId]);
  return row ? toPayment(row) : undefined;
}

export async function findPayment(sql: Sql, provider: string, providerPaymentId: string): Promise<PaymentRecord | undefined> {
  const [row] = await sql.query<PaymentRow>('select * from payments where provider = $1 and provider_payment_id = $2', [provider, providerPaymentId]);
  return row ? toPayment(row) : undefined;
}

export async function markRefundPending(sql: Sql, paymentId: number, reason: string, at: Date): Promise<boolean> {
  const rows = await sql.query(
    `update payments set status = 'refund_pending', refund_reason = $2, updated_at = $3 where id = $1 and status = 'succeeded' returning 1`,
    [paymentId, reason, at]);
  return rows.length === 1;
}

export async function markRefunded(sql: Sql, paymentId: number, refundId: string, at: Date): Promise<void> {
  await sql.query(`update payments set status = 'refunded', provider_refund_id = $2, updated_at = $3 where id = $1 and status = 'refund_pending'`,
    [paymentId, refundId, at]);
}

export async function listRefundPending(sql: Sql, limit: number): Promise<PaymentRecord[]> {
  const rows = await sql.query<PaymentRow>(`select * from payments where status = 'refund_pending' order by updated_at limit $1`, [limit]);
  return rows.map(toPayment);
}

/** Inserts into the inbox; a repeat of (provider, event id) returns inserted false. */
export async function storeWebhook(
  sql: Sql, w: { provider: string; eventId: string; eventType: string; rawBody: string; orderId: string | null }, at: Date,
): Promise<{ id: number; inserted: boolean; processed: boolean }> {
  const [row] = await sql.query<{ id: number }>(
    `insert into webhook_inbox (provider, event_id, event_type, raw_body, order_id, received_at)
     values ($1, $2, $3, $4, $5, $6) on conflict (provider, event_id) do nothing returning id`,
    [w.provider, w.eventId, w.eventType, w.rawBody, w.orderId, at]);
  if (row) return { id: row.id, inserted: true, processed: false };
  const [existing] = await sql.query<{ id: number; processed_at: Date | null }>(
    'select id, processed_at from webhook_inbox where provider = $1 and event_id = $2 for update', [w.provider, w.eventId]);
  if (!existing) throw new Error('inbox row vanished');
  return { id: existing.id, inserted: false, processed: existing.processed_at !== null };
}

/** The webhook's last write: its transaction's commit is sent with it. */
export async function markWebhookProcessed(sql: Sql, id: number, outcome: string, at: Date): Promise<void> {
  await sql.queryAndCommit('update webhook_inbox set processed_at = $2, outcome = $3 where id = $1', [id, at, outcome]);
}
