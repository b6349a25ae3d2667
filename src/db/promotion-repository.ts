// Promotions as checked documents, and the redemptions that count against promo code caps.
import { parsePromotion, promotionToDocument, type Promotion, type PromoUsage } from '../domain/promotions.ts';
import type { PromotionDescriptions } from '../domain/promotion-offers.ts';
import type { Sql } from './database.ts';
import type { UpsertCounts } from './plan-repository.ts';

export async function upsertPromotions(sql: Sql, promotions: readonly Promotion[]): Promise<void> {
  for (const p of promotions) {
    await sql.query(
      `insert into promotions (code, document, active, state) values ($1, $2, true, 'published')
       on conflict (code) do update set document = excluded.document, active = true, state = 'published'`,
      [p.code, JSON.stringify(promotionToDocument(p))]);
  }
}

/**
 * As importPlans: a promotion equal to the file's (document and active) is not touched. The file
 * speaks for the operator: `active: false` pauses a promotion, otherwise it is published.
 */
export async function importPromotions(sql: Sql, entries: readonly { readonly promotion: Promotion; readonly active: boolean; readonly descriptions?: PromotionDescriptions }[]): Promise<UpsertCounts> {
  let created = 0;
  let updated = 0;
  for (const { promotion, active, descriptions } of entries) {
    const [row] = await sql.query<{ created: boolean }>(
      `insert into promotions (code, document, active, state, descriptions) values ($1, $2, $3, case when $3 then 'published' else 'paused' end, $4)
       on conflict (code) do update set document = excluded.document, active = excluded.active,
         -- New descriptions alone leave the back office's state (an ended promotion stays ended).
         state = case when (promotions.document, promotions.active) is distinct from (excluded.document, excluded.active)
                      then excluded.state else promotions.state end,
         descriptions = coalesce(excluded.descriptions, promotions.descriptions)
       where (promotions.document, promotions.active) is distinct from (excluded.document, excluded.active)
          or (excluded.descriptions is not null and promotions.descriptions is distinct from excluded.descriptions)
       returning (xmax = 0) as created`,
      [promotion.code, JSON.stringify(promotionToDocument(promotion)), active, descriptions === undefined ? null : JSON.stringify(descriptions)]);
    if (row?.created) created += 1;
    else if (row) updated += 1;
  }
  return { created, updated };
}

export async function listActivePromotions(sql: Sql): Promise<Promotion[]> {
  const rows = await sql.query<{ document: unknown }>('select document from promotions where active order by code');
  return rows.map((r) => parsePromotion(r.document));
}

// A claim holds a slot while its order may still be paid, and for good once it is activated.
const liveClaim = `(c.status = 'redeemed' or o.status in ('pending_payment', 'paid'))`;

/**
 * Uses of a code by everyone (orders still alive: a failed or expired order gives its use back),
 * by this customer and by each of these lines (live claims). `lock` takes the promotion row
 * first, so orders of one code are serialised; the claims' unique slots hold the caps regardless.
 */
export async function countRedemptions(sql: Sql, code: string, customerId: string | null, msisdns: readonly string[] = [], lock = false): Promise<PromoUsage> {
  if (lock) await sql.query('select 1 from promotions where code = $1 for update', [code]);
  const [row] = await sql.query<{ total: number; by_customer: number; by_line: Record<string, number> | null }>(
    `select (select count(*) from promo_redemptions r join orders o on o.id = r.order_id
              where r.code = $1 and o.status not in ('failed', 'expired'))::int8 as total,
            (select count(*) from promo_claims c join orders o on o.id = c.order_id
              where c.code = $1 and c.holder_kind = 'customer' and c.holder = $2 and ${liveClaim})::int8 as by_customer,
            (select jsonb_object_agg(holder, n) from (
               select c.holder, count(*)::int8 as n from promo_claims c join orders o on o.id = c.order_id
                where c.code = $1 and c.holder_kind = 'line' and c.holder = any($3::text[]) and ${liveClaim}
                group by c.holder) l) as by_line`,
    [code, customerId, msisdns]);
  return { total: Number(row?.total ?? 0), byCustomer: Number(row?.by_customer ?? 0), byLine: row?.by_line ?? {} };
}

export async function insertRedemption(sql: Sql, r: { orderId: string; code: string; customerId: string | null }, at: Date): Promise<void> {
  await sql.query('insert into promo_redemptions (order_id, code, customer_id, created_at) values ($1, $2, $3, $4)',
    [r.orderId, r.code, r.customerId, at]);
}

export interface ClaimHolder {
  readonly kind: 'customer' | 'line';
  readonly holder: string;
}

/**
 * Reserves one slot of 1..cap for the holder, or returns false when every slot is held by a live
 * claim. Slots of dead claims (order failed, expired, refunded unpaid) are freed first. Under
 * PostgreSQL a concurrent reservation of the same slot waits for the other transaction and then
 * finds the slot taken (on conflict do nothing): the key decides, not the count read before.
 */
export async function reserveClaim(sql: Sql, claim: ClaimHolder & { readonly code: string; readonly cap: number; readonly orderId: string }, at: Date): Promise<boolean> {
  await sql.query(
    `delete from promo_claims c using orders o
      where o.id = c.order_id and c.code = $1 and c.holder_kind = $2 and c.holder = $3 and not ${liveClaim}`,
    [claim.code, claim.kind, claim.holder]);
  const rows = await sql.query(
    `insert into promo_claims (code, holder_kind, holder, slot, order_id, status, created_at)
     select $1, $2, $3, s, $4, 'reserved', $5 from generate_series(1, $6::int) s
      where not exists (select 1 from promo_claims c where c.code = $1 and c.holder_kind = $2 and c.holder = $3 and c.slot = s)
      order by s limit 1
     on conflict do nothing
     returning slot`,
    [claim.code, claim.kind, claim.holder, claim.orderId, at, claim.cap]);
  return rows.length === 1;
}

/** Turns an order's reservations into redemptions; how many it held (0: none, or given back). */
export async function redeemClaims(sql: Sql, orderId: string, at: Date): Promise<number> {
  const rows = await sql.query('update promo_claims set status = \'redeemed\', redeemed_at = $2 where order_id = $1 returning 1', [orderId, at]);
  return rows.length;
}

/**
 * Whether a code for new customers still fits: no renewal order of this customer, nor any order
 * renewing one of these lines, was activated (other than `exceptOrderId`).
 */
export async function isNewCustomer(sql: Sql, customerId: string | null, msisdns: readonly string[], exceptOrderId: string | null = null): Promise<boolean> {
  const [row] = await sql.query<{ seen: boolean }>(
    `select exists (
       select 1 from orders o join quotes q on q.id = o.quote_id
        where o.status = 'activated' and q.kind = 'renewal' and o.id is distinct from $3
          and (o.customer_id = $1 or exists (select 1 from jsonb_array_elements(q.items) i where i ->> 'msisdn' = any($2::text[])))
     ) as seen`,
    [customerId, msisdns, exceptOrderId]);
  return row?.seen !== true;
}
