// Top up any amount: the band table as choices (each with the days it buys) or another amount,
// then the quote — amount, days bought, the new end of validity — and the same pay form as a
// renewal (one order per quote, whatever the customer presses).
import { html, type SafeHtml } from '../../kit/html.ts';
import { alert } from '../../kit/forms.ts';
import type { OnlineTopUp } from '../../../domain/online-top-up.ts';
import type { LineJson, QuoteJson } from '../api-types.ts';
import { clockTime, day, money, phone } from '../format.ts';
import type { PageContext } from '../layout.ts';

export interface TopUpForm {
  readonly msisdn: string;
  /** The chosen band amount in qəpik, or 'other'. */
  readonly choice?: string;
  /** What the customer typed as another amount, in manat ("12,50"). */
  readonly other?: string;
  readonly error?: string;
}

export interface TopUpLimitsView {
  readonly minAmount: number;
  readonly maxAmount: number;
  readonly choices: readonly OnlineTopUp[];
}

const azn = (amount: number): { amount: number; currency: string } => ({ amount, currency: 'AZN' });

export function topUpHref(msisdn: string): string {
  return `/lines/${encodeURIComponent(msisdn)}/top-up`;
}

export function topUpBody(ctx: PageContext, line: LineJson, limits: TopUpLimitsView, form: TopUpForm): SafeHtml {
  const { t, locale } = ctx;
  const chosen = form.choice ?? (form.other ? 'other' : String(limits.choices[Math.min(3, limits.choices.length - 1)]?.amount ?? 'other'));
  const options = limits.choices.map((c, i) => html`<div class="choice">
    <input type="radio" name="amount" id="amount-${i}" value="${String(c.amount)}" ${chosen === String(c.amount) ? html`checked` : ''}>
    <label for="amount-${i}"><strong>${money(azn(c.amount), locale)}</strong> · ${t('topUp.days', { days: c.validityDays })}</label></div>`);
  const invalid = form.error !== undefined && chosen === 'other';
  return html`<h1>${t('topUp.title', { msisdn: phone(line.msisdn) })}</h1>
<p>${t('topUp.intro', { min: money(azn(limits.minAmount), locale), max: money(azn(limits.maxAmount), locale) })}</p>
<p class="muted">${t('topUp.now', { date: day(line.validUntil, locale), balance: money(line.balance, locale) })}</p>
${alert(form.error)}
<form method="post" action="${topUpHref(line.msisdn)}" class="stack">
  <fieldset><legend>${t('topUp.amount')}</legend>${options}
    <div class="choice">
      <input type="radio" name="amount" id="amount-other" value="other" ${chosen === 'other' ? html`checked` : ''} aria-describedby="otherAmount-hint">
      <label for="amount-other">${t('topUp.other')}</label>
    </div>
    <div class="field">
      <label for="otherAmount">${t('topUp.otherLabel')}</label>
      <p class="hint" id="otherAmount-hint">${t('topUp.otherHint', { min: money(azn(limits.minAmount), locale), max: money(azn(limits.maxAmount), locale) })}</p>
      <input id="otherAmount" name="otherAmount" type="text" inputmode="decimal" autocomplete="off" maxlength="12" value="${form.other ?? ''}" aria-describedby="otherAmount-hint"${invalid ? html` aria-invalid="true"` : ''}>
    </div>
  </fieldset>
  <button type="submit">${t('renew.submit')}</button>
</form>
<p><a href="/lines/${encodeURIComponent(line.msisdn)}/renew">${t('topUp.orRenew')}</a></p>`;
}

export function topUpQuoteBody(ctx: PageContext, quote: QuoteJson, line: LineJson): SafeHtml {
  const { t, locale } = ctx;
  const item = quote.items[0];
  const newEnd = item?.validUntilAfter ?? line.validUntil;
  const extends_ = newEnd > line.validUntil;
  return html`<h1>${t('quote.title')}</h1>
<table class="quote">
  <caption class="visually-hidden">${t('quote.title')}</caption>
  <tbody><tr><th scope="row">${t('topUp.item')}<br><span class="muted">${phone(line.msisdn)}</span></th>
    <td class="amount">${money(quote.total, locale)}</td></tr>
  <tr><th scope="row">${t('topUp.buys')}</th><td class="amount">${t('topUp.days', { days: item?.validityDays ?? 0 })}</td></tr></tbody>
  <tfoot><tr><th scope="row">${t('quote.total')}</th><td class="amount total">${money(quote.total, locale)}</td></tr></tfoot>
</table>
<p class="new-end"><span>${t('quote.newEnd')}</span> <strong>${day(newEnd, locale)}</strong></p>
${extends_ ? '' : html`<p class="alert">${t('topUp.noExtension', { date: day(line.validUntil, locale) })}</p>`}
<p>${t('topUp.balanceAfter', { balance: money(azn(line.balance.amount + quote.total.amount), locale) })}</p>
<p class="muted">${t('quote.expires', { time: clockTime(quote.expiresAt) })}</p>
<form method="post" action="/orders" class="stack">
  <input type="hidden" name="quoteId" value="${quote.quoteId}">
  <input type="hidden" name="msisdn" value="${line.msisdn}">
  <input type="hidden" name="topUp" value="1">
  <p class="note">${t('quote.payNote')}</p>
  <button type="submit" class="primary">${t('quote.pay', { total: money(quote.total, locale) })}</button>
</form>
<p><a href="${topUpHref(line.msisdn)}">${t('quote.change')}</a></p>`;
}
