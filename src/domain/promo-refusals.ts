// Why a promo code is refused: the finer reason, the stable problem code each reason has (what an
// API client branches on), and what the code would have needed. Shared by pricing, the services
// that check a code again, and the channels that tell the customer.
import { DomainError, type ErrorCode } from './errors.ts';
import type { Qepik } from './money.ts';
import type { PlanKind } from './catalog.ts';
import type { Promotion, PromoCodePromotion, PromoContext } from './promotions.ts';

/** The finer reason behind a refusal, for the customer's message. */
export type PromoRefusalDetail =
  | 'unknown_code' | 'not_started' | 'ended' | 'total_cap_reached' | 'customer_cap_reached' | 'line_cap_reached'
  | 'plan_not_covered' | 'too_few_months' | 'below_min_order' | 'not_new_customer' | 'not_existing_customer' | 'wrong_channel' | 'free_order';

/** The stable problem code of each refusal: what an API client branches on. */
export const promoRefusalCodes = {
  unknown_code: 'PROMO_NOT_FOUND',
  not_started: 'PROMO_NOT_STARTED',
  ended: 'PROMO_EXPIRED',
  total_cap_reached: 'PROMO_EXHAUSTED',
  customer_cap_reached: 'PROMO_ALREADY_USED',
  line_cap_reached: 'PROMO_ALREADY_USED',
  plan_not_covered: 'PROMO_PLAN_NOT_COVERED',
  too_few_months: 'PROMO_MIN_MONTHS',
  below_min_order: 'PROMO_MIN_ORDER',
  not_new_customer: 'PROMO_NEW_CUSTOMERS_ONLY',
  not_existing_customer: 'PROMO_EXISTING_CUSTOMERS_ONLY',
  wrong_channel: 'PROMO_NOT_ELIGIBLE',
  free_order: 'PROMO_NOT_APPLICABLE',
} as const satisfies Readonly<Record<PromoRefusalDetail, ErrorCode>>;
export type PromoRefusalCode = (typeof promoRefusalCodes)[PromoRefusalDetail];

/** What a refused code would have needed, for "needs 3 months" or "from ₼10.00". */
export interface PromoNeeds {
  readonly months?: number;
  readonly amount?: Qepik;
}

/** A refusal as an error: channels map `code` as usual; pages read `detail` and `needs` for their text. */
export class PromoRefusedError extends DomainError {
  readonly detail: PromoRefusalDetail;
  readonly needs: PromoNeeds;
  readonly promoCode: string;

  constructor(promoCode: string, detail: PromoRefusalDetail, needs: PromoNeeds = {}, when = 'cannot be used') {
    const wanted = needs.months !== undefined ? ` (needs ${String(needs.months)} months)` : needs.amount !== undefined ? ` (needs an order of ${String(needs.amount)} qəpik)` : '';
    super(promoRefusalCodes[detail], `promo code ${promoCode} ${when}: ${detail.replaceAll('_', ' ')}${wanted}`,
      [{ path: '/promoCode', message: `${detail.replaceAll('_', ' ')}${wanted}` }]);
    this.name = 'PromoRefusedError';
    this.detail = detail;
    this.needs = needs;
    this.promoCode = promoCode;
  }
}

/** Whether the customer's history fits the code: for new customers only, or for those who renewed before. */
export function historyRefusal(promotion: Pick<PromoCodePromotion, 'newCustomersOnly' | 'existingCustomersOnly'>, newCustomer: boolean): PromoRefusalDetail | null {
  if (promotion.newCustomersOnly && !newCustomer) return 'not_new_customer';
  if (promotion.existingCustomersOnly === true && newCustomer) return 'not_existing_customer';
  return null;
}

/** An item of a paid order as the activation sees it: its plan may have left the catalogue since. */
export interface PaidItem {
  readonly planCode: string;
  readonly planKind: PlanKind | null;
  readonly months: number;
}

/**
 * The code's eligibility rules asked again when the payment arrives: the operator may have
 * withdrawn the code or narrowed it since the quote. The window and the caps are not asked again:
 * the price was locked for the quote's life and the uses were reserved with the order.
 */
export function recheckPaidPromoCode(promotion: Promotion | undefined, items: readonly PaidItem[], context: PromoContext): PromoRefusalDetail | null {
  if (promotion?.kind !== 'code') return 'unknown_code';
  if (promotion.channels !== undefined && !promotion.channels.includes(context.channel)) return 'wrong_channel';
  const history = historyRefusal(promotion, context.newCustomer);
  if (history !== null) return history;
  const covered = items.filter((item) => (promotion.planCodes === undefined && promotion.planKinds === undefined)
    || (promotion.planCodes?.includes(item.planCode) ?? false)
    || (item.planKind !== null && (promotion.planKinds?.includes(item.planKind) ?? false)));
  if (covered.length === 0) return 'plan_not_covered';
  return covered.some((item) => item.months >= (promotion.minMonths ?? 1)) ? null : 'too_few_months';
}
