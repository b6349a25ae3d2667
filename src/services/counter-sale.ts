// A sale at the counter: after the ID check, the same quote and order as online, paid by card
// terminal (its answer, asked for by Saxla) or QR (the acquirer's signed webhook), never by what the
// agent types; activation is the online one (settlePayment → applyLineChange → SMS), then a
// receipt. Every step is audited.
import type { Instant } from '../domain/calendar.ts';
import { instantFromEpochMs, operatorDay } from '../domain/calendar.ts';
import { idCheckAllowsSale } from '../domain/counter-rules.ts';
import { DomainError } from '../domain/errors.ts';
import type { Locale } from '../domain/money.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Sql } from '../db/database.ts';
import { findLine } from '../db/line-repository.ts';
import { findCounterSale, findLatestIdCheck, insertCounterSale, type CounterSaleRow } from '../db/counter-sale-repository.ts';
import { claimIdempotencyKey, recordIdempotentResult } from '../db/idempotency-repository.ts';
import { joinTransaction } from '../db/joined-transaction.ts';
import { findOrder, findQuote } from '../db/order-repository.ts';
import { findReceiptByOrder, type Receipt } from '../db/receipt-repository.ts';
import type { CounterMethod, CounterPaymentAdapter, CounterPaymentRequest, CounterPayments, SimulatedWebhook } from '../payments/counter-payment.ts';
import { settlePayment } from './activate-order.ts';
import { createCounterQuote } from './counter-quote.ts';
import { createOrder } from './create-order.ts';
import { viewQuote, type QuoteView } from './create-quote.ts';
import { issueReceipt } from './issue-receipt.ts';
import { hashRequest } from './request-hash.ts';
import { setLineLanguage } from './set-line-language.ts';
import { writeAudit } from './staff-audit.ts';
import type { StaffDeps } from './staff-auth.ts';
import { assertStoreAccess, counterStoreOf, type StaffActor } from './staff-scope.ts';

export interface CounterDeps extends StaffDeps {
  readonly policy: ValidityPolicy;
  /** The configured adapters: a method without one is not offered. */
  readonly counter: CounterPayments;
  readonly baseUrl: string;
  readonly paymentGraceMs: number;
}

export interface CounterSaleRequest {
  readonly msisdn: string;
  readonly kind: 'renewal' | 'restore';
  readonly planCode: string;
  readonly months: number;
  readonly promoCode?: string;
  readonly method: CounterMethod;
  /** From the form, so a double submit opens one order. */
  readonly formKey: string;
  /** The line's language as the customer asks for it at the counter: its SMS, receipt and statements. */
  readonly language?: Locale;
}

/** Refuses a sale without a fresh, matching ID check at this store; returns the check's id. */
export async function requireIdCheck(sql: Sql, storeId: string, msisdn: string, now: Instant): Promise<number> {
  const check = await findLatestIdCheck(sql, storeId, msisdn);
  const verdict = idCheckAllowsSale(
    check && { ...check, documentExpires: check.documentExpires as ReturnType<typeof operatorDay>, checkedAt: instantFromEpochMs(check.checkedAt.getTime()) },
    { storeId, msisdn, now, today: operatorDay(now) });
  if (!verdict.ok || !check) throw new DomainError('ID_CHECK_REQUIRED', verdict.ok ? 'check the ID first' : verdict.reason);
  return check.id;
}

/** What a sale form's key remembers: the order the sale opened. */
interface SaleKeyResult {
  readonly orderId: string;
}

/**
 * Opens the sale's quote and order. Idempotent per form: the key rendered into the form is claimed
 * first, in the same transaction as the quote and order, so a double click (a second request
 * waiting on the key's row) gets the first sale back; the same key with other fields, a 409.
 */
