// Automatic payments for one line: what is set and when it next runs, the saved payment method,
// and one form to set renew-before-the-end or a top-up (below a balance, or on a day each month)
// with a monthly limit. Plain forms: it all works without JavaScript. Also the dashboard's panel.
import { html, type SafeHtml } from '../../kit/html.ts';
import { alert, field } from '../../kit/forms.ts';
import type { LineJson, PlanJson } from '../api-types.ts';
import { clockTime, day, money, phone, type MoneyJson } from '../format.ts';
import type { PageContext } from '../layout.ts';
import type { Locale } from '../../../domain/money.ts';
import { monthsLabel } from './renew-pages.ts';

export interface AutoRenewJson {
  readonly mode: 'renew' | 'top_up';
  readonly planCode?: string;
  readonly months?: number;
  readonly daysBefore?: number;
  readonly amount?: MoneyJson;
  readonly belowBalance?: MoneyJson;
  readonly dayOfMonth?: number;
  readonly monthlyCap: MoneyJson;
  readonly source: 'balance' | 'saved_method';
  readonly nextRunAt: string | null;
  readonly spentThisMonth: MoneyJson;
  readonly paymentMethod: { readonly provider: string; readonly label: string } | null;
  readonly lastProblem: string | null;
}

export interface PaymentMethodJson {
  readonly id: string;
  readonly provider: string;
  readonly label: string | null;
}

/** The form as typed (amounts in manat as the customer wrote them), kept when it comes back with an error. */
export interface AutoRenewForm {
  readonly kind: 'renew' | 'below' | 'monthly';
  readonly planCode: string;
  readonly months: string;
  readonly daysBefore: string;
  readonly amount: string;
  readonly belowBalance: string;
  readonly dayOfMonth: string;
  readonly monthlyCap: string;
  readonly source: 'balance' | 'saved_method';
}

export interface AutoRenewPageView {
  readonly line: LineJson;
  readonly plans: readonly PlanJson[];
  readonly setting: AutoRenewJson | undefined;
  readonly methods: readonly PaymentMethodJson[];
  readonly providers: readonly string[];
  readonly form: AutoRenewForm;
  readonly notice?: { readonly text: string; readonly kind: 'ok' | 'error' };
  /** The limit cannot pay one run: said beside the field too. */
  readonly capError?: string;
}

export function autoRenewHref(msisdn: string): string {
  return `/lines/${encodeURIComponent(msisdn)}/auto-renew`;
}

/** An amount as the customer would type it back: "12,50" where the language writes a comma. */
function manat(value: MoneyJson | undefined, locale: Locale): string {
  if (!value) return '';
  const text = (value.amount / 100).toFixed(2);
  return locale === 'en' || locale === 'zh' ? text : text.replace('.', ',');
}

/** The form pre-filled from what is set, or from sensible starting values. */
export function formFrom(setting: AutoRenewJson | undefined, line: LineJson, plans: readonly PlanJson[], locale: Locale): AutoRenewForm {
  const planCode = setting?.planCode ?? line.plan ?? plans[0]?.code ?? '';
  return {
    kind: setting?.mode === 'top_up' ? (setting.dayOfMonth !== undefined ? 'monthly' : 'below') : 'renew',
    planCode, months: String(setting?.months ?? 1), daysBefore: String(setting?.daysBefore ?? 3),
    amount: manat(setting?.amount ?? { amount: 500, currency: 'AZN' }, locale),
    belowBalance: manat(setting?.belowBalance ?? { amount: 100, currency: 'AZN' }, locale), dayOfMonth: String(setting?.dayOfMonth ?? 1),
    monthlyCap: manat(setting?.monthlyCap ?? { amount: 2000, currency: 'AZN' }, locale), source: setting?.source ?? 'balance',
  };
}

function when(ctx: PageContext, nextRunAt: string | null, setting: AutoRenewJson): string {
  if (nextRunAt === null) {
    return setting.belowBalance ? ctx.t('ar.whenBelow', { amount: money(setting.belowBalance, ctx.locale) }) : ctx.t('ar.notPlanned');
  }
  return ctx.t('ar.nextAt', { date: day(nextRunAt, ctx.locale), time: clockTime(nextRunAt) });
}

