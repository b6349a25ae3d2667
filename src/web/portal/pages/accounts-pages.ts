// Several numbers on one account (issue 13): add one with a code sent to it, remove one (after a
// question), renew several in one order, move balance between them. Plain forms: no JavaScript.
import { html, type SafeHtml } from '../../kit/html.ts';
import { alert, field, hidden, select } from '../../kit/forms.ts';
import type { LineJson, PlanJson } from '../api-types.ts';
import { money, phone, type MoneyJson } from '../format.ts';
import type { PageContext } from '../layout.ts';
import { monthsLabel } from './renew-pages.ts';

/** The account's own lines the dashboard offers these actions for. */
export function accountActions(ctx: PageContext, lineCount: number): SafeHtml {
  const { t } = ctx;
  return html`<p class="actions">
  <a class="button secondary" href="/lines/add">${t('dash.add')}</a>
  <a class="button secondary" href="/groups">${t('dash.groups')}</a>
  ${lineCount > 1 ? html`<a class="button secondary" href="/renew-several">${t('dash.renewSeveral')}</a>
  <a class="button secondary" href="/transfer">${t('dash.transfer')}</a>` : ''}
</p>`;
}

export function addLineBody(ctx: PageContext, form: { msisdn?: string; error?: string }): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('link.title')}</h1>
<p>${t('link.intro')}</p>
${alert(form.error)}
<form method="post" action="/lines/add" class="stack">
  ${field({ id: 'msisdn', label: t('link.number'), type: 'tel', value: form.msisdn ?? '', hint: t('field.phoneHint'), autocomplete: 'off', inputmode: 'tel', maxlength: 32 })}
  <button type="submit">${t('link.send')}</button>
</form>`;
}

export function addLineCodeBody(ctx: PageContext, msisdn: string, error?: string): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('link.codeTitle', { msisdn: phone(msisdn) })}</h1>
<p>${t('link.codeIntro', { msisdn: phone(msisdn) })}</p>
${alert(error)}
<form method="post" action="/lines/add/verify" class="stack">
  ${hidden('msisdn', msisdn)}
  ${field({ id: 'code', label: t('field.code'), hint: t('field.codeHint'), autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9]{6}', maxlength: 6 })}
  <button type="submit">${t('link.confirm')}</button>
</form>
<form method="post" action="/lines/add" class="inline">${hidden('msisdn', msisdn)}<button type="submit" class="secondary">${t('link.again')}</button></form>`;
}

export function removeLineBody(ctx: PageContext, msisdn: string): SafeHtml {
  const { t } = ctx;
  const path = encodeURIComponent(msisdn);
  return html`<h1>${t('remove.title', { msisdn: phone(msisdn) })}</h1>
<p>${t('remove.intro')}</p>
<form method="post" action="/lines/${path}/remove" class="actions">
  <button type="submit" class="primary">${t('remove.confirm')}</button>
  <a class="button secondary" href="/dashboard">${t('remove.cancel')}</a>
</form>`;
}

export interface SeveralForm {
  readonly msisdns: readonly string[];
  readonly planCode?: string;
  readonly months?: number;
  readonly error?: string;
}

const monthChoices = [1, 3, 6, 12] as const;

/** Lines in quarantine or released are renewed only at a store: they are left out, and said so. */
export function renewSeveralBody(ctx: PageContext, lines: readonly LineJson[], plans: readonly PlanJson[], form: SeveralForm): SafeHtml {
  const { t, locale } = ctx;
  const open = lines.filter((l) => l.status !== 'quarantine' && l.status !== 'recyclable');
  const chosen = new Set(form.msisdns.length > 0 ? form.msisdns : open.map((l) => l.msisdn));
  const chosenPlan = form.planCode ?? open[0]?.plan ?? plans[0]?.code ?? '';
  const chosenMonths = form.months ?? 3;
  const lineChoices = open.map((l, i) => html`<div class="choice">
    <input type="checkbox" name="msisdn" id="line-${i}" value="${l.msisdn}" ${chosen.has(l.msisdn) ? html`checked` : ''} aria-describedby="line-${i}-d">
    <label for="line-${i}"><strong>${phone(l.msisdn)}</strong></label>
    <p class="hint" id="line-${i}-d">${l.planName ?? t('line.noPlan')} · ${money(l.balance, locale)}</p></div>`);
  const planOptions = plans.map((p, i) => html`<div class="choice">
    <input type="radio" name="planCode" id="plan-${i}" value="${p.code}" ${p.code === chosenPlan ? html`checked` : ''} aria-describedby="plan-${i}-d">
    <label for="plan-${i}"><strong>${p.name}</strong> · ${t('renew.perMonth', { price: money(p.monthlyPrice, locale) })}</label>
    <p class="hint" id="plan-${i}-d">${p.description}</p></div>`);
  const monthOptions = monthChoices.map((m) => html`<div class="choice inline">
    <input type="radio" name="months" id="months-${m}" value="${m}" ${m === chosenMonths ? html`checked` : ''}>
    <label for="months-${m}">${monthsLabel(ctx, m)}</label></div>`);
  return html`<h1>${t('several.title')}</h1>
<p>${t('several.intro')}</p>
${alert(form.error)}
<form method="post" action="/renew-several/quote" class="stack">
  <fieldset><legend>${t('several.lines')}</legend>${lineChoices}</fieldset>
  ${open.length < lines.length ? html`<p class="hint">${t('several.storeOnly')}</p>` : ''}
  <fieldset><legend>${t('renew.plan')}</legend>${planOptions}</fieldset>
  <fieldset><legend>${t('renew.months')}</legend><div class="row">${monthOptions}</div></fieldset>
  <button type="submit">${t('several.submit')}</button>
</form>`;
}

