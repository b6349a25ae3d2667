// Promotions as data, and the small questions asked of each one: is it running, does it cover this
// plan, how much does it take off an amount, may this customer use this code. The order in which
// promotions combine is pricing.ts's business, not this file's.
import { formatInstant, parseInstant, type Instant } from './calendar.ts';
import { isPlanCode, isPlanKind, type Plan, type PlanKind } from './catalog.ts';
import { DomainError, type ErrorDetail } from './errors.ts';
import { historyRefusal, promoRefusalCodes, type PromoRefusalCode, type PromoRefusalDetail } from './promo-refusals.ts';
import { applyBasisPoints, locales, qepik, type BasisPoints, type Locale, type Qepik } from './money.ts';

export type DiscountValue =
  | { readonly type: 'percent'; readonly basisPoints: BasisPoints }
  | { readonly type: 'fixed'; readonly amount: Qepik };

/** What the customer reads on the discount line, in each language. */
export type PromotionNames = Readonly<Record<Locale, string>>;

/**
 * Which plans a promotion covers. No lists: every plan. Otherwise a plan is covered when its code
 * is listed or its kind is listed (either is enough).
 */
export interface PlanScope {
  readonly planCodes?: readonly string[];
  readonly planKinds?: readonly PlanKind[];
}

/** Runs from validFrom (inclusive) until validUntil (exclusive), so back-to-back campaigns never overlap. */
export interface ValidityWindow {
  readonly validFrom: Instant;
  readonly validUntil: Instant;
}

/**
 * Limits that keep a discount from giving a plan away. A fixed discount must carry one of them
 * (parsePromotion refuses it otherwise): 5 AZN off is a gift on a 4.50 AZN order.
 */
export interface DiscountLimits {
  /** The amount the discount looks at (an item, or a code's eligible items) must reach this first. */
  readonly minOrder?: Qepik;
  /** The discount never takes that amount below this. */
  readonly floor?: Qepik;
}

/** Applies by itself while it runs, to each covered item; a fixed amount is taken off each item. */
export interface AutomaticPromotion extends PlanScope, ValidityWindow, DiscountLimits {
  readonly kind: 'automatic';
  readonly code: string;
  readonly names: PromotionNames;
  readonly value: DiscountValue;
}

/** Where a code is typed. USSD takes no codes. 'online' is the portal and the customer API. */
export const promoChannels = ['online', 'counter'] as const;
export type PromoChannel = (typeof promoChannels)[number];

/** Caps a code gets when its document names none: once per customer, once per line. */
export const DEFAULT_PROMO_CAP = 1;

/**
 * Typed by the customer; caps are checked against counts the caller reads (counting is I/O), and
 * the database holds them with one unique claim row per use (promo_claims).
 */
export interface PromoCodePromotion extends PlanScope, ValidityWindow, DiscountLimits {
  readonly kind: 'code';
  readonly code: string;
  readonly names: PromotionNames;
  /** A percentage of each eligible item, or a fixed amount off the eligible items together. */
  readonly value: DiscountValue;
  readonly totalCap?: number;
  /** Uses per customer account (DEFAULT_PROMO_CAP when the document names none). */
  readonly perCustomerCap: number;
  /** Uses per line, whoever pays (DEFAULT_PROMO_CAP when the document names none). */
  readonly perLineCap: number;
  /** Items bought for fewer months are not eligible. */
  readonly minMonths?: number;
  /** Only for a customer and lines that never had a renewal order activated. */
  readonly newCustomersOnly: boolean;
  /** Only for a customer (or lines) with a renewal order activated before; never with newCustomersOnly. */
  readonly existingCustomersOnly?: boolean;
  /** Where the code may be typed; every channel when absent. */
  readonly channels?: readonly PromoChannel[];
  /** false: never stacked; the customer gets whichever is cheaper, the code alone or the other discounts. */
  readonly combinable: boolean;
}

export interface MultiMonthTier {
  readonly minMonths: number;
  readonly basisPoints: BasisPoints;
}

/** Paying for several months at once: the highest tier the item's months reach. */
export interface MultiMonthPromotion {
  readonly kind: 'multi_month';
  readonly code: string;
  readonly names: PromotionNames;
  /** Ascending by minMonths. */
  readonly tiers: readonly MultiMonthTier[];
}

/** One order renewing several lines. */
export interface BundlePromotion {
  readonly kind: 'bundle';
  readonly code: string;
  readonly names: PromotionNames;
  readonly minLines: number;
  readonly basisPoints: BasisPoints;
}

export type Promotion = AutomaticPromotion | PromoCodePromotion | MultiMonthPromotion | BundlePromotion;

/** Redemptions so far: of the code by everyone, by this customer, and per line of the order. */
export interface PromoUsage {
  readonly total: number;
  readonly byCustomer: number;
  /** By msisdn; a line not listed has none. */
  readonly byLine?: Readonly<Record<string, number>>;
}