export async function startCounterSale(deps: CounterDeps, actor: StaffActor, request: CounterSaleRequest): Promise<{ orderId: string; quote: QuoteView; replayed: boolean }> {
  const storeId = counterStoreOf(actor.staff);
  const msisdn = parseMsisdn(request.msisdn);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(request.formKey)) throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', 'this form has expired: reload the page and fill it in again');
  const adapter = adapterFor(deps, request.method);
  const now = deps.now();
  const key = `${actor.staff.id}:${request.formKey}`;
  const requestHash = hashRequest({
    msisdn, kind: request.kind, planCode: request.planCode, months: request.months, promoCode: request.promoCode ?? null, method: request.method, language: request.language ?? null,
  });
  return deps.db.tx(async (sql) => {
    const claim = await claimIdempotencyKey<SaleKeyResult>(sql, { scope: 'counter_sales', key, requestHash, at: new Date(now) });
    if (claim.outcome === 'conflict') {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this form was sent already with other details: reload the page to start another sale');
    }
    if (claim.outcome === 'replay') return replaySale(sql, claim.result);
    const line = await findLine(sql, msisdn);
    if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
    const idCheckId = await requireIdCheck(sql, storeId, msisdn, now);
    // The customer may choose the line's language at the counter; the sale's receipt and SMS then speak it.
    const language = request.language ?? line.language;
    if (language !== line.language) await setLineLanguage(sql, msisdn, language, { source: 'counter', staffId: actor.staff.id }, now);
    // The POS and QR adapters make up a reference locally (no remote call), so quote and order can
    // share this transaction with the key.
    const db = joinTransaction(sql, deps.db.engine);
    const quote = await createCounterQuote({ ...deps, db }, { kind: request.kind, msisdn, planCode: request.planCode, months: request.months, ...(request.promoCode ? { promoCode: request.promoCode } : {}) }, language);
    const { result } = await createOrder(
      { db, now: deps.now, providers: { [request.method]: adapter }, defaultProvider: request.method, baseUrl: deps.baseUrl, paymentGraceMs: deps.paymentGraceMs },
      { customerId: null, quoteId: quote.quoteId, provider: request.method, idempotencyKey: `counter:${key}` },
    );
    await insertCounterSale(sql, { orderId: result.orderId, storeId, staffId: actor.staff.id, idCheckId, msisdn, kind: request.kind, language }, new Date(now));
    await recordIdempotentResult<SaleKeyResult>(sql, 'counter_sales', key, { orderId: result.orderId });
    await writeAudit(sql, {
      staffId: actor.staff.id, storeId, msisdn, action: 'sale.start',
      detail: { orderId: result.orderId, kind: request.kind, planCode: request.planCode, months: request.months, method: request.method, total: quote.total.amount, idCheckId, language },
    }, actor.origin, now);
    return { orderId: result.orderId, quote, replayed: false };
  });
}

async function replaySale(sql: Sql, stored: SaleKeyResult | undefined): Promise<{ orderId: string; quote: QuoteView; replayed: true }> {
  const order = stored === undefined ? undefined : await findOrder(sql, stored.orderId);
  const quote = order ? await findQuote(sql, order.quoteId) : undefined;
  if (!order || !quote) throw new Error('a counter sale idempotency record names a missing order');
  return { orderId: order.id, quote: viewQuote(quote), replayed: true };
}

/** The sale behind an order, refused for staff of another store. */
export async function loadCounterSale(deps: StaffDeps, actor: StaffActor, orderId: string): Promise<CounterSaleRow> {
  const sale = await findCounterSale(deps.db, orderId);
  if (!sale) throw new DomainError('ORDER_NOT_FOUND', `no counter sale ${orderId}`);
  assertStoreAccess(actor.staff, sale.storeId);
  return sale;
}

/** The adapter of a method, or the refusal a counter without it gives. */
export function adapterFor(deps: Pick<CounterDeps, 'counter'>, method: CounterMethod): CounterPaymentAdapter {
  const adapter = deps.counter[method];
  if (!adapter) throw new DomainError('PAYMENT_PROVIDER_DISABLED', method === 'pos' ? 'card payments at the counter are not set up here' : 'QR payments at the counter are not set up here');
  return adapter;
}

interface PendingCounterPayment {
  readonly sale: CounterSaleRow;
  readonly adapter: CounterPaymentAdapter;
  readonly request: CounterPaymentRequest;
  readonly status: string;
}

async function pendingPayment(deps: CounterDeps, actor: StaffActor, orderId: string): Promise<PendingCounterPayment> {
  const sale = await loadCounterSale(deps, actor, orderId);
  counterStoreOf(actor.staff);
  const order = await findOrder(deps.db, orderId);
  if (!order || (order.provider !== 'pos' && order.provider !== 'qr') || order.providerReference === null) {
    throw new DomainError('ORDER_STATE_CONFLICT', 'this sale is not paid at the counter');
  }
  const adapter = adapterFor(deps, order.provider);
  const request = { orderId, reference: order.providerReference, charge: { amount: order.chargeAmount, currency: order.chargeCurrency }, storeId: sale.storeId };
  return { sale, adapter, request, status: order.status };
}

/** Puts the amount on the store's card terminal (again, after a decline); the QR needs no step. */
export async function sendToTerminal(deps: CounterDeps, actor: StaffActor, orderId: string): Promise<void> {
  const { sale, adapter, request, status } = await pendingPayment(deps, actor, orderId);
  if (status !== 'pending_payment') throw new DomainError('ORDER_STATE_CONFLICT', 'this sale is no longer waiting for payment');
  await adapter.start(request);
  await deps.db.tx((sql) => writeAudit(sql, { staffId: actor.staff.id, storeId: sale.storeId, msisdn: sale.msisdn, action: 'sale.terminal_sent', detail: { orderId, amount: request.charge.amount } }, actor.origin, deps.now()));
}

export type CounterPaymentOutcome = { readonly outcome: 'paid'; readonly receipt: Receipt } | { readonly outcome: 'waiting' };

/**
 * Asks the terminal (or acquirer) whether the sale is paid: approved → activated and receipted,
 * declined → PAYMENT_DECLINED, nothing yet → waiting. Only the adapter's answer counts.
 */
