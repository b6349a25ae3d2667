// Promotions as the back office writes them: a form (what marketing staff type) becomes a draft
// document, checked by the same parsePromotion the catalogue import uses, except that a draft may
// still lack names or descriptions in some languages. Publishing demands every language. The
// states a promotion passes through, and which moves are allowed, are here too.
import { addDays, operatorDay, parseInstant, startOfOperatorDay, formatInstant, isIsoDate, type Instant, type IsoDate } from './calendar.ts';
import { DomainError, isDomainError, type ErrorDetail } from './errors.ts';
import { parseAznAmount, locales, type Locale, formatQepikAsDecimal, qepik } from './money.ts';
import { lastDayOf, missingLanguages, type PromotionDescriptions } from './promotion-offers.ts';
import { normalizePromoCode, parsePromotion, promoChannels, type Promotion } from './promotions.ts';

export const promotionStates = ['draft', 'published', 'paused', 'ended'] as const;
export type PromotionState = (typeof promotionStates)[number];

/** What staff may do to a promotion; 'edit' changes its terms and texts. */
export type PromotionAction = 'edit' | 'publish' | 'pause' | 'end';

export const PROMOTION_DESCRIPTION_MAX = 300;

/** The form's fields, as typed (strings; plan codes ticked). Amounts in manat, days in Baku. */
export interface PromotionForm {
  readonly code: string;
  readonly kind: string;
  readonly discountType: string;
  readonly percent?: string;
  readonly amount?: string;
  readonly minOrder?: string;
  readonly floor?: string;
  readonly validFrom: string;
  readonly validUntil: string;
  readonly planCodes?: readonly string[];
  /** 'all', 'online' or 'counter'. */
  readonly channel?: string;
  /** 'all', 'new' or 'existing'. */
  readonly audience?: string;
  readonly perCustomerCap?: string;
  readonly perLineCap?: string;
  readonly totalCap?: string;
  readonly minMonths?: string;
  readonly combinable?: boolean;
  readonly names: Partial<Record<Locale, string>>;
  readonly descriptions: Partial<Record<Locale, string>>;
}

/** A draft as stored: the promotion document (names may be missing) and its descriptions. */
export interface PromotionDraft {
  readonly code: string;
  readonly document: Readonly<Record<string, unknown>>;
  readonly descriptions: Partial<Record<Locale, string>>;
}

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

/** "12.5" or "12,5" percent as basis points (1250); at most two decimals. */
export function parsePercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!match) return null;
  const value = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return value > 0 && value <= 10_000 ? value : null;
}

function wholeNumber(text: string | undefined, path: string, problems: ErrorDetail[]): number | undefined {
  if (blank(text)) return undefined;
  const value = Number(text?.trim());
  if (!Number.isSafeInteger(value) || value <= 0 || !/^\d+$/.test(text?.trim() ?? '')) {
    problems.push({ path, message: 'a whole number > 0' });
    return undefined;
  }
  return value;
}

function manat(text: string | undefined, path: string, problems: ErrorDetail[]): number | undefined {
  if (blank(text)) return undefined;
  try {
    const amount = parseAznAmount(text ?? '');
    if (amount > 0) return amount;
  } catch (error) {
    if (!isDomainError(error)) throw error;
  }
  problems.push({ path, message: 'an amount in manat above 0, such as 5.00' });
  return undefined;
}

function day(text: string, path: string, problems: ErrorDetail[]): IsoDate | null {
  const trimmed = text.trim();
  if (isIsoDate(trimmed)) return trimmed;
  problems.push({ path, message: 'a day as YYYY-MM-DD (Baku)' });
  return null;
}

function cleanTexts(texts: Partial<Record<string, string>>, max: number, path: string, problems: ErrorDetail[]): Partial<Record<Locale, string>> {
  const out: Partial<Record<Locale, string>> = {};
  for (const locale of locales) {
    // One line each: a textarea's line breaks and tabs become spaces.
    const text = (texts[locale] ?? '').replace(/[\s\p{Cc}]+/gu, ' ').trim();
    if (text === '') continue;
    if ([...text].length > max) problems.push({ path: `${path}/${locale}`, message: `at most ${max} characters` });
    out[locale] = text;
  }
  return out;
}