export function describeSetting(ctx: PageContext, setting: AutoRenewJson, plans: readonly PlanJson[]): string {
  const { t, locale } = ctx;
  if (setting.mode === 'renew') {
    const plan = plans.find((p) => p.code === setting.planCode)?.name ?? setting.planCode ?? '';
    return t('ar.describeRenew', { plan, months: monthsLabel(ctx, setting.months ?? 1), days: setting.daysBefore ?? 0 });
  }
  const amount = money(setting.amount ?? { amount: 0, currency: 'AZN' }, locale);
  return setting.belowBalance
    ? t('ar.describeBelow', { amount, below: money(setting.belowBalance, locale) })
    : t('ar.describeMonthly', { amount, day: setting.dayOfMonth ?? 1 });
}

function problemText(ctx: PageContext, problem: string | null): string | undefined {
  if (problem === 'declined') return ctx.t('ar.problemDeclined');
  if (problem === 'insufficient_balance') return ctx.t('ar.problemBalance');
  if (problem === 'cap') return ctx.t('ar.problemCap');
  return undefined;
}

function current(ctx: PageContext, view: AutoRenewPageView): SafeHtml {
  const { t, locale } = ctx;
  const s = view.setting;
  if (!s) return html`<p>${t('ar.off')}</p>`;
  const paidBy = s.source === 'balance' ? t('ar.fromBalance') : t('ar.fromCard', { label: s.paymentMethod?.label ?? '' });
  const problem = problemText(ctx, s.lastProblem);
  return html`${problem ? html`<p class="alert warn">${problem}</p>` : ''}
<dl class="facts">
  <div><dt>${t('ar.what')}</dt><dd>${describeSetting(ctx, s, view.plans)}</dd></div>
  <div><dt>${t('ar.next')}</dt><dd>${when(ctx, s.nextRunAt, s)}</dd></div>
  <div><dt>${t('ar.paidBy')}</dt><dd>${paidBy}</dd></div>
  <div><dt>${t('ar.cap')}</dt><dd>${t('ar.spentOf', { spent: money(s.spentThisMonth, locale), cap: money(s.monthlyCap, locale) })}</dd></div>
</dl>
<form method="post" action="${autoRenewHref(view.line.msisdn)}/cancel"><button type="submit" class="secondary">${t('ar.cancel')}</button></form>`;
}

function methods(ctx: PageContext, view: AutoRenewPageView): SafeHtml {
  const { t } = ctx;
  const saved = view.methods.filter((m) => m.label);
  const providerChoice = view.providers.length > 1
    ? html`<div class="field"><label for="provider">${t('ar.provider')}</label><select id="provider" name="provider">${view.providers.map((p) => html`<option value="${p}">${t(`ar.provider.${p}` as 'ar.provider.sandbox')}</option>`)}</select></div>`
    : html`<input type="hidden" name="provider" value="${view.providers[0] ?? ''}">`;
  const remove = (m: PaymentMethodJson): SafeHtml => html`<form method="post" action="${autoRenewHref(view.line.msisdn)}/method/${m.id}/remove" class="inline">
    <button type="submit" class="link">${t('ar.remove', { label: m.label ?? '' })}</button></form>`;
  return html`${saved.length === 0 ? html`<p>${t('ar.noMethod')}</p>` : html`<ul>${saved.map((m) => html`<li>${t(`ar.provider.${m.provider}` as 'ar.provider.sandbox')}: ${m.label ?? ''} ${remove(m)}</li>`)}</ul>`}
${view.providers.length === 0 ? '' : html`<form method="post" action="${autoRenewHref(view.line.msisdn)}/method" class="stack">
  ${providerChoice}
  <p class="hint">${t('ar.saveNote')}</p>
  <button type="submit" class="secondary">${t('ar.saveMethod')}</button>
</form>`}`;
}

function radio(name: string, value: string, label: string, checked: boolean, id: string): SafeHtml {
  return html`<div class="choice"><input type="radio" name="${name}" id="${id}" value="${value}" ${checked ? html`checked` : ''}><label for="${id}">${label}</label></div>`;
}