export async function confirmCounterPayment(deps: CounterDeps, actor: StaffActor, orderId: string): Promise<CounterPaymentOutcome> {
  const { sale, adapter, request, status: orderStatus } = await pendingPayment(deps, actor, orderId);
  const now = deps.now();
  if (orderStatus === 'activated') return { outcome: 'paid', receipt: await deps.db.tx((sql) => issueReceipt(sql, deps.secret, sale, now)) };
  const status = await adapter.fetchPaymentStatus(request.reference);
  if (status.status === 'pending') return { outcome: 'waiting' };
  if (status.status === 'failed') {
    await deps.db.tx((sql) => writeAudit(sql, { staffId: actor.staff.id, storeId: sale.storeId, msisdn: sale.msisdn, action: `sale.${adapter.name}_declined`, detail: { orderId, reason: status.reason } }, actor.origin, now));
    throw new DomainError('PAYMENT_DECLINED', status.reason);
  }
  const outcome = await deps.db.tx(async (sql) => {
    const settled = await settlePayment(sql, { policy: deps.policy }, {
      provider: adapter.name, paymentId: status.paymentId, orderId, providerReference: request.reference, charge: status.charge,
    }, now);
    if (settled.outcome === 'refund') {
      await writeAudit(sql, { staffId: actor.staff.id, storeId: sale.storeId, msisdn: sale.msisdn, action: 'sale.refund_due', detail: { orderId, reason: settled.reason, paymentId: status.paymentId } }, actor.origin, now);
      return settled;
    }
    const receipt = await issueReceipt(sql, deps.secret, sale, now);
    await writeAudit(sql, {
      staffId: actor.staff.id, storeId: sale.storeId, msisdn: sale.msisdn, action: `sale.paid_${adapter.name}`,
      detail: { orderId, paymentId: status.paymentId, confirmedBy: adapter.confirmedBy, receipt: receipt.number, amount: receipt.amount },
    }, actor.origin, now);
    return receipt;
  });
  if ('outcome' in outcome) throw new DomainError('ORDER_STATE_CONFLICT', `the payment cannot be applied (${outcome.reason.replaceAll('_', ' ')}); it will be refunded`);
  return { outcome: 'paid', receipt: outcome };
}

/**
 * Demo and tests only (the console mounts it outside production, and only simulators have it):
 * the simulated customer pays or is declined. A QR simulator returns the bank's signed webhook for
 * the caller to deliver through the public route; a terminal simulator records its answer.
 */
export async function simulateCustomerPayment(deps: CounterDeps, actor: StaffActor, orderId: string, outcome: 'succeeded' | 'failed'): Promise<SimulatedWebhook | undefined> {
  const { sale, adapter, request, status } = await pendingPayment(deps, actor, orderId);
  if (!adapter.simulator) throw new DomainError('NOT_FOUND', 'this payment method is real: there is nothing to simulate');
  if (status !== 'pending_payment') return undefined;
  await deps.db.tx((sql) => writeAudit(sql, { staffId: actor.staff.id, storeId: sale.storeId, msisdn: sale.msisdn, action: 'sale.simulated', detail: { orderId, method: adapter.name, outcome } }, actor.origin, deps.now()));
  return adapter.simulator.pay(request, outcome);
}

export interface SaleState {
  readonly sale: CounterSaleRow;
  readonly status: string;
  readonly provider: string;
  readonly total: number;
  readonly qrPayload: string | null;
  readonly receipt: Receipt | null;
  /** The sale's adapter is a demo simulator. */
  readonly simulated: boolean;
}

/** Where a sale stands; an activated QR sale gets its receipt here (the webhook came meanwhile). */
export async function readCounterSale(deps: CounterDeps, actor: StaffActor, orderId: string): Promise<SaleState> {
  const sale = await loadCounterSale(deps, actor, orderId);
  const order = await findOrder(deps.db, orderId);
  if (!order) throw new DomainError('ORDER_NOT_FOUND', `no order ${orderId}`);
  const now = deps.now();
  let receipt = (await findReceiptByOrder(deps.db, orderId)) ?? null;
  if (!receipt && order.status === 'activated') {
    receipt = await deps.db.tx(async (sql) => {
      const issued = await issueReceipt(sql, deps.secret, sale, now);
      await writeAudit(sql, { staffId: actor.staff.id, storeId: sale.storeId, msisdn: sale.msisdn, action: 'sale.paid_qr', detail: { orderId, receipt: issued.number, amount: issued.amount } }, actor.origin, now);
      return issued;
    });
  }
  const qr = order.provider === 'qr' && order.providerReference !== null && order.status === 'pending_payment' ? deps.counter.qr : undefined;
  const prompt = qr && order.providerReference !== null
    ? await qr.start({ orderId, reference: order.providerReference, charge: { amount: order.chargeAmount, currency: order.chargeCurrency }, storeId: sale.storeId })
    : undefined;
  const simulated = order.provider === 'pos' || order.provider === 'qr' ? deps.counter[order.provider]?.simulator !== undefined : false;
  return { sale, status: order.status, provider: order.provider, total: order.total, qrPayload: prompt?.kind === 'qr' ? prompt.payload : null, receipt, simulated };
}