/**
 * The draft a form describes, refused (PROMOTION_INVALID, every problem named) when anything but a
 * missing language is wrong: the document is checked by parsePromotion with stand-ins for the
 * names still missing, so a draft is always one set of translations away from publishable.
 */
export function draftFromForm(form: PromotionForm): PromotionDraft {
  const problems: ErrorDetail[] = [];
  const code = normalizePromoCode(form.code);
  const kind = form.kind === 'code' ? 'code' : form.kind === 'automatic' ? 'automatic' : null;
  if (kind === null) problems.push({ path: '/kind', message: 'automatic or code' });
  let value: Record<string, unknown> = {};
  if (form.discountType === 'percent') {
    const basisPoints = parsePercent(form.percent ?? '');
    if (basisPoints === null) problems.push({ path: '/percent', message: 'a percentage above 0 and at most 100, such as 10 or 12.5' });
    value = { type: 'percent', basisPoints };
  } else if (form.discountType === 'fixed') {
    const amount = manat(form.amount, '/amount', problems);
    if (amount === undefined && blank(form.amount)) problems.push({ path: '/amount', message: 'required' });
    value = { type: 'fixed', amount };
  } else problems.push({ path: '/discountType', message: 'percent or fixed' });
  const from = day(form.validFrom, '/validFrom', problems);
  const until = day(form.validUntil, '/validUntil', problems);
  if (from !== null && until !== null && until < from) problems.push({ path: '/validUntil', message: 'on or after the first day' });
  const names = cleanTexts(form.names, 40, '/names', problems);
  const descriptions = cleanTexts(form.descriptions, PROMOTION_DESCRIPTION_MAX, '/descriptions', problems);
  const document: Record<string, unknown> = {
    kind, code, names, value,
    // Days in Baku: from the first day's start until the start of the day after the last.
    ...(from === null ? {} : { validFrom: formatInstant(startOfOperatorDay(from)) }),
    ...(until === null ? {} : { validUntil: formatInstant(startOfOperatorDay(addDays(until, 1))) }),
    ...optional('minOrder', manat(form.minOrder, '/minOrder', problems)),
    ...optional('floor', manat(form.floor, '/floor', problems)),
    ...((form.planCodes ?? []).length > 0 ? { planCodes: [...new Set(form.planCodes)] } : {}),
  };
  if (kind === 'code') {
    Object.assign(document, {
      ...optional('perCustomerCap', wholeNumber(form.perCustomerCap, '/perCustomerCap', problems)),
      ...optional('perLineCap', wholeNumber(form.perLineCap, '/perLineCap', problems)),
      ...optional('totalCap', wholeNumber(form.totalCap, '/totalCap', problems)),
      ...optional('minMonths', wholeNumber(form.minMonths, '/minMonths', problems)),
      newCustomersOnly: form.audience === 'new',
      ...(form.audience === 'existing' ? { existingCustomersOnly: true } : {}),
      ...(form.channel === 'online' || form.channel === 'counter' ? { channels: [form.channel] } : {}),
      combinable: form.combinable === true,
    });
    if (form.channel !== undefined && form.channel !== 'all' && !(promoChannels as readonly string[]).includes(form.channel)) {
      problems.push({ path: '/channel', message: `all, ${promoChannels.join(', ')}` });
    }
  }
  if (problems.length === 0) {
    // Stand-ins for missing names only: every other rule of a promotion applies to a draft too.
    const standIns = Object.fromEntries(locales.map((locale) => [locale, names[locale] ?? locale]));
    try {
      parsePromotion({ ...document, names: standIns });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      problems.push(...error.details);
    }
  }
  if (problems.length > 0) throw new DomainError('PROMOTION_INVALID', `the promotion is not valid: ${problems.map((p) => `${p.path ?? ''} ${p.message}`).join('; ')}`, problems);
  return { code, document, descriptions };
}

function optional(key: string, value: number | undefined): Record<string, number> {
  return value === undefined ? {} : { [key]: value };
}

/**
 * The promotion a draft becomes when published: refused unless the name and the description are
 * written in every customer language and the promotion has not already ended.
 */
