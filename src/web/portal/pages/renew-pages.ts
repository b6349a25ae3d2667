// Renew: choose plan and months (and a promo code), see the itemised total and the new end date,
// then pay on the provider's page. The pay form carries the quote id only; the server derives the
// Idempotency-Key from it, so pressing "pay" twice, or again after "back", opens one order.
import { html, type SafeHtml } from '../../kit/html.ts';
import type { PlanJson, QuoteJson } from '../api-types.ts';
import { clockTime, day, money, phone } from '../format.ts';
import type { MessageKey } from '../i18n.ts';
import type { PageContext } from '../layout.ts';
import { alert, field } from '../../kit/forms.ts';

export interface RenewForm {
  readonly msisdn: string;
  readonly planCode?: string;
  readonly months?: number;
  readonly promoCode?: string;
  readonly error?: string;
}

const monthChoices = [1, 3, 6, 12] as const;

export function monthsLabel(ctx: PageContext, months: number): string {
  const key = `months.${months}`;
  return (monthChoices as readonly number[]).includes(months) ? ctx.t(key as MessageKey) : String(months);
}

export function renewBody(ctx: PageContext, plans: readonly PlanJson[], form: RenewForm): SafeHtml {
  const { t, locale } = ctx;
  const chosenPlan = form.planCode ?? plans[0]?.code ?? '';
  const chosenMonths = form.months ?? 3;
  const planOptions = plans.map((p, i) => html`<div class="choice">
    <input type="radio" name="planCode" id="plan-${i}" value="${p.code}" ${p.code === chosenPlan ? html`checked` : ''} aria-describedby="plan-${i}-d">
    <label for="plan-${i}"><strong>${p.name}</strong> · ${t('renew.perMonth', { price: money(p.monthlyPrice, locale) })}</label>
    <p class="hint" id="plan-${i}-d">${p.description}</p></div>`);
  const monthOptions = monthChoices.map((m) => html`<div class="choice inline">
    <input type="radio" name="months" id="months-${m}" value="${m}" ${m === chosenMonths ? html`checked` : ''}>
    <label for="months-${m}">${monthsLabel(ctx, m)}</label></div>`);
  return html`<h1>${t('renew.title', { msisdn: phone(form.msisdn) })}</h1>
${alert(form.error)}
<form method="post" action="/lines/${encodeURIComponent(form.msisdn)}/quote" class="stack">
  <fieldset><legend>${t('renew.plan')}</legend>${planOptions}</fieldset>
  <fieldset><legend>${t('renew.months')}</legend><div class="row">${monthOptions}</div></fieldset>
  ${field({ id: 'promoCode', label: t('renew.promo'), value: form.promoCode ?? '', required: false, maxlength: 40, autocomplete: 'off' })}
  <button type="submit">${t('renew.submit')}</button>
</form>
<p><a href="/lines/${encodeURIComponent(form.msisdn)}/top-up">${t('renew.orTopUp')}</a></p>`;
}

/** `change`: where "change" leads and what it says (renewing several lines goes back to their form). */
export function quoteBody(ctx: PageContext, quote: QuoteJson, form: RenewForm, change?: { readonly changeHref: string; readonly changeLabel: string }): SafeHtml {
  const { t, locale } = ctx;
  const rows = quote.items.map((item) => html`<tr>
    <th scope="row">${t('quote.item', { plan: item.planName ?? item.planCode ?? '', months: monthsLabel(ctx, item.months ?? 0) })}<br><span class="muted">${phone(item.msisdn)}</span></th>
    <td class="amount">${money(item.subtotal, locale)}</td></tr>`);
  const discounts = quote.discounts.map((d) => html`<tr><th scope="row">${t('quote.discount')}: ${d.name}</th><td class="amount">−${money(d.amount, locale)}</td></tr>`);
  // With several numbers, each end date and plan note names its number.
  const several = quote.items.length > 1;
  const ends = quote.items.map((item) => html`<p class="new-end">${several ? html`<span class="muted">${phone(item.msisdn)}:</span> ` : ''}<span>${t('quote.newEnd')}</span> <strong>${day(item.validUntilAfter, locale)}</strong></p>${planChangeNote(ctx, item)}`);
  return html`<h1>${t('quote.title')}</h1>
<table class="quote">
  <caption class="visually-hidden">${t('quote.title')}</caption>
  <tbody>${rows}${discounts}</tbody>
  <tfoot><tr><th scope="row">${t('quote.total')}</th><td class="amount total">${money(quote.total, locale)}</td></tr></tfoot>
</table>
${ends}
<p class="muted">${t('quote.expires', { time: clockTime(quote.expiresAt) })}</p>
<form method="post" action="/orders" class="stack">
  <input type="hidden" name="quoteId" value="${quote.quoteId}">
  <input type="hidden" name="msisdn" value="${form.msisdn}">
  <input type="hidden" name="planCode" value="${form.planCode ?? ''}">
  <input type="hidden" name="months" value="${form.months ?? ''}">
  <p class="note">${t('quote.payNote')}</p>
  <button type="submit" class="primary">${t('quote.pay', { total: money(quote.total, locale) })}</button>
</form>
<p><a href="${change?.changeHref ?? renewHref(form)}">${change?.changeLabel ?? t('quote.change')}</a></p>`;
}

/**
 * Before paying, what happens to a plan the line has now: it runs to its paid end and the new one
 * starts the day after, or (validity already over) the new one starts today.
 */
function planChangeNote(ctx: PageContext, item: QuoteJson['items'][number]): SafeHtml | string {
  const change = item.planChange;
  if (!change) return '';
  const to = item.planName ?? item.planCode ?? '';
  const text = change.paidUntil === null
    ? ctx.t('quote.planChangeNow', { from: change.fromName, to })
    : ctx.t('quote.planChangeLater', { from: change.fromName, to, until: day(change.paidUntil, ctx.locale), date: day(change.startsOn, ctx.locale) });
  return html`<p class="alert plan-change" role="note" data-plan-change="${change.from}">${text}</p>`;
}

/** Back to the renew form with the same choices, promo code included (for "change" and every retry). */
export function renewHref(form: Pick<RenewForm, 'msisdn' | 'planCode' | 'months' | 'promoCode'>): string {
  const query = new URLSearchParams();
  if (form.planCode) query.set('plan', form.planCode);
  if (form.months) query.set('months', String(form.months));
  if (form.promoCode) query.set('promo', form.promoCode);
  const q = query.toString();
  return `/lines/${encodeURIComponent(form.msisdn)}/renew${q ? `?${q}` : ''}`;
}
