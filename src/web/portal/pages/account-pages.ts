// History (the ledger of one line), Settings and Stores.
import { reminderChoiceDays } from '../../../domain/customer-settings.ts';
import { locales } from '../../../domain/money.ts';
import { html, type SafeHtml } from '../../kit/html.ts';
import { translateHtml } from '../../kit/translator.ts';
import { phoneLink } from './store-visit-page.ts';
import type { LineJson, SettingsJson, StatementJson, StoreJson } from '../api-types.ts';
import { clockTime, day, money, phone, weeklyHours } from '../format.ts';
import { languageNames } from '../../kit/language-choice.ts';
import type { MessageKey } from '../i18n.ts';
import type { PageContext } from '../layout.ts';
import { alert, field, select } from '../../kit/forms.ts';
import { lineLanguageSection } from './line-language-section.ts';
import { smsCostSection, type SmsCostView } from './sms-cost-section.ts';

const kindKeys: Readonly<Record<string, MessageKey>> = {
  opening_balance: 'kind.opening_balance', top_up: 'kind.top_up', payment: 'kind.payment', plan_charge: 'kind.plan_charge',
  restore_fee: 'kind.restore_fee', usage: 'kind.usage', refund: 'kind.refund', adjustment: 'kind.adjustment',
};

export interface HistoryView {
  readonly msisdn: string;
  readonly statement: StatementJson | undefined;
  /** What the customer typed in the period form, shown back as typed. */
  readonly from: string;
  readonly to: string;
  readonly periodError: boolean;
}

export function historyBody(ctx: PageContext, view: HistoryView): SafeHtml {
  const { t, locale } = ctx;
  const { msisdn, statement } = view;
  const title = t('history.title', { msisdn: phone(msisdn) });
  const heading = html`<h1>${title}</h1>`;
  const base = `/lines/${encodeURIComponent(msisdn)}/history`;
  // A plain GET form: the period works without JavaScript and the URL can be bookmarked.
  const period = html`<form method="get" action="${base}" class="row period">
  <input type="hidden" name="lang" value="${locale}">
  <div class="field"><label for="from">${t('history.from')}</label><input type="date" id="from" name="from" value="${view.from || (statement?.from ?? '')}" ${view.periodError ? html`aria-invalid="true"` : ''}></div>
  <div class="field"><label for="to">${t('history.to')}</label><input type="date" id="to" name="to" value="${view.to || (statement?.to ?? '')}" ${view.periodError ? html`aria-invalid="true"` : ''}></div>
  <button type="submit" class="secondary">${t('history.show')}</button>
</form>`;
  if (view.periodError) return html`${heading}${alert(t('history.periodError'))}${period}`;
  if (!statement) return html`${heading}<p class="alert">${t('history.soon')}</p><p><a class="button" href="/dashboard">${t('nav.dashboard')}</a></p>`;
  const rows = statement.entries.map((e) => html`<tr>
    <td>${day(e.at, locale)} <span class="muted">${clockTime(e.at)}</span></td>
    <td>${e.description || (kindKeys[e.kind] ? t(kindKeys[e.kind] ?? 'kind.adjustment') : e.kind)}${e.reference ? html`<br><small class="muted">${t('history.reference')}: ${e.reference}</small>` : ''}</td>
    <td class="amount">${money(e.amount, locale)}</td><td class="amount">${money(e.balanceAfter, locale)}</td></tr>`);
  const query = new URLSearchParams({ from: statement.from, to: statement.to, lang: locale });
  const api = `/api/v1/lines/${encodeURIComponent(msisdn)}/statement?${query.toString()}`;
  const broughtForward = !statement.openingBalanceAt.startsWith(`${statement.from}T00:00:00`);
  const openingLabel = broughtForward ? t('history.broughtForward', { date: `${day(statement.openingBalanceAt, locale)} ${clockTime(statement.openingBalanceAt)}` }) : t('history.opening');
  return html`${heading}
${period}
<p>${t('history.period')}: ${day(statement.from, locale)} – ${day(statement.to, locale)}</p>
<p>${openingLabel}: <strong>${money(statement.openingBalance, locale)}</strong></p>
${statement.entries.length === 0 ? html`<p>${t('history.empty')}</p>` : html`<div class="scroll" tabindex="0" role="region" aria-label="${title}"><table class="ledger">
  <thead><tr><th scope="col">${t('history.date')}</th><th scope="col">${t('history.what')}</th><th scope="col">${t('history.amount')}</th><th scope="col">${t('history.after')}</th></tr></thead>
  <tbody>${rows}</tbody></table></div>`}
<p>${t('history.closing')}: <strong>${money(statement.closingBalance, locale)}</strong></p>
<p class="actions">${t('history.download')}: <a href="${api}&amp;format=csv" download>CSV</a> <a href="${api}&amp;format=pdf" download>PDF</a></p>
<p><a href="/support?msisdn=${encodeURIComponent(msisdn)}#new-case">${t('support.ask')}</a></p>`;
}