/** What the code's eligibility rules ask of the order beyond its items. */
export interface PromoContext {
  readonly channel: PromoChannel;
  /** No renewal order of this customer or of these lines was ever activated. */
  readonly newCustomer: boolean;
}

export const PROMOTION_NAME_MAX = 40;
const promotionCodePattern = /^[A-Z0-9_]{1,32}$/;

export function promotionName(promotion: Promotion, locale: Locale): string {
  return promotion.names[locale];
}

export function isRunning(window: ValidityWindow, now: Instant): boolean {
  return window.validFrom <= now && now < window.validUntil;
}

export function coversPlan(scope: PlanScope, plan: Plan): boolean {
  if (scope.planCodes === undefined && scope.planKinds === undefined) return true;
  return (scope.planCodes?.includes(plan.code) ?? false) || (scope.planKinds?.includes(plan.kind) ?? false);
}

/**
 * How much a value takes off an amount; never more than the amount above the floor, so nothing
 * goes below the floor or 0, and nothing below the minimum order.
 */
export function discountOn(value: DiscountValue, amount: Qepik, limits: DiscountLimits = {}): Qepik {
  if (amount <= 0 || amount < (limits.minOrder ?? 0)) return qepik(0);
  const room = Math.max(0, amount - (limits.floor ?? 0));
  const raw = value.type === 'percent' ? applyBasisPoints(amount, value.basisPoints) : value.amount;
  return qepik(Math.min(raw, room));
}

/** The rate of the highest tier that `months` reaches, 0 below the first. */
export function multiMonthRate(promotion: MultiMonthPromotion, months: number): BasisPoints {
  let rate = 0;
  for (const tier of promotion.tiers) {
    if (months >= tier.minMonths) rate = Math.max(rate, tier.basisPoints);
  }
  return rate;
}

/** People type codes in any case and with stray spaces; codes are stored upper-case. */
export function normalizePromoCode(typed: string): string {
  return typed.trim().toUpperCase();
}

export type PromoCodeCheck =
  | { readonly ok: true; readonly promotion: PromoCodePromotion }
  | { readonly ok: false; readonly reason: PromoRefusalCode; readonly detail: PromoRefusalDetail };

function refusal(detail: PromoRefusalDetail): PromoCodeCheck {
  return { ok: false, reason: promoRefusalCodes[detail], detail };
}

/**
 * Whether a typed code exists, runs at `now`, may be used here and by this customer, and has
 * redemptions left. Which items it covers (plans, months, lines' own caps, minimum order) is
 * checked by the caller, who knows the order. Every code has caps, so counts are required.
 */
export function checkPromoCode(promotions: readonly Promotion[], typed: string, now: Instant, usage: PromoUsage | undefined, context?: PromoContext): PromoCodeCheck {
  const code = normalizePromoCode(typed);
  const promotion = promotions.find((p): p is PromoCodePromotion => p.kind === 'code' && p.code === code);
  if (promotion === undefined) return refusal('unknown_code');
  if (now < promotion.validFrom) return refusal('not_started');
  if (now >= promotion.validUntil) return refusal('ended');
  // Without a context nothing can be said of channel or history; pricing for display passes none.
  if (context !== undefined) {
    if (promotion.channels !== undefined && !promotion.channels.includes(context.channel)) return refusal('wrong_channel');
    const history = historyRefusal(promotion, context.newCustomer);
    if (history !== null) return refusal(history);
  }
  // Treating missing counts as zero would let a capped code be redeemed without limit.
  if (usage === undefined) {
    throw new DomainError('VALIDATION_FAILED', `promo code ${code} has redemption caps: pass the current redemption counts`);
  }
  if (promotion.totalCap !== undefined && usage.total >= promotion.totalCap) return refusal('total_cap_reached');
  if (usage.byCustomer >= promotion.perCustomerCap) return refusal('customer_cap_reached');
  return { ok: true, promotion };
}

// ---- reading and writing promotion documents (JSON in the database or a seed file) ----

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isRate(value: unknown): value is number {
  return isPositiveInt(value) && value <= 10_000;
}

const keysByKind: Readonly<Record<Promotion['kind'], readonly string[]>> = {
  automatic: ['kind', 'code', 'names', 'value', 'validFrom', 'validUntil', 'planCodes', 'planKinds', 'minOrder', 'floor'],
  code: ['kind', 'code', 'names', 'value', 'validFrom', 'validUntil', 'planCodes', 'planKinds', 'minOrder', 'floor',
    'totalCap', 'perCustomerCap', 'perLineCap', 'minMonths', 'newCustomersOnly', 'existingCustomersOnly', 'channels', 'combinable'],
  multi_month: ['kind', 'code', 'names', 'tiers'],
  bundle: ['kind', 'code', 'names', 'minLines', 'basisPoints'],
};

