// At activation, a paid order's promo code is asked again (the operator may have withdrawn or
// narrowed it since the quote) and its reserved uses become redemptions, in the activation's
// transaction. A code that no longer fits sends the payment back rather than charging a price
// the customer never saw.
import type { Instant } from '../domain/calendar.ts';
import type { PromoRefusalDetail } from '../domain/promo-refusals.ts';
import { recheckPaidPromoCode } from '../domain/promo-refusals.ts';
import type { Sql } from '../db/database.ts';
import type { OrderToSettle } from '../db/order-repository.ts';
import { toPlan } from '../db/plan-repository.ts';
import { isNewCustomer, listActivePromotions, redeemClaims } from '../db/promotion-repository.ts';

/** null: nothing to redeem or redeemed; otherwise why the order cannot keep its discount. */
export async function redeemPromoCode(sql: Sql, target: OrderToSettle, now: Instant): Promise<PromoRefusalDetail | null> {
  const code = target.promoCode;
  if (code === null || !target.items) return null;
  const promotion = (await listActivePromotions(sql)).find((p) => p.code === code);
  const msisdns = target.items.map((i) => i.msisdn);
  const newCustomer = promotion?.kind === 'code' && (promotion.newCustomersOnly || promotion.existingCustomersOnly === true)
    ? await isNewCustomer(sql, target.order.customerId, msisdns, target.order.id) : true;
  const items = target.items.flatMap((item) => {
    if (item.planCode === null) return [];
    const row = target.planRows.find((r) => r.code === item.planCode);
    return [{ planCode: item.planCode, planKind: row ? toPlan(row).kind : null, months: item.months ?? 0 }];
  });
  const refusal = recheckPaidPromoCode(promotion, items, { channel: target.channel, newCustomer });
  if (refusal !== null) return refusal;
  // The reservation was given back (its order expired before this payment came): the use is gone.
  return (await redeemClaims(sql, target.order.id, new Date(now))) > 0 ? null : 'customer_cap_reached';
}
