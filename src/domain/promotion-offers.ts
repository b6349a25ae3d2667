// The promotions a visitor or customer can use now, as they read them: a name and description in
// their language, the last day (Baku) and the conditions written out. Codes that need typing are
// listed with the code and to whom they apply; for a signed-in customer, codes they cannot use
// (new customers only, their uses spent) are left out.
import { operatorDay, type Instant, type IsoDate } from './calendar.ts';
import { coversPlan, isRunning, type DiscountValue, type Promotion } from './promotions.ts';
import { planText, type Plan } from './catalog.ts';
import { formatMoney, locales, type Locale } from './money.ts';
import { fillText, promotionConditionTexts } from './promotion-texts.ts';

/** A promotion's description in each language; imported promotions may have none. */
export type PromotionDescriptions = Readonly<Record<Locale, string>>;

export interface StoredPromotion {
  readonly promotion: Promotion;
  readonly descriptions: PromotionDescriptions | null;
}

export interface PromotionOffer {
  /** Only for promotions that need a code typed. */
  readonly code?: string;
  readonly name: string;
  readonly description: string;
  /** The last Baku calendar day it can be used; null for standing offers (several months, several numbers). */
  readonly validUntil: IsoDate | null;
  readonly conditions: readonly string[];
}

/** What is known of a signed-in customer; absent for a visitor, who sees every offer. */
export interface OfferAudience {
  /** No renewal of this customer or their numbers was ever activated. */
  readonly newCustomer: boolean;
  /** Uses of each code by this customer so far (live or redeemed). */
  readonly usesByCode: Readonly<Record<string, number>>;
}

/** The last day a window is open: it ends (exclusive) at validUntil, so the day of the moment before. */
export function lastDayOf(validUntil: Instant): IsoDate {
  return operatorDay((validUntil - 1) as Instant);
}

// One formatter per language, made when first asked: making one costs far more than using it, and
// the dashboard and promotions pages format every offer's conditions on every request.
function perLocale<F>(make: (locale: Locale) => F): (locale: Locale) => F {
  const made = new Map<Locale, F>();
  return (locale) => {
    let format = made.get(locale);
    if (format === undefined) {
      format = make(locale);
      made.set(locale, format);
    }
    return format;
  };
}

const percentFormat = perLocale((locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }));
const listFormat = perLocale((locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }));

/** "10 %" the way each language writes a percentage, at most two decimals (basis points). */
export function formatPercent(basisPoints: number, locale: Locale): string {
  return percentFormat(locale).format(basisPoints / 10_000);
}

function valueText(value: DiscountValue, locale: Locale): string {
  return value.type === 'percent' ? formatPercent(value.basisPoints, locale) : formatMoney(value.amount, locale);
}

function joinNames(names: readonly string[], locale: Locale): string {
  return listFormat(locale).format(names);
}

/** The conditions of one promotion, in order: how it applies, what it needs, its limits. */
export function promotionConditions(promotion: Promotion, locale: Locale, plans: readonly Plan[]): string[] {
  const x = promotionConditionTexts[locale];
  if (promotion.kind === 'multi_month') {
    return promotion.tiers.map((tier) => fillText(x.monthsTier, { months: tier.minMonths, value: formatPercent(tier.basisPoints, locale) }));
  }
  if (promotion.kind === 'bundle') {
    return [fillText(x.bundle, { lines: promotion.minLines, value: formatPercent(promotion.basisPoints, locale) })];
  }
  // Whether a code is needed is the offer's `code` itself, not a sentence.
  const out = [fillText(x.off, { value: valueText(promotion.value, locale) })];
  if (promotion.planCodes !== undefined || promotion.planKinds !== undefined) {
    // Customers see plan names, never codes or kinds: the plans on sale this promotion covers.
    const covered = plans.filter((plan) => coversPlan(promotion, plan)).map((plan) => planText(plan, locale).name);
    if (covered.length > 0) out.push(fillText(x.plans, { plans: joinNames(covered, locale) }));
  }
  if (promotion.kind === 'code' && promotion.minMonths !== undefined && promotion.minMonths > 1) {
    out.push(fillText(x.minMonths, { months: promotion.minMonths }));
  }
  if (promotion.minOrder !== undefined) out.push(fillText(x.minOrder, { amount: formatMoney(promotion.minOrder, locale) }));
  if (promotion.floor !== undefined) out.push(fillText(x.floor, { amount: formatMoney(promotion.floor, locale) }));
  if (promotion.kind === 'code') {
    if (promotion.newCustomersOnly) out.push(x.newCustomers);
    if (promotion.existingCustomersOnly === true) out.push(x.existingCustomers);
    if (promotion.channels?.length === 1) out.push(promotion.channels[0] === 'online' ? x.onlineOnly : x.counterOnly);
    out.push(fillText(x.perCustomer, { count: promotion.perCustomerCap }));
    out.push(fillText(x.perLine, { count: promotion.perLineCap }));
    if (promotion.totalCap !== undefined) out.push(fillText(x.totalCap, { count: promotion.totalCap }));
    if (!promotion.combinable) out.push(x.notCombinable);
  }
  return out;
}

/** Whether a signed-in customer could use this code at all (what the order brings is asked at the quote). */
function mayUse(promotion: Promotion, audience: OfferAudience | undefined): boolean {
  if (audience === undefined || promotion.kind !== 'code') return true;
  if (promotion.newCustomersOnly && !audience.newCustomer) return false;
  if (promotion.existingCustomersOnly === true && audience.newCustomer) return false;
  return (audience.usesByCode[promotion.code] ?? 0) < promotion.perCustomerCap;
}

/**
 * The offers open at `now`, in `locale`: windowed promotions that run now first (soonest to end
 * first), then the standing ones. Without a description, the discount itself describes it.
 */
export function currentOffers(stored: readonly StoredPromotion[], now: Instant, locale: Locale, plans: readonly Plan[], audience?: OfferAudience): PromotionOffer[] {
  const offers: { offer: PromotionOffer; endsAt: number }[] = [];
  for (const { promotion, descriptions } of stored) {
    const windowed = promotion.kind === 'automatic' || promotion.kind === 'code';
    if (windowed && !isRunning(promotion, now)) continue;
    if (!mayUse(promotion, audience)) continue;
    const conditions = promotionConditions(promotion, locale, plans);
    const offer: PromotionOffer = {
      ...(promotion.kind === 'code' ? { code: promotion.code } : {}),
      name: promotion.names[locale],
      // Without a description of its own, a standing offer is described by its tiers, a windowed one by its discount.
      description: descriptions?.[locale] ?? (windowed ? conditions[0] ?? '' : conditions.join('; ')),
      validUntil: windowed ? lastDayOf(promotion.validUntil) : null,
      conditions,
    };
    offers.push({ offer, endsAt: windowed ? promotion.validUntil : Number.MAX_SAFE_INTEGER });
  }
  return offers.sort((a, b) => a.endsAt - b.endsAt).map((o) => o.offer);
}

/** Names or descriptions as written in a form: every language, trimmed. */
export function missingLanguages(texts: Partial<Record<Locale, string>> | null | undefined): Locale[] {
  return locales.filter((locale) => (texts?.[locale] ?? '').trim() === '');
}