export interface SettingsView {
  readonly saved: boolean;
  /** Undefined when the settings API could not be read: the language form still works. */
  readonly settings: SettingsJson | undefined;
  readonly email?: string;
  readonly emailError?: boolean;
  /** What an SMS costs and the numbers' Latin-letters choice; undefined when the API could not say. */
  readonly sms?: SmsCostView;
  /** The account's numbers with their SMS language; undefined when the API could not say. */
  readonly lines?: readonly Pick<LineJson, 'msisdn' | 'language'>[];
}

export function settingsBody(ctx: PageContext, view: SettingsView): SafeHtml {
  const { t } = ctx;
  const languages = locales.map((l) => ({ value: l, label: languageNames[l], lang: l }));
  // The boxes are the API's flags, so they follow the policy's reminder days: 1 is "1 day before, and on the last day".
  const label = (name: string): string => {
    const days = reminderChoiceDays(name);
    if (days === undefined) return t('settings.remStages');
    return days === 1 ? t('settings.rem1') : t('settings.remDays', { days });
  };
  const box = (name: string): SafeHtml => html`<div class="choice">
    <input type="checkbox" id="${name}" name="${name}" value="on" ${view.settings?.reminders[name] ? html`checked` : ''}>
    <label for="${name}">${label(name)}</label></div>`;
  const reminders = view.settings ? html`<form method="post" action="/settings/reminders" class="stack">
    <fieldset><legend>${t('settings.remindersLegend')}</legend>
      ${Object.keys(view.settings.reminders).map(box)}
    </fieldset>
    <p class="hint">${t('settings.always')} ${t('settings.shared')}</p>
    ${field({ id: 'email', label: t('settings.email'), type: 'email', value: view.email ?? view.settings.email ?? '', required: false, autocomplete: 'email', inputmode: 'email', maxlength: 254, hint: t('settings.emailHint'), ...(view.emailError ? { error: t('error.email') } : {}) })}
    <button type="submit">${t('settings.saveReminders')}</button>
  </form>` : html`<p class="note">${t('error.unavailable')}</p>`;
  return html`<h1>${t('settings.title')}</h1>
${view.saved ? alert(t('settings.saved'), 'ok') : ''}
<form method="post" action="/settings" class="stack">
  ${select('language', t('settings.language'), languages, ctx.locale)}
  <button type="submit">${t('settings.save')}</button>
</form>
<section class="card" aria-labelledby="rem-h">
  <h2 id="rem-h">${t('settings.reminders')}</h2>
  <p>${t('settings.remindersText')}</p>
  ${reminders}
</section>
${view.lines ? lineLanguageSection(ctx, view.lines) : ''}
${view.sms ? smsCostSection(ctx, view.sms) : ''}`;
}

export function storesBody(ctx: PageContext, stores: readonly StoreJson[] | undefined, tileUrl: string, callCentre: string | null = null): SafeHtml {
  const { t } = ctx;
  const heading = html`<h1>${t('stores.title')}</h1><p>${t('stores.intro')}</p>
${callCentre ? html`<p>${translateHtml(t('support.callCentre'), { phone: phoneLink(callCentre) })}</p>` : ''}`;
  if (!stores) return html`${heading}<p class="alert">${t('stores.soon')}</p>`;
  const items = stores.map((s) => html`<li class="store" data-id="${s.id}">
    <h3>${s.name}</h3>
    <p>${s.address}</p>
    ${s.phone ? html`<p>${translateHtml(t('stores.phone'), { phone: phoneLink(s.phone) })}</p>` : ''}
    ${typeof s.distanceKm === 'number' ? html`<p class="muted">${t('stores.distance', { km: s.distanceKm.toFixed(1) })}</p>` : ''}
    <p><span class="muted">${t('stores.hours')}:</span> ${weeklyHours(s.hours, ctx.locale)}
      ${s.openNow === undefined ? '' : html`<strong class="${s.openNow ? 'open' : 'closed'}">${s.openNow ? t('stores.open') : t('stores.closed')}</strong>`}</p>
    <p><a class="button secondary" href="/stores/${s.id}">${t('stores.book')}</a></p>
  </li>`);
  const points = JSON.stringify(stores.map((s) => ({ name: s.name, lat: s.lat, lng: s.lng })));
  return html`${heading}
<p><button type="button" id="near-me" class="secondary" hidden>${t('stores.near')}</button></p>
<div id="map" class="map" role="region" aria-label="${t('stores.map')}" data-tiles="${tileUrl}" data-points="${points}" hidden></div>
<h2>${t('stores.list')}</h2>
<ol class="stores">${items}</ol>`;
}
