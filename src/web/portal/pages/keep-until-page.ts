// "Keep my number until…": a day and a receive-only box, then the cheapest schedule as a table
// (when, what, price, active until) with its total. Its first step, when it can be bought today,
// is one button that opens the ordinary quote (renewal or top-up), so paying follows the one path.
import { html, type SafeHtml } from '../../kit/html.ts';
import { alert } from '../../kit/forms.ts';
import type { KeepUntilJson, KeepUntilStepJson, LineJson } from '../api-types.ts';
import { day, money, phone } from '../format.ts';
import type { PageContext } from '../layout.ts';
import { monthsLabel } from './renew-pages.ts';

export interface KeepUntilForm {
  readonly date: string;
  readonly receiveOnly: boolean;
  readonly error?: string;
  /** Auto-renew was just set from this page. */
  readonly autoRenewSet?: boolean;
}

export interface KeepUntilOffers {
  /** The auto-renew API is there: the schedule's renewal can be repeated automatically. */
  readonly autoRenew: boolean;
}

/** The renewal auto-renew would repeat: the schedule's most frequent one (the last on a tie). */
export function repeatingRenewal(steps: readonly KeepUntilStepJson[]): KeepUntilStepJson | undefined {
  const counts = new Map<string, number>();
  let best: KeepUntilStepJson | undefined;
  let bestCount = 0;
  for (const step of steps) {
    if (step.kind !== 'renewal') continue;
    const key = `${step.planCode ?? ''}:${String(step.months ?? 0)}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count >= bestCount) {
      best = step;
      bestCount = count;
    }
  }
  return best;
}

export function keepUntilHref(msisdn: string): string {
  return `/lines/${encodeURIComponent(msisdn)}/keep-until`;
}

function stepText(ctx: PageContext, step: KeepUntilStepJson): string {
  return step.kind === 'renewal'
    ? ctx.t('keep.renewal', { plan: step.planName ?? step.planCode ?? '', months: monthsLabel(ctx, step.months ?? 0) })
    : ctx.t('keep.topUp', { amount: money(step.amount ?? step.price, ctx.locale), days: step.days ?? 0 });
}

/** The first step as the form that quotes it: the renew or top-up form's own post. */
function orderFirstStep(ctx: PageContext, msisdn: string, step: KeepUntilStepJson): SafeHtml {
  const path = encodeURIComponent(msisdn);
  const fields = step.kind === 'renewal'
    ? html`<input type="hidden" name="planCode" value="${step.planCode ?? ''}"><input type="hidden" name="months" value="${String(step.months ?? '')}">`
    : html`<input type="hidden" name="amount" value="${String(step.amount?.amount ?? '')}">`;
  return html`<form method="post" action="/lines/${path}/${step.kind === 'renewal' ? 'quote' : 'top-up'}" class="stack">
  ${fields}
  <button type="submit" class="primary">${ctx.t('keep.orderFirst', { what: stepText(ctx, step), price: money(step.price, ctx.locale) })}</button>
</form>`;
}

function autoRenewForm(ctx: PageContext, msisdn: string, form: KeepUntilForm, step: KeepUntilStepJson): SafeHtml {
  return html`<form method="post" action="${keepUntilHref(msisdn)}/auto-renew" class="stack">
  <input type="hidden" name="planCode" value="${step.planCode ?? ''}"><input type="hidden" name="months" value="${String(step.months ?? '')}">
  <input type="hidden" name="date" value="${form.date}"><input type="hidden" name="receiveOnly" value="${String(form.receiveOnly)}">
  <p class="hint">${ctx.t('keep.autoRenewNote')}</p>
  <button type="submit" class="secondary">${ctx.t('keep.autoRenew', { what: stepText(ctx, step) })}</button>
</form>`;
}

function result(ctx: PageContext, line: LineJson, plan: KeepUntilJson, form: KeepUntilForm, offers: KeepUntilOffers): SafeHtml {
  const { t, locale } = ctx;
  if (plan.steps.length === 0) {
    return html`<p class="alert ok" role="status">${t('keep.nothing', { msisdn: phone(line.msisdn), date: day(plan.validUntilAfter, locale) })}</p>`;
  }
  // Three columns, the new end under what is bought, so the table fits a 360 px phone.
  const rows = plan.steps.map((s) => html`<tr>
    <td>${s.buyNow ? t('keep.today') : day(s.on, locale)}</td>
    <th scope="row">${stepText(ctx, s)}<br><span class="muted">${t('keep.afterDate', { date: day(s.validUntilAfter, locale) })}</span></th>
    <td class="amount">${money(s.price, locale)}</td></tr>`);
  const first = plan.steps[0];
  const repeating = repeatingRenewal(plan.steps);
  return html`<h2>${t('keep.resultTitle')}</h2>
<div class="scroll"><table class="quote keep">
  <caption class="visually-hidden">${t('keep.resultTitle')}</caption>
  <thead><tr><th scope="col">${t('keep.when')}</th><th scope="col">${t('keep.what')}</th><th scope="col" class="amount">${t('keep.price')}</th></tr></thead>
  <tbody>${rows}</tbody>
  <tfoot><tr><th scope="row" colspan="2">${t('quote.total')}</th><td class="amount total">${money(plan.total, locale)}</td></tr></tfoot>
</table></div>
<p class="new-end"><span>${t('keep.endsAfter')}</span> <strong>${day(plan.validUntilAfter, locale)}</strong></p>
${first?.buyNow ? orderFirstStep(ctx, line.msisdn, first) : ''}
${plan.steps.length > 1 || first?.buyNow !== true ? html`<p class="muted">${t('keep.laterNote')}</p>` : ''}
${offers.autoRenew && repeating ? autoRenewForm(ctx, line.msisdn, form, repeating) : ''}`;
}

export function keepUntilBody(ctx: PageContext, line: LineJson, form: KeepUntilForm, plan: KeepUntilJson | undefined, offers: KeepUntilOffers): SafeHtml {
  const { t, locale } = ctx;
  const invalid = form.error !== undefined;
  return html`<h1>${t('keep.title', { msisdn: phone(line.msisdn) })}</h1>
<p>${t('keep.intro')}</p>
<p class="muted">${t('topUp.now', { date: day(line.validUntil, locale), balance: money(line.balance, locale) })}</p>
${alert(form.error)}
${form.autoRenewSet ? alert(t('keep.autoRenewSet'), 'ok') : ''}
<form method="get" action="${keepUntilHref(line.msisdn)}" class="stack">
  <div class="field">
    <label for="date">${t('keep.date')}</label>
    <p class="hint" id="date-hint">${t('keep.dateHint')}</p>
    <input id="date" name="date" type="date" required value="${form.date}" aria-describedby="date-hint"${invalid ? html` aria-invalid="true"` : ''}>
  </div>
  <div class="choice">
    <input type="checkbox" name="receiveOnly" id="receiveOnly" value="true" ${form.receiveOnly ? html`checked` : ''}>
    <label for="receiveOnly">${t('keep.receiveOnly')}</label>
  </div>
  <button type="submit">${t('keep.submit')}</button>
</form>
${plan ? result(ctx, line, plan, form, offers) : ''}`;
}
