// A line's spending: the monthly budget (set or clear; the SMS at 80 %), unusual charges with
// "this wasn't me", and the last 13 months by kind as one table that fits a phone. Readable with
// JavaScript off; every action is a plain form.
import { html, type SafeHtml } from '../../kit/html.ts';
import { alert, field } from '../../kit/forms.ts';
import { day, money, phone, type MoneyJson } from '../format.ts';
import type { PageContext } from '../layout.ts';
import type { MessageKey } from '../i18n.ts';

/** One month of GET /api/v1/lines/{msisdn}/spending. */
export interface SpendingMonthJson {
  readonly month: string;
  readonly byKind: Readonly<Record<string, MoneyJson>>;
  readonly total: MoneyJson;
  readonly paidIn: MoneyJson;
}

export interface SpendingCauseJson {
  readonly type: 'entry' | 'usage';
  readonly kind: string;
  readonly destination?: string | null;
  readonly amount: MoneyJson;
  readonly day: string;
}

export interface SpendingAlertJson {
  readonly id: number;
  readonly kind: 'daily_spike' | 'large_charge' | 'first_international' | 'first_premium' | 'first_roaming';
  readonly day: string;
  readonly amount: MoneyJson;
  readonly causes: readonly SpendingCauseJson[];
  readonly moreCauses: number;
  readonly disputedAt: string | null;
}

export interface SpendingJson {
  readonly msisdn: string;
  readonly budget: MoneyJson | null;
  readonly alertAt: MoneyJson | null;
  readonly months: readonly SpendingMonthJson[];
  readonly alerts: readonly SpendingAlertJson[];
}

export interface SpendingForm {
  readonly budget: string;
  readonly error?: string;
  /** What the last action did: "saved", "cleared", "disputed". */
  readonly done?: string;
}

// The rows of a month in the order the API names them; usage kinds read as the packs do.
const kindOrder = ['renewals', 'usage_voice', 'usage_sms', 'usage_data', 'usage_roaming_voice', 'usage_roaming_data', 'usage_international', 'fees', 'other'] as const;

const kindKeys: Readonly<Record<(typeof kindOrder)[number], MessageKey>> = {
  renewals: 'spend.kind.renewals', usage_voice: 'packs.kind.voice', usage_sms: 'packs.kind.sms', usage_data: 'packs.kind.data',
  usage_roaming_voice: 'packs.kind.roaming_voice', usage_roaming_data: 'packs.kind.roaming_data', usage_international: 'packs.kind.international',
  fees: 'spend.kind.fees', other: 'spend.kind.other',
};

function kindName(ctx: PageContext, kind: string): string {
  const key = (kindOrder as readonly string[]).includes(kind) ? kindKeys[kind as (typeof kindOrder)[number]] : 'spend.kind.other';
  return ctx.t(key);
}

export function spendingHref(msisdn: string): string {
  return `/lines/${encodeURIComponent(msisdn)}/spending`;
}

const monthKeys = ['spend.m1', 'spend.m2', 'spend.m3', 'spend.m4', 'spend.m5', 'spend.m6', 'spend.m7', 'spend.m8', 'spend.m9', 'spend.m10', 'spend.m11', 'spend.m12'] as const;

/** "December 2026" the way each language names a month ("2026年12月", "dekabr 2026"). */
function monthName(ctx: PageContext, month: string): string {
  const [y = '', m = ''] = month.split('-');
  const key = monthKeys[Number(m) - 1];
  return key ? ctx.t(key, { year: y }) : month;
}

function budgetSection(ctx: PageContext, s: SpendingJson, form: SpendingForm): SafeHtml {
  const { t, locale } = ctx;
  const thisMonth = s.months[0];
  const spent = thisMonth?.total ?? { amount: 0, currency: 'AZN' };
  const usage = s.budget
    ? html`<p><strong>${t('spend.budgetUse', { spent: money(spent, locale), budget: money(s.budget, locale), percent: String(Math.floor((spent.amount * 100) / Math.max(1, s.budget.amount))) })}</strong></p>
<p class="muted">${t('spend.budgetNote', { alertAt: money(s.alertAt ?? s.budget, locale) })}</p>`
    : html`<p>${t('spend.budgetNone')}</p>`;
  // The budget as the customer would type it back: a decimal comma in az, ru and tr.
  const typed = s.budget ? (s.budget.amount / 100).toFixed(2) : '';
  const current = form.budget !== '' ? form.budget : locale === 'az' || locale === 'ru' || locale === 'tr' ? typed.replace('.', ',') : typed;
  return html`<section class="card" aria-labelledby="budget-h">
  <h2 id="budget-h">${t('spend.budget')}</h2>
  ${usage}
  <form method="post" action="${spendingHref(s.msisdn)}/budget" class="stack">
    ${field({ id: 'budget', label: t('spend.budgetField'), hint: t('spend.budgetHint'), value: current, ...(form.error ? { error: form.error } : {}) })}
    <button type="submit" name="action" value="save">${t('spend.budgetSave')}</button>
    ${s.budget ? html`<button type="submit" name="action" value="clear" class="secondary" formnovalidate>${t('spend.budgetClear')}</button>` : ''}
  </form>
</section>`;
}