function isPromotionKind(value: unknown): value is Promotion['kind'] {
  return typeof value === 'string' && Object.hasOwn(keysByKind, value);
}

type Need = (ok: boolean, path: string, message: string) => void;

/**
 * minOrder and floor are whole qəpik; a fixed amount needs one of them, and one that leaves
 * something to pay: a minimum order above the amount or a floor above 0.
 */
function checkLimits(d: Record<string, unknown>, value: Record<string, unknown>, need: Need): void {
  for (const key of ['minOrder', 'floor'] as const) {
    if (d[key] !== undefined) need(isPositiveInt(d[key]), `/${key}`, 'whole qəpik > 0');
  }
  if (value.type === 'fixed' && isPositiveInt(value.amount)) {
    const minOrder = isPositiveInt(d.minOrder) ? d.minOrder : 0;
    const floor = isPositiveInt(d.floor) ? d.floor : 0;
    need(minOrder > value.amount || floor > 0, '/minOrder',
      `a fixed discount needs a minOrder above its amount (${String(value.amount)} qəpik) or a floor, so no order becomes free`);
  }
  if (value.type === 'percent' && value.basisPoints === 10_000) {
    need(isPositiveInt(d.floor), '/floor', 'a 100 % discount needs a floor, so no order becomes free');
  }
}

/**
 * Checks a promotion document and returns it typed. Instants are ISO-8601 strings with an offset
 * in documents, so a stored campaign reads the same in any time zone.
 */
export function parsePromotion(doc: unknown): Promotion {
  const d = asRecord(doc);
  const problems: ErrorDetail[] = [];
  const need = (ok: boolean, path: string, message: string): void => {
    if (!ok) problems.push({ path, message });
  };
  const kind = d.kind;
  need(isPromotionKind(kind), '/kind', 'one of automatic, code, multi_month, bundle');
  if (isPromotionKind(kind)) {
    for (const key of Object.keys(d)) need(keysByKind[kind].includes(key), `/${key}`, `unknown field for a ${kind} promotion`);
  }
  need(typeof d.code === 'string' && promotionCodePattern.test(d.code), '/code', 'A–Z, 0–9 and _, 1 to 32 characters');
  const names = asRecord(d.names);
  for (const key of Object.keys(names)) need((locales as readonly string[]).includes(key), `/names/${key}`, 'unknown language');
  for (const locale of locales) {
    const name = names[locale];
    need(typeof name === 'string' && name.trim().length > 0 && [...name.trim()].length <= PROMOTION_NAME_MAX && !/\p{Cc}/u.test(name),
      `/names/${locale}`, `a non-empty single line of at most ${PROMOTION_NAME_MAX} characters; every language is required`);
  }
  const instant = (key: 'validFrom' | 'validUntil'): Instant | null => {
    const text = d[key];
    try {
      if (typeof text === 'string') return parseInstant(text);
    } catch {
      // reported below
    }
    need(false, `/${key}`, 'an ISO-8601 time with an offset');
    return null;
  };
  if (kind === 'automatic' || kind === 'code') {
    const value = asRecord(d.value);
    if (value.type === 'percent') {
      need(isRate(value.basisPoints) && Object.keys(value).length === 2, '/value', '{type: "percent", basisPoints: 1…10000}');
    } else {
      need(value.type === 'fixed' && isPositiveInt(value.amount) && Object.keys(value).length === 2, '/value',
        '{type: "percent", basisPoints} or {type: "fixed", amount: qəpik > 0}');
    }
    const from = instant('validFrom');
    const until = instant('validUntil');
    need(from === null || until === null || from < until, '/validUntil', 'after validFrom');
    if (d.planCodes !== undefined) {
      need(Array.isArray(d.planCodes) && d.planCodes.length > 0 && d.planCodes.every(isPlanCode), '/planCodes', 'a non-empty list of plan codes');
    }
    if (d.planKinds !== undefined) {
      need(Array.isArray(d.planKinds) && d.planKinds.length > 0 && d.planKinds.every(isPlanKind), '/planKinds', 'a non-empty list of plan kinds');
    }
    checkLimits(d, value, need);
  }
  if (kind === 'code') {
    for (const key of ['totalCap', 'perCustomerCap', 'perLineCap', 'minMonths'] as const) {
      if (d[key] !== undefined) need(isPositiveInt(d[key]), `/${key}`, 'a whole number > 0');
    }
    if (d.newCustomersOnly !== undefined) need(typeof d.newCustomersOnly === 'boolean', '/newCustomersOnly', 'true or false');
    if (d.existingCustomersOnly !== undefined) need(typeof d.existingCustomersOnly === 'boolean', '/existingCustomersOnly', 'true or false');
    need(!(d.newCustomersOnly === true && d.existingCustomersOnly === true), '/existingCustomersOnly', 'a code is for new or for existing customers, not both');
    if (d.channels !== undefined) {
      need(Array.isArray(d.channels) && d.channels.length > 0 && d.channels.every((c) => (promoChannels as readonly unknown[]).includes(c))
        && new Set(d.channels).size === d.channels.length, '/channels', `a non-empty list of ${promoChannels.join(', ')}`);
    }
    need(typeof d.combinable === 'boolean', '/combinable', 'true or false');
  }
  if (kind === 'multi_month') {
    const tiers = Array.isArray(d.tiers) ? (d.tiers as unknown[]) : [];
    need(tiers.length > 0, '/tiers', 'a non-empty list of {minMonths, basisPoints}');
    let previous = { minMonths: 0, basisPoints: 0 };
    tiers.forEach((entry, i) => {
      const tier = asRecord(entry);
      const { minMonths, basisPoints } = tier;
      const ok = isPositiveInt(minMonths) && isRate(basisPoints) && Object.keys(tier).length === 2;
      need(ok, `/tiers/${i}`, '{minMonths > 0, basisPoints 1…10000}');
      if (isPositiveInt(minMonths) && isRate(basisPoints)) {
        // A longer commitment that earns less would be a typo, not a campaign.
        need(minMonths > previous.minMonths && basisPoints >= previous.basisPoints, `/tiers/${i}`,
          'tiers ascend by minMonths and never lower the rate');
        previous = { minMonths, basisPoints };
      }
    });
  }
  if (kind === 'bundle') {
    need(isPositiveInt(d.minLines) && d.minLines >= 2, '/minLines', 'a whole number ≥ 2');
    need(isRate(d.basisPoints), '/basisPoints', 'a whole number 1…10000');
  }
  if (problems.length > 0) {
    throw new DomainError('PROMOTION_INVALID', 'the promotion is not valid', problems);
  }
  return buildPromotion(d);
}

