// Why a promo code is refused: the finer reason, the stable problem code each reason has (what an
// API client branches on), and what the code would have needed. Shared by pricing, the services
// that check a code again, and the channels that tell the customer.
import { DomainError, type ErrorCode } from './errors.ts';
import type { Qepik } from './money.ts';

/** The finer reason behind a refusal, for the customer's message. */
export type PromoRefusalDetail =
  | 'unknown_code' | 'not_started' | 'ended' | 'total_cap_reached' | 'customer_cap_reached' | 'line_cap_reached'
  | 'plan_not_covered' | 'too_few_months' | 'below_min_order' | 'not_new_customer' | 'wrong_channel' | 'free_order';

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