function causeText(ctx: PageContext, c: SpendingCauseJson): string {
  const { t, locale } = ctx;
  const what = c.type === 'usage' ? kindName(ctx, `usage_${c.kind}`) : t(c.kind === 'usage' ? 'spend.entry.usage' : 'spend.kind.other');
  const to = c.type === 'usage' && c.destination ? ` ${t('spend.to', { destination: c.destination })}` : '';
  return t('spend.cause', { what: `${what}${to}`, date: day(c.day, locale), amount: money(c.amount, locale) });
}

function alertItem(ctx: PageContext, msisdn: string, a: SpendingAlertJson): SafeHtml {
  const { t, locale } = ctx;
  const id = `alert-${a.id}`;
  return html`<li class="card" aria-labelledby="${id}">
  <h3 id="${id}">${t(`spend.alert.${a.kind}`, { date: day(a.day, locale), amount: money(a.amount, locale) })}</h3>
  <ul>${a.causes.map((c) => html`<li>${causeText(ctx, c)}</li>`)}${a.moreCauses > 0 ? html`<li>${t('spend.moreCauses', { count: String(a.moreCauses) })}</li>` : ''}</ul>
  ${a.disputedAt
    ? html`<p class="alert ok" role="status">${t('spend.disputed', { date: day(a.disputedAt, locale) })}</p>`
    : html`<form method="post" action="${spendingHref(msisdn)}/alerts/${String(a.id)}/dispute" class="stack">
    <p class="hint">${t('spend.notMeHint')}</p>
    <button type="submit" class="secondary">${t('spend.notMe')}</button>
  </form>`}
</li>`;
}

function monthsTable(ctx: PageContext, months: readonly SpendingMonthJson[]): SafeHtml {
  const { t, locale } = ctx;
  // Two columns, the kinds listed under each month's total, so thirteen months fit a 360 px phone.
  const rows = months.map((m, i) => {
    const kinds = kindOrder.flatMap((k) => {
      const v = m.byKind[k];
      return v ? [html`<li><span>${kindName(ctx, k)}</span> <span class="amount">${money(v, locale)}</span></li>`] : [];
    });
    return html`<tr${i === 0 ? html` class="current"` : ''}>
    <th scope="row">${i === 0 ? t('spend.thisMonth') : monthName(ctx, m.month)}${m.paidIn.amount !== 0 ? html`<br><span class="muted">${t('spend.paidInShort', { amount: money(m.paidIn, locale) })}</span>` : ''}</th>
    <td><span class="total">${m.total.amount === 0 ? html`<span class="muted">${t('spend.nothing')}</span>` : money(m.total, locale)}</span>${kinds.length > 0 ? html`<ul class="kinds">${kinds}</ul>` : ''}</td>
  </tr>`;
  });
  return html`<table class="spending">
  <caption>${t('spend.byMonth')}</caption>
  <thead><tr><th scope="col">${t('spend.month')}</th><th scope="col" class="amount">${t('spend.spent')}</th></tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

export function spendingBody(ctx: PageContext, s: SpendingJson, form: SpendingForm): SafeHtml {
  const { t } = ctx;
  const done = form.done === 'saved' ? t('spend.budgetSaved') : form.done === 'cleared' ? t('spend.budgetCleared')
    : form.done === 'disputed' ? t('spend.disputeRecorded') : undefined;
  return html`<h1>${t('spend.title', { msisdn: phone(s.msisdn) })}</h1>
<p>${t('spend.intro')}</p>
${alert(done, 'ok')}
<section aria-labelledby="alerts-h">
  <h2 id="alerts-h">${t('spend.alerts')}</h2>
  ${s.alerts.length === 0 ? html`<p class="muted">${t('spend.alertsNone')}</p>` : html`<ul class="alerts">${s.alerts.map((a) => alertItem(ctx, s.msisdn, a))}</ul>`}
</section>
${budgetSection(ctx, s, form)}
${monthsTable(ctx, s.months)}`;
}

/** The dashboard's line: spent this month (of the budget), and the latest unusual charge not yet answered. */
export function spendingPanel(ctx: PageContext, s: SpendingJson | undefined): SafeHtml {
  if (!s) return html``;
  const { t, locale } = ctx;
  const spent = s.months[0]?.total ?? { amount: 0, currency: 'AZN' };
  const open = s.alerts.find((a) => a.disputedAt === null);
  return html`<div class="spending-panel">
  ${open ? html`<p class="alert warn">${t(`spend.alert.${open.kind}`, { date: day(open.day, locale), amount: money(open.amount, locale) })} <a href="${spendingHref(s.msisdn)}#alerts-h">${t('dash.alertReview')}</a></p>` : ''}
  <p><a href="${spendingHref(s.msisdn)}">${s.budget
    ? t('dash.spendingBudget', { spent: money(spent, locale), budget: money(s.budget, locale) })
    : t('dash.spending', { spent: money(spent, locale) })}</a></p>
</div>`;
}
