// Support on the portal: the form to open a case (category, number, text, optionally statement
// entries of that number), the customer's cases, and one case with the answers and a reply form.
// Plain forms: everything works with JavaScript off.
import { alert, select } from '../../kit/forms.ts';
import { html, type SafeHtml } from '../../kit/html.ts';
import { day, money, phone, type MoneyJson } from '../format.ts';
import type { PageContext } from '../layout.ts';
import type { MessageKey } from '../i18n.ts';

export const caseCategoryList = ['billing', 'renewal', 'sms', 'store', 'other'] as const;
type CaseCategory = (typeof caseCategoryList)[number];
type CaseStatus = 'open' | 'answered' | 'resolved';

export interface CaseSummaryJson {
  readonly caseId: string;
  readonly ref: string;
  readonly msisdn: string | null;
  readonly category: CaseCategory;
  readonly status: CaseStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CaseDetailJson extends CaseSummaryJson {
  readonly messages: readonly { readonly kind: 'text' | 'answer' | 'more_info' | 'resolution'; readonly from: 'customer' | 'staff'; readonly text: string; readonly at: string }[];
  readonly entries: readonly { readonly id: string; readonly msisdn: string; readonly kind: string; readonly amount: MoneyJson; readonly at: string }[];
}

/** A statement entry offered as "this case is about it". */
export interface PickableEntry {
  readonly id: string;
  readonly at: string;
  readonly description: string;
  readonly amount: MoneyJson;
}

export interface CaseForm {
  readonly category?: string;
  readonly msisdn?: string;
  readonly text?: string;
  readonly entryIds?: readonly string[];
  readonly error?: string;
  /** The reference of the case just opened. */
  readonly sent?: string;
}

const statusKeys: Readonly<Record<CaseStatus, MessageKey>> = {
  open: 'support.status.open', answered: 'support.status.answered', resolved: 'support.status.resolved',
};
const categoryKeys: Readonly<Record<CaseCategory, MessageKey>> = {
  billing: 'support.category.billing', renewal: 'support.category.renewal', sms: 'support.category.sms', store: 'support.category.store', other: 'support.category.other',
};

function textArea(ctx: PageContext, id: string, label: string, value: string, error?: string): SafeHtml {
  const hint = `${id}-hint`;
  return html`<div class="field"><label for="${id}">${label}</label>
  <p class="hint" id="${hint}">${ctx.t('support.textHint')}</p>
  ${error ? html`<p class="field-error" id="${id}-error" role="alert">${error}</p>` : ''}
  <textarea id="${id}" name="${id}" rows="5" maxlength="2000" required aria-describedby="${hint}${error ? ` ${id}-error` : ''}"${error ? html` aria-invalid="true"` : ''}>${value}</textarea></div>`;
}

function entryChoices(ctx: PageContext, entries: readonly PickableEntry[], chosen: readonly string[]): SafeHtml {
  if (entries.length === 0) return html``;
  const items = entries.map((e) => html`<div class="choice"><input type="checkbox" id="entry-${e.id}" name="entryIds" value="${e.id}"${chosen.includes(e.id) ? html` checked` : ''}>
    <label for="entry-${e.id}">${day(e.at, ctx.locale)} · ${e.description} · ${money(e.amount, ctx.locale)}</label></div>`);
  return html`<fieldset><legend>${ctx.t('support.entries')}</legend>${items}</fieldset>`;
}

export function supportBody(ctx: PageContext, numbers: readonly string[], cases: readonly CaseSummaryJson[], entries: readonly PickableEntry[], form: CaseForm, callCentre: string | null): SafeHtml {
  const { t } = ctx;
  const categories = caseCategoryList.map((c) => ({ value: c, label: t(categoryKeys[c]) }));
  const numberChoices = [{ value: '', label: t('support.noNumber') }, ...numbers.map((n) => ({ value: n, label: phone(n) }))];
  const list = cases.length === 0
    ? html`<p>${t('support.none')}</p>`
    : html`<ul class="cards">${cases.map((c) => html`<li class="card"><h3><a href="/support/${c.caseId}">${t('support.caseTitle', { ref: c.ref })}</a></h3>
      <p>${t(categoryKeys[c.category])}${c.msisdn ? ` · ${phone(c.msisdn)}` : ''}</p>
      <p><strong>${t(statusKeys[c.status])}</strong> · ${t('support.opened', { date: day(c.createdAt, ctx.locale) })}</p></li>`)}</ul>`;
  return html`<h1>${t('support.title')}</h1>
<p>${t('support.intro')}</p>
${callCentre ? html`<p>${t('support.callCentre', { phone: phone(callCentre) })}</p>` : ''}
${form.sent ? alert(t('support.sent', { ref: form.sent }), 'ok') : ''}
<h2 id="new-case">${t('support.new')}</h2>
<form method="get" action="/support" class="stack">
  ${select('msisdn', t('support.number'), numberChoices, form.msisdn ?? '')}
  <button type="submit" class="secondary">${t('support.entriesPick')}</button>
</form>
<form method="post" action="/support" class="stack">
  ${select('category', t('support.category'), categories, form.category ?? 'billing')}
  <input type="hidden" name="msisdn" value="${form.msisdn ?? ''}">
  ${form.msisdn ? html`<p>${t('support.number')} <strong>${phone(form.msisdn)}</strong></p>` : ''}
  ${entryChoices(ctx, entries, form.entryIds ?? [])}
  ${textArea(ctx, 'text', t('support.text'), form.text ?? '', form.error)}
  <button type="submit">${t('support.send')}</button>
</form>
<h2>${t('support.mine')}</h2>
${list}`;
}

export function caseBody(ctx: PageContext, c: CaseDetailJson, error?: string): SafeHtml {
  const { t } = ctx;
  const messages = c.messages.map((m) => html`<li class="card"><p><strong>${t(m.from === 'customer' ? 'support.from.customer' : 'support.from.staff')}</strong> · ${day(m.at, ctx.locale)}</p>
    <p class="case-text">${m.text}</p></li>`);
  const last = c.messages.at(-1);
  const entries = c.entries.length === 0 ? html`` : html`<h2>${t('support.entries')}</h2><ul>${c.entries.map((e) => html`<li>${day(e.at, ctx.locale)} · ${phone(e.msisdn)} · ${money(e.amount, ctx.locale)}</li>`)}</ul>`;
  const reply = c.status === 'resolved'
    ? html`<p class="alert">${t('support.closed')}</p>`
    : html`<form method="post" action="/support/${c.caseId}" class="stack">${textArea(ctx, 'text', t('support.reply'), '', error)}<button type="submit">${t('support.reply')}</button></form>`;
  return html`<h1>${t('support.caseTitle', { ref: c.ref })}</h1>
<p>${t(categoryKeys[c.category])}${c.msisdn ? ` · ${phone(c.msisdn)}` : ''} · <strong>${t(statusKeys[c.status])}</strong></p>
${last?.kind === 'more_info' && c.status === 'answered' ? html`<p class="alert">${t('support.moreInfo')}</p>` : ''}
<ol class="cards case-messages">${messages}</ol>
${entries}
${reply}
<p><a href="/support">${t('support.back')}</a></p>`;
}
