// Promotions as checked documents, and the redemptions that count against promo code caps.
import { parsePromotion, promotionToDocument, type Promotion, type PromoUsage } from '../domain/promotions.ts';
import type { Sql } from './database.ts';
import type { UpsertCounts } from './plan-repository.ts';

export async function upsertPromotions(sql: Sql, promotions: readonly Promotion[]): Promise<void> {
  for (const p of promotions) {
    await sql.query(
      `insert into promotions (code, document, active) values ($1, $2, true)
       on conflict (code) do update set document = excluded.document, active = true`,
      [p.code, JSON.stringify(promotionToDocument(p))]);
  }
}

/** As importPlans: a promotion equal to the file's (document and active) is not touched. */
export async function importPromotions(sql: Sql, entries: readonly { readonly promotion: Promotion; readonly active: boolean }[]): Promise<UpsertCounts> {
  let created = 0;
  let updated = 0;
  for (const { promotion, active } of entries) {
    const [row] = await sql.query<{ created: boolean }>(
      `insert into promotions (code, document, active) values ($1, $2, $3)
       on conflict (code) do update set document = excluded.document, active = excluded.active
       where (promotions.document, promotions.active) is distinct from (excluded.document, excluded.active)
       returning (xmax = 0) as created`,
      [promotion.code, JSON.stringify(promotionToDocument(promotion)), active]);
    if (row?.created) created += 1;
    else if (row) updated += 1;
  }
  return { created, updated };
}

export async function listActivePromotions(sql: Sql): Promise<Promotion[]> {
  const rows = await sql.query<{ document: unknown }>('select document from promotions where active order by code');
  return rows.map((r) => parsePromotion(r.document));
}

/**
 * Redemptions of a code by everyone and by this customer, counting only orders still alive (a
 * failed or expired order gives its redemption back). `lock` takes the promotion row first, so
 * two orders racing for the last redemption are serialised and the cap holds.
 */
export async function countRedemptions(sql: Sql, code: string, customerId: string | null, lock = false): Promise<PromoUsage> {
  if (lock) await sql.query('select 1 from promotions where code = $1 for update', [code]);
  const [row] = await sql.query<{ total: number; by_customer: number }>(
    `select count(*)::int8 as total, count(*) filter (where r.customer_id = $2)::int8 as by_customer
       from promo_redemptions r join orders o on o.id = r.order_id
      where r.code = $1 and o.status not in ('failed', 'expired')`,
    [code, customerId]);
  return { total: row?.total ?? 0, byCustomer: row?.by_customer ?? 0 };
}

export async function insertRedemption(sql: Sql, r: { orderId: string; code: string; customerId: string | null }, at: Date): Promise<void> {
  await sql.query('insert into promo_redemptions (order_id, code, customer_id, created_at) values ($1, $2, $3, $4)',
    [r.orderId, r.code, r.customerId, at]);
}