export function publishableDraft(draft: PromotionDraft, now: Instant): { promotion: Promotion; descriptions: PromotionDescriptions } {
  const names = (draft.document.names ?? {}) as Partial<Record<Locale, string>>;
  const problems: ErrorDetail[] = [
    ...missingLanguages(names).map((locale) => ({ path: `/names/${locale}`, message: 'a name in every language is required before publishing' })),
  ];
  // Standing offers (several months, several numbers) are described by their tiers; the others need words of their own.
  if (draft.document.kind === 'automatic' || draft.document.kind === 'code') {
    problems.push(...missingLanguages(draft.descriptions).map((locale) => ({ path: `/descriptions/${locale}`, message: 'a description in every language is required before publishing' })));
  }
  if (problems.length > 0) {
    throw new DomainError('PROMOTION_INVALID', `not published: missing ${problems.map((p) => p.path).join(', ')}`, problems);
  }
  const promotion = parsePromotion(draft.document);
  if ((promotion.kind === 'automatic' || promotion.kind === 'code') && promotion.validUntil <= now) {
    throw new DomainError('PROMOTION_INVALID', 'not published: its last day is already over', [{ path: '/validUntil', message: 'in the past' }]);
  }
  return { promotion, descriptions: draft.descriptions as PromotionDescriptions };
}

const allowed: Readonly<Record<PromotionAction, readonly PromotionState[]>> = {
  // A published promotion is paused before its terms change: orders in flight keep the terms they were quoted.
  edit: ['draft', 'paused'],
  publish: ['draft', 'paused'],
  pause: ['published'],
  end: ['draft', 'published', 'paused'],
};

const after: Readonly<Record<PromotionAction, PromotionState | null>> = { edit: null, publish: 'published', pause: 'paused', end: 'ended' };

/** The state after `action`, or PROMOTION_STATE_CONFLICT when it cannot be done from `state`. */
export function nextPromotionState(state: PromotionState, action: PromotionAction): PromotionState {
  if (!allowed[action].includes(state)) {
    throw new DomainError('PROMOTION_STATE_CONFLICT', `a ${state} promotion cannot be ${action === 'end' ? 'ended' : `${action}ed`}`);
  }
  return after[action] ?? state;
}

/** How the back office shows a state: a published promotion whose first day has not come is scheduled. */
export function displayState(state: PromotionState, validFrom: Instant | null, now: Instant): PromotionState | 'scheduled' {
  return state === 'published' && validFrom !== null && now < validFrom ? 'scheduled' : state;
}

/** The form a stored draft fills in again, for editing. */
export function formFromDraft(draft: PromotionDraft): PromotionForm {
  const d = draft.document;
  const value = (d.value ?? {}) as { type?: string; basisPoints?: number; amount?: number };
  const text = (n: unknown, scale = 1): string => (typeof n === 'number' ? String(n / scale) : '');
  // Integer qəpik back to the form's "12.50", through the one formatter (no float arithmetic).
  const money = (n: unknown): string => (typeof n === 'number' && Number.isSafeInteger(n) ? formatQepikAsDecimal(qepik(n)) : '');
  const dayOf = (iso: unknown, last: boolean): string => {
    if (typeof iso !== 'string') return '';
    const at = parseInstant(iso);
    return last ? lastDayOf(at) : operatorDay(at);
  };
  const channels = Array.isArray(d.channels) ? (d.channels as string[]) : [];
  return {
    code: draft.code,
    kind: typeof d.kind === 'string' ? d.kind : 'code',
    discountType: value.type ?? 'percent',
    percent: text(value.basisPoints, 100),
    amount: money(value.amount),
    minOrder: money(d.minOrder),
    floor: money(d.floor),
    validFrom: dayOf(d.validFrom, false),
    validUntil: dayOf(d.validUntil, true),
    planCodes: Array.isArray(d.planCodes) ? (d.planCodes as string[]) : [],
    channel: channels.length === 1 ? channels[0] : 'all',
    audience: d.newCustomersOnly === true ? 'new' : d.existingCustomersOnly === true ? 'existing' : 'all',
    perCustomerCap: text(d.perCustomerCap),
    perLineCap: text(d.perLineCap),
    totalCap: text(d.totalCap),
    minMonths: text(d.minMonths),
    combinable: d.combinable === true,
    names: (d.names ?? {}) as Partial<Record<Locale, string>>,
    descriptions: draft.descriptions,
  };
}
