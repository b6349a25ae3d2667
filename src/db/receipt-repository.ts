// Counter receipts: numbered per store without gaps (the sequence row's lock orders concurrent
// sales at one store), one per order, voided in place.
import type { Sql } from './database.ts';

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

/** `lock`: hold the row, so two voids of one receipt take turns and the second sees the first. */
export async function findReceipt(sql: Sql, number: string, lock = false): Promise<Receipt | undefined> {
  const [row] = await sql.query<ReceiptRow>(`select * from receipts where number = $1${lock ? ' for update' : ''}`, [number]);
  return row ? toReceipt(row) : undefined;
}

/** The store's next receipt number (1, 2, 3…); the sequence row stays locked until commit. */
export async function nextReceiptSeq(sql: Sql, storeId: string): Promise<number> {
  const [row] = await sql.query<{ last_seq: number }>(
    `insert into store_receipt_sequences (store_id, last_seq) values ($1, 1)
     on conflict (store_id) do update set last_seq = store_receipt_sequences.last_seq + 1 returning last_seq`, [storeId]);
  if (!row) throw new Error('no receipt number');
  return row.last_seq;
}

export type ReceiptToInsert = Omit<Receipt, 'voidedAt'>;

export async function insertReceipt(sql: Sql, r: ReceiptToInsert): Promise<Receipt> {
  const [row] = await sql.query<ReceiptRow>(
    `insert into receipts (number, store_id, seq, order_id, staff_id, msisdn, payment_method, payment_reference, amount, currency, items, valid_until_after, language, issued_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'AZN', $10, $11, $12, $13) returning *`,
    [r.number, r.storeId, r.seq, r.orderId, r.staffId, r.msisdn, r.paymentMethod, r.paymentReference, r.amount, JSON.stringify(r.items),
      r.validUntilAfter, r.language, r.issuedAt]);
  if (!row) throw new Error('receipt not written');
  return toReceipt(row);
}

export async function markReceiptVoided(sql: Sql, number: string, by: { readonly staffId: string; readonly reason: string }, at: Date): Promise<void> {
  await sql.query('update receipts set voided_at = $2, voided_by = $3, void_reason = $4 where number = $1', [number, at, by.staffId, by.reason]);
}
