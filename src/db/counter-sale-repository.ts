// Sales at a store counter (which order, which agent, which ID check) and the ID checks behind them.
import type { Sql } from './database.ts';

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

export async function insertCounterSale(sql: Sql, sale: CounterSaleRow & { readonly idCheckId: number }, at: Date): Promise<void> {
  await sql.query(
    'insert into counter_sales (order_id, store_id, staff_id, id_check_id, msisdn, kind, language, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)',
    [sale.orderId, sale.storeId, sale.staffId, sale.idCheckId, sale.msisdn, sale.kind, sale.language, at]);
}

export interface StoredIdCheck {
  readonly id: number;
  readonly storeId: string;
  readonly msisdn: string;
  readonly iccidMatches: boolean;
  /** YYYY-MM-DD. */
  readonly documentExpires: string;
  readonly checkedAt: Date;
}

/** The most recent ID check for this number at this store. */
export async function findLatestIdCheck(sql: Sql, storeId: string, msisdn: string): Promise<StoredIdCheck | undefined> {
  const [row] = await sql.query<{ id: number; store_id: string; msisdn: string; iccid_matches: boolean; document_expires: string; checked_at: Date }>(
    'select id, store_id, msisdn, iccid_matches, document_expires, checked_at from id_checks where store_id = $1 and msisdn = $2 order by checked_at desc, id desc limit 1',
    [storeId, msisdn]);
  return row ? { id: row.id, storeId: row.store_id, msisdn: row.msisdn, iccidMatches: row.iccid_matches, documentExpires: row.document_expires, checkedAt: row.checked_at } : undefined;
}
