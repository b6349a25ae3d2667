// The promotion form of the staff console: drawn from a PromotionForm (empty, stored or as just
// typed) and read back from the posted body. Names and descriptions have one field per customer
// language, each marked with its language so screen readers and spell checkers follow.
import type { PromotionForm } from '../../domain/promotion-drafts.ts';
import { PROMOTION_DESCRIPTION_MAX } from '../../domain/promotion-drafts.ts';
import { PROMOTION_NAME_MAX } from '../../domain/promotions.ts';
import { formatMoney, locales, qepik, type Locale } from '../../domain/money.ts';
import { formatPercent } from '../../domain/promotion-offers.ts';
import { translatorFor, type Translator } from '../kit/translator.ts';
import { field, select, submitButton } from '../kit/forms.ts';
import { html, type SafeHtml } from '../kit/html.ts';
import { languageNames } from '../kit/language-choice.ts';
import { marketingAz, marketingEn, marketingRu, marketingTr, marketingZh, type MarketingMessageKey, type MarketingMessages } from './messages/marketing.ts';

const catalogues: Readonly<Record<Locale, MarketingMessages>> = { az: marketingAz, en: marketingEn, ru: marketingRu, zh: marketingZh, tr: marketingTr };

export type MarketingTranslate = Translator<MarketingMessageKey>;

export function marketingTranslator(locale: Locale): MarketingTranslate {
  return translatorFor(catalogues[locale]);
}

/** A form's body as @fastify/formbody gives it: repeated names (ticked boxes) as arrays. */
export type PostedForm = Readonly<Record<string, string | string[] | undefined>>;

function one(body: PostedForm, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? value[0] ?? '' : '';
}

function many(body: PostedForm, name: string): string[] {
  const value = body[name];
  return typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
}

export function promotionFormFromBody(body: PostedForm): PromotionForm {
  const texts = (prefix: string): Partial<Record<Locale, string>> => Object.fromEntries(locales.map((l) => [l, one(body, `${prefix}_${l}`)]));
  return {
    code: one(body, 'code'), kind: one(body, 'kind'), discountType: one(body, 'discountType'), percent: one(body, 'percent'), amount: one(body, 'amount'),
    minOrder: one(body, 'minOrder'), floor: one(body, 'floor'), validFrom: one(body, 'validFrom'), validUntil: one(body, 'validUntil'),
    planCodes: many(body, 'planCodes'), channel: one(body, 'channel'), audience: one(body, 'audience'),
    perCustomerCap: one(body, 'perCustomerCap'), perLineCap: one(body, 'perLineCap'), totalCap: one(body, 'totalCap'), minMonths: one(body, 'minMonths'),
    combinable: one(body, 'combinable') === 'yes', names: texts('name'), descriptions: texts('description'),
  };
}

export function emptyPromotionForm(today: string): PromotionForm {
  return { code: '', kind: 'code', discountType: 'percent', validFrom: today, validUntil: today, channel: 'all', audience: 'all', combinable: false, names: {}, descriptions: {} };
}

/** "10 %" or "₼5.00", as the discount reads in the console's language. */
export function discountText(document: Readonly<Record<string, unknown>>, locale: Locale): string {
  const value = (document.value ?? {}) as { type?: string; basisPoints?: number; amount?: number };
  if (value.type === 'percent' && typeof value.basisPoints === 'number') return formatPercent(value.basisPoints, locale);
  if (value.type === 'fixed' && typeof value.amount === 'number') return formatMoney(qepik(value.amount), locale);
  return '—';
}

function optional(id: string, label: string, value: string | undefined, numeric = false): SafeHtml {
  // Amounts take a decimal comma or point: a text keyboard, not a numeric one.
  return field({ id, label, value: value ?? '', required: false, autocomplete: 'off', ...(numeric ? { inputmode: 'numeric' as const } : {}) });
}

/**
 * The whole form. `code` is typed only for a new promotion (a stored one keeps its code).
 * `plans`: the plans on sale, named in the console's language, to tick.
 */
export function promotionFormHtml(t: MarketingTranslate, action: string, form: PromotionForm, plans: readonly { code: string; name: string }[], isNew: boolean): SafeHtml {
  const ticked = new Set(form.planCodes ?? []);
  const choices = (prefix: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as MarketingMessageKey) }));
  const textFields = locales.map((l) => html`<div lang="${l}">
${field({ id: `name_${l}`, label: t('form.name', { language: languageNames[l] }), value: form.names[l] ?? '', required: false, autocomplete: 'off', maxlength: PROMOTION_NAME_MAX })}
${field({ id: `description_${l}`, label: t('form.description', { language: languageNames[l] }), value: form.descriptions[l] ?? '', required: false, autocomplete: 'off', maxlength: PROMOTION_DESCRIPTION_MAX })}
</div>`);
  return html`<form method="post" action="${action}">
${isNew ? field({ id: 'code', label: t('form.code'), value: form.code, autocomplete: 'off', maxlength: 32, pattern: '[A-Za-z0-9_]{1,32}' }) : ''}
${select('kind', t('form.kind'), choices('kind', ['code', 'automatic']), form.kind)}
${select('discountType', t('form.discountType'), choices('discount', ['percent', 'fixed']), form.discountType)}
${optional('percent', t('form.percent'), form.percent)}
${optional('amount', t('form.amount'), form.amount)}
${optional('minOrder', t('form.minOrder'), form.minOrder)}
${optional('floor', t('form.floor'), form.floor)}
${field({ id: 'validFrom', label: t('form.validFrom'), type: 'date', value: form.validFrom })}
${field({ id: 'validUntil', label: t('form.validUntil'), type: 'date', value: form.validUntil })}
<fieldset><legend>${t('form.plans')}</legend>
${plans.map((p) => html`<label class="check"><input type="checkbox" name="planCodes" value="${p.code}"${ticked.has(p.code) ? html` checked` : ''}> ${p.name}</label>`)}
</fieldset>
<fieldset><legend>${t('form.codeOnly')}</legend>
${select('channel', t('form.channel'), choices('channel', ['all', 'online', 'counter']), form.channel)}
${select('audience', t('form.audience'), choices('audience', ['all', 'new', 'existing']), form.audience)}
${optional('perCustomerCap', t('form.perCustomerCap'), form.perCustomerCap, true)}
${optional('perLineCap', t('form.perLineCap'), form.perLineCap, true)}
${optional('totalCap', t('form.totalCap'), form.totalCap, true)}
${optional('minMonths', t('form.minMonths'), form.minMonths, true)}
<label class="check"><input type="checkbox" name="combinable" value="yes"${form.combinable === true ? html` checked` : ''}> ${t('form.combinable')}</label>
</fieldset>
<fieldset><legend>${t('form.texts')}</legend>
${textFields}
</fieldset>
${submitButton(isNew ? t('form.create') : t('form.save'))}</form>`;
}