/** Only called on a document parsePromotion has checked. */
function buildPromotion(d: Record<string, unknown>): Promotion {
  const code = d.code as string;
  const n = d.names as Record<Locale, string>;
  const names = Object.fromEntries(locales.map((locale) => [locale, n[locale].trim()])) as PromotionNames;
  const kind = d.kind as Promotion['kind'];
  if (kind === 'multi_month') {
    const tiers = (d.tiers as MultiMonthTier[]).map((t) => ({ minMonths: t.minMonths, basisPoints: t.basisPoints }));
    return { kind, code, names, tiers };
  }
  if (kind === 'bundle') return { kind, code, names, minLines: d.minLines as number, basisPoints: d.basisPoints as number };
  const v = d.value as { type: 'percent'; basisPoints: number } | { type: 'fixed'; amount: number };
  const value: DiscountValue = v.type === 'percent' ? { type: 'percent', basisPoints: v.basisPoints } : { type: 'fixed', amount: qepik(v.amount) };
  const scope: PlanScope = {
    ...(d.planCodes === undefined ? {} : { planCodes: [...(d.planCodes as string[])] }),
    ...(d.planKinds === undefined ? {} : { planKinds: [...(d.planKinds as PlanKind[])] }),
  };
  const window = { validFrom: parseInstant(d.validFrom as string), validUntil: parseInstant(d.validUntil as string) };
  const limits: DiscountLimits = {
    ...(d.minOrder === undefined ? {} : { minOrder: qepik(d.minOrder as number) }),
    ...(d.floor === undefined ? {} : { floor: qepik(d.floor as number) }),
  };
  if (kind === 'automatic') return { kind, code, names, value, ...window, ...scope, ...limits };
  return {
    kind, code, names, value, ...window, ...scope, ...limits,
    ...(d.totalCap === undefined ? {} : { totalCap: d.totalCap as number }),
    perCustomerCap: (d.perCustomerCap as number | undefined) ?? DEFAULT_PROMO_CAP,
    perLineCap: (d.perLineCap as number | undefined) ?? DEFAULT_PROMO_CAP,
    ...(d.minMonths === undefined ? {} : { minMonths: d.minMonths as number }),
    newCustomersOnly: (d.newCustomersOnly as boolean | undefined) ?? false,
    ...(d.existingCustomersOnly === true ? { existingCustomersOnly: true } : {}),
    ...(d.channels === undefined ? {} : { channels: [...(d.channels as PromoChannel[])] }),
    combinable: d.combinable as boolean,
  };
}

/** The document parsePromotion reads back: instants as ISO-8601 in Asia/Baku. */
export function promotionToDocument(promotion: Promotion): Record<string, unknown> {
  if (promotion.kind === 'multi_month' || promotion.kind === 'bundle') return { ...promotion };
  return { ...promotion, validFrom: formatInstant(promotion.validFrom), validUntil: formatInstant(promotion.validUntil) };
}