function setupForm(ctx: PageContext, view: AutoRenewPageView): SafeHtml {
  const { t } = ctx;
  const f = view.form;
  const plan = view.plans.find((p) => p.code === f.planCode) ?? view.plans[0];
  const planOptions = view.plans.map((p) => html`<option value="${p.code}" ${p.code === f.planCode ? html`selected` : ''}>${p.name}</option>`);
  const monthOptions = (plan?.durations ?? [1]).map((m) => html`<option value="${String(m)}" ${String(m) === f.months ? html`selected` : ''}>${monthsLabel(ctx, m)}</option>`);
  return html`<form method="post" action="${autoRenewHref(view.line.msisdn)}" class="stack">
  <fieldset><legend>${t('ar.kind')}</legend>
    ${radio('kind', 'renew', t('ar.kindRenew'), f.kind === 'renew', 'kind-renew')}
    ${radio('kind', 'below', t('ar.kindBelow'), f.kind === 'below', 'kind-below')}
    ${radio('kind', 'monthly', t('ar.kindMonthly'), f.kind === 'monthly', 'kind-monthly')}
  </fieldset>
  <fieldset><legend>${t('ar.renewPart')}</legend>
    <div class="field"><label for="planCode">${t('renew.plan')}</label><select id="planCode" name="planCode">${planOptions}</select></div>
    <div class="field"><label for="months">${t('renew.months')}</label><select id="months" name="months">${monthOptions}</select></div>
    ${field({ id: 'daysBefore', label: t('ar.daysBefore'), value: f.daysBefore, inputmode: 'numeric', pattern: '[0-9]{1,2}', maxlength: 2, required: false })}
  </fieldset>
  <fieldset><legend>${t('ar.topUpPart')}</legend>
    ${field({ id: 'amount', label: t('ar.amount'), value: f.amount, inputmode: 'text', maxlength: 12, required: false, hint: t('ar.amountHint') })}
    ${field({ id: 'belowBalance', label: t('ar.belowBalance'), value: f.belowBalance, inputmode: 'text', maxlength: 12, required: false })}
    ${field({ id: 'dayOfMonth', label: t('ar.dayOfMonth'), value: f.dayOfMonth, inputmode: 'numeric', pattern: '[0-9]{1,2}', maxlength: 2, required: false, hint: t('ar.dayOfMonthHint') })}
  </fieldset>
  <fieldset><legend>${t('ar.paying')}</legend>
    ${radio('source', 'balance', t('ar.sourceBalance'), f.source === 'balance', 'source-balance')}
    ${radio('source', 'saved_method', t('ar.sourceCard'), f.source === 'saved_method', 'source-card')}
    ${field({ id: 'monthlyCap', label: t('ar.monthlyCap'), value: f.monthlyCap, inputmode: 'text', maxlength: 12, hint: t('ar.monthlyCapHint'), ...(view.capError ? { error: view.capError } : {}) })}
  </fieldset>
  <button type="submit" class="primary">${t('ar.save')}</button>
</form>`;
}

export function autoRenewBody(ctx: PageContext, view: AutoRenewPageView): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('ar.title', { msisdn: phone(view.line.msisdn) })}</h1>
<p>${t('ar.intro')}</p>
${view.notice ? alert(view.notice.text, view.notice.kind) : ''}
<section aria-labelledby="ar-now"><h2 id="ar-now">${t('ar.now')}</h2>${current(ctx, view)}</section>
<section aria-labelledby="ar-method"><h2 id="ar-method">${t('ar.method')}</h2>${methods(ctx, view)}</section>
<section aria-labelledby="ar-set"><h2 id="ar-set">${view.setting ? t('ar.change') : t('ar.setUp')}</h2>${setupForm(ctx, view)}</section>
<p><a href="/dashboard">${t('nav.dashboard')}</a></p>`;
}

/** The dashboard's small panel: on with its next run, or off with the way to set it up. */
export function autoRenewPanel(ctx: PageContext, msisdn: string, setting: AutoRenewJson | null): SafeHtml {
  const { t } = ctx;
  const text = setting ? t('ar.panelOn', { when: when(ctx, setting.nextRunAt, setting) }) : t('ar.panelOff');
  return html`<p class="auto-renew-panel"><strong>${t('ar.panel')}</strong> ${text} <a href="${autoRenewHref(msisdn)}">${setting ? t('ar.panelChange') : t('ar.panelSetUp')}</a></p>`;
}
