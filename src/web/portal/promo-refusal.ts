// Why a promo code was refused, in the page's language: each stable problem code has its own
// sentence, with what the code needed (months, a minimum order) read from the problem's `needs`.
import type { LightMyRequestResponse } from 'fastify';
import { money } from './format.ts';
import type { PageContext } from './layout.ts';

interface Needs {
  readonly months?: number;
  readonly minOrder?: { readonly amount: number; readonly currency: string };
}

function needsOf(response: LightMyRequestResponse): Needs {
  try {
    const body = JSON.parse(response.body) as { needs?: Needs };
    return body.needs ?? {};
  } catch {
    // A refusal without a JSON body says nothing more than its code.
    return {};
  }
}

/** The sentence for a refused code, or undefined when the problem is not about the code. */
export function promoRefusalText(ctx: PageContext, problemCode: string, promoCode: string, response: LightMyRequestResponse): string | undefined {
  const { t } = ctx;
  const code = promoCode.trim().toUpperCase();
  switch (problemCode) {
    case 'PROMO_NOT_FOUND': return t('promo.unknown', { code });
    case 'PROMO_EXPIRED': return t('promo.expired', { code });
    case 'PROMO_NOT_STARTED': return t('promo.notStarted', { code });
    case 'PROMO_ALREADY_USED': return t('promo.used', { code });
    case 'PROMO_EXHAUSTED': return t('promo.exhausted', { code });
    case 'PROMO_PLAN_NOT_COVERED': return t('promo.plan', { code });
    case 'PROMO_NEW_CUSTOMERS_ONLY': return t('promo.newCustomers', { code });
    case 'PROMO_EXISTING_CUSTOMERS_ONLY': return t('promo.existingCustomers', { code });
    case 'PROMO_NOT_ELIGIBLE': return t('promo.channel', { code });
    case 'PROMO_NOT_APPLICABLE': return t('promo.free', { code });
    case 'PROMO_MIN_MONTHS': {
      const { months } = needsOf(response);
      return months === undefined ? t('error.promo') : t('promo.months', { code, months: String(months) });
    }
    case 'PROMO_MIN_ORDER': {
      const { minOrder } = needsOf(response);
      return minOrder === undefined ? t('error.promo') : t('promo.minOrder', { code, amount: money(minOrder, ctx.locale) });
    }
    default: return undefined;
  }
}