export function severalHref(form: SeveralForm): string {
  const query = new URLSearchParams();
  for (const m of form.msisdns) query.append('msisdn', m);
  if (form.planCode) query.set('plan', form.planCode);
  if (form.months) query.set('months', String(form.months));
  return `/renew-several?${query.toString()}`;
}

export interface TransferForm {
  readonly from?: string;
  readonly to?: string;
  readonly amount?: string;
  readonly error?: string;
  readonly amountError?: string;
}

export interface TransferAllowanceJson {
  readonly from: string;
  readonly minAmount: MoneyJson;
  readonly minLeftBehind: MoneyJson;
  readonly dailyCap: MoneyJson;
  readonly sentToday: MoneyJson;
  readonly mostNow: MoneyJson;
}

/**
 * `key`: a fresh Idempotency-Key for this form, so pressing "send" twice asks once. `allowances`:
 * what each line may send now, shown beside the form (JavaScript-free: every line is listed).
 */
export function transferBody(ctx: PageContext, lines: readonly LineJson[], allowances: readonly TransferAllowanceJson[], form: TransferForm, key: string): SafeHtml {
  const { t, locale } = ctx;
  const choices = lines.map((l) => ({ value: l.msisdn, label: `${phone(l.msisdn)} · ${money(l.balance, locale)}` }));
  const limits = allowances[0];
  return html`<h1>${t('transfer.title')}</h1>
<p>${t('transfer.intro')}</p>
${limits ? html`<p class="note">${t('transfer.limits', { min: money(limits.minAmount, locale), left: money(limits.minLeftBehind, locale), cap: money(limits.dailyCap, locale) })}</p>
<ul>${allowances.map((a) => html`<li>${t('transfer.mostNow', { msisdn: phone(a.from), amount: money(a.mostNow, locale) })}</li>`)}</ul>` : ''}
${alert(form.error)}
<form method="post" action="/transfer" class="stack">
  ${hidden('key', key)}
  ${select('from', t('transfer.from'), choices, form.from ?? lines[0]?.msisdn)}
  ${select('to', t('transfer.to'), choices, form.to ?? lines[1]?.msisdn)}
  ${field({ id: 'amount', label: t('transfer.amount'), hint: t('transfer.amountHint'), value: form.amount ?? '', inputmode: 'text', autocomplete: 'off', maxlength: 12, ...(form.amountError ? { error: form.amountError } : {}) })}
  <button type="submit">${t('transfer.submit')}</button>
</form>`;
}

export interface TransferJson {
  readonly transferId: string;
  readonly from: string;
  readonly to: string;
  readonly amount: MoneyJson;
  readonly status: 'pending_code' | 'completed';
}

export function transferCodeBody(ctx: PageContext, transfer: TransferJson, error?: string): SafeHtml {
  const { t, locale } = ctx;
  const amount = money(transfer.amount, locale);
  return html`<h1>${t('transfer.codeTitle')}</h1>
<p>${t('transfer.codeIntro', { from: phone(transfer.from), to: phone(transfer.to), amount })}</p>
${alert(error)}
<form method="post" action="/transfer/${encodeURIComponent(transfer.transferId)}/confirm" class="stack">
  ${field({ id: 'code', label: t('field.code'), hint: t('field.codeHint'), autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9]{6}', maxlength: 6 })}
  <button type="submit" class="primary">${t('transfer.confirm', { amount })}</button>
</form>`;
}

export function transferDoneBody(ctx: PageContext, transfer: TransferJson): SafeHtml {
  const { t, locale } = ctx;
  return html`<h1>${t('transfer.doneTitle')}</h1>
${alert(t('transfer.done', { amount: money(transfer.amount, locale), from: phone(transfer.from), to: phone(transfer.to) }), 'ok')}
<p><a class="button" href="/dashboard">${t('nav.dashboard')}</a></p>`;
}
