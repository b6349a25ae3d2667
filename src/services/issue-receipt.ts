// A receipt for an activated counter sale, numbered 1, 2, 3… per store without gaps (the sequence
// row's lock orders concurrent sales at one store), issued at most once per order.
import { formatInstant, instantFromEpochMs, type Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { formatReceiptNumber, readReceiptNumber } from '../domain/receipt-number.ts';
import { storeText } from '../domain/store-schedule.ts';
import type { Sql } from '../db/database.ts';
import { findLine } from '../db/line-repository.ts';
import { findQuote } from '../db/order-repository.ts';
import { findStore } from '../db/store-repository.ts';
import { trustedMsisdn } from '../domain/msisdn.ts';
import { receiptCheck } from './staff-crypto.ts';

export interface Receipt {
  readonly number: string;
  readonly storeId: string;
  readonly seq: number;
  readonly orderId: string;
  readonly staffId: string;
  readonly msisdn: string;
  readonly paymentMethod: 'pos' | 'qr';
  readonly paymentReference: string;
  readonly amount: number;
  readonly items: unknown;
  readonly validUntilAfter: string;
  readonly language: string;
  readonly issuedAt: Date;
  readonly voidedAt: Date | null;
}

interface ReceiptRow {
  number: string; store_id: string; seq: number; order_id: string; staff_id: string; msisdn: string; payment_method: 'pos' | 'qr';
  payment_reference: string; amount: number; items: unknown; valid_until_after: string; language: string; issued_at: Date; voided_at: Date | null;
}

function toReceipt(r: ReceiptRow): Receipt {
  return {
    number: r.number, storeId: r.store_id, seq: r.seq, orderId: r.order_id, staffId: r.staff_id, msisdn: r.msisdn, paymentMethod: r.payment_method,
    paymentReference: r.payment_reference, amount: r.amount, items: r.items, validUntilAfter: r.valid_until_after, language: r.language,
    issuedAt: r.issued_at, voidedAt: r.voided_at,
  };
}

export async function findReceiptByOrder(sql: Sql, orderId: string): Promise<Receipt | undefined> {
  const [row] = await sql.query<ReceiptRow>('select * from receipts where order_id = $1', [orderId]);
  return row ? toReceipt(row) : undefined;
}

export async function findReceipt(sql: Sql, number: string): Promise<Receipt | undefined> {
  const [row] = await sql.query<ReceiptRow>('select * from receipts where number = $1', [number]);
  return row ? toReceipt(row) : undefined;
}

export interface CounterSaleRow {
  readonly orderId: string;
  readonly storeId: string;
  readonly staffId: string;
  readonly msisdn: string;
  readonly kind: 'renewal' | 'restore';
  readonly language: string;
}

export async function findCounterSale(sql: Sql, orderId: string): Promise<CounterSaleRow | undefined> {
  const [row] = await sql.query<{ order_id: string; store_id: string; staff_id: string; msisdn: string; kind: 'renewal' | 'restore'; language: string }>(
    'select * from counter_sales where order_id = $1', [orderId]);
  return row ? { orderId: row.order_id, storeId: row.store_id, staffId: row.staff_id, msisdn: row.msisdn, kind: row.kind, language: row.language } : undefined;
}

/** Issues the receipt of an activated sale inside the caller's transaction; a second call returns the first. */
export async function issueReceipt(sql: Sql, secret: string, sale: CounterSaleRow, now: Instant): Promise<Receipt> {
  // The order row lock makes two concurrent issuers of one sale take turns.
  const [order] = await sql.query<{ status: string; provider: 'pos' | 'qr'; quote_id: string; total: number }>(
    'select status, provider, quote_id, total from orders where id = $1 for update', [sale.orderId]);
  if (!order || order.status !== 'activated') throw new DomainError('ORDER_STATE_CONFLICT', 'the sale is not paid and activated yet');
  const existing = await findReceiptByOrder(sql, sale.orderId);
  if (existing) return existing;
  const store = await findStore(sql, sale.storeId);
  const quote = await findQuote(sql, order.quote_id);
  const line = await findLine(sql, trustedMsisdn(sale.msisdn));
  const [payment] = await sql.query<{ provider_payment_id: string }>(
    `select provider_payment_id from payments where order_id = $1 and status = 'succeeded' order by id limit 1`, [sale.orderId]);
  if (!store || !quote || !line || !payment) throw new Error(`sale ${sale.orderId} lacks its store, quote, line or payment`);
  const [seqRow] = await sql.query<{ last_seq: number }>(
    `insert into store_receipt_sequences (store_id, last_seq) values ($1, 1)
     on conflict (store_id) do update set last_seq = store_receipt_sequences.last_seq + 1 returning last_seq`, [sale.storeId]);
  if (!seqRow) throw new Error('no receipt number');
  const seq = seqRow.last_seq;
  const number = formatReceiptNumber(store.code, seq, receiptCheck(secret, store.code, seq));
  const items = { items: quote.items, discounts: quote.discounts, planNames: quote.items.map((i) => i.planName), storeName: storeText(store.names, sale.language) };
  const [row] = await sql.query<ReceiptRow>(
    `insert into receipts (number, store_id, seq, order_id, staff_id, msisdn, payment_method, payment_reference, amount, currency, items, valid_until_after, language, issued_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'AZN', $10, $11, $12, $13) returning *`,
    [number, sale.storeId, seq, sale.orderId, sale.staffId, sale.msisdn, order.provider, payment.provider_payment_id, order.total, JSON.stringify(items),
      line.validUntil, sale.language, new Date(now)]);
  if (!row) throw new Error('receipt not written');
  return toReceipt(row);
}

export interface ReceiptVerification {
  readonly genuine: true;
  readonly number: string;
  readonly amount: { readonly amount: number; readonly currency: 'AZN' };
  readonly issuedAt: string;
  readonly store: { readonly id: string; readonly name: string; readonly city: string };
  readonly voided: boolean;
}

/** GET /api/v1/receipts/{number}/verify: the public check of a printed receipt. */
export async function verifyReceipt(sql: Sql, number: string, locale: string): Promise<ReceiptVerification> {
  // A malformed number costs no query (the route has already counted it against the caller's limit).
  const printed = readReceiptNumber(number);
  const receipt = printed === undefined ? undefined : await findReceipt(sql, printed);
  if (!receipt) throw new DomainError('RECEIPT_NOT_FOUND', `no receipt ${number}`);
  const store = await findStore(sql, receipt.storeId);
  return {
    genuine: true, number: receipt.number, amount: { amount: receipt.amount, currency: 'AZN' },
    issuedAt: formatInstant(instantFromEpochMs(receipt.issuedAt.getTime())),
    store: { id: receipt.storeId, name: store ? storeText(store.names, locale) : receipt.storeId, city: store?.city ?? '' },
    voided: receipt.voidedAt !== null,
  };
}
