// History (the ledger of one line), Settings and Stores.
import { locales } from '../../../../domain/money.ts';
import { html, type SafeHtml } from '../html.ts';
import type { StatementJson, StoreJson } from '../api-types.ts';
import { day, money, phone, weeklyHours } from '../format.ts';
import { languageNames } from '../i18n.ts';
import type { PageContext } from '../layout.ts';
import { alert, select } from './form-parts.ts';

export function historyBody(ctx: PageContext, msisdn: string, statement: StatementJson | undefined): SafeHtml {
  const { t, locale } = ctx;
  const heading = html`<h1>${t('history.title', { msisdn: phone(msisdn) })}</h1>`;
  if (!statement) return html`${heading}<p class="alert">${t('history.soon')}</p><p><a class="button" href="/dashboard">${t('nav.dashboard')}</a></p>`;
  const rows = statement.entries.map((e) => html`<tr>
    <td>${day(e.date ?? e.at ?? '', locale)}</td><td>${e.description ?? e.kind ?? ''}</td>
    <td class="amount">${money(e.amount, locale)}</td><td class="amount">${e.balanceAfter ? money(e.balanceAfter, locale) : ''}</td></tr>`);
  const path = `/api/v1/lines/${encodeURIComponent(msisdn)}/statement`;
  return html`${heading}
<p>${t('history.opening')}: <strong>${money(statement.openingBalance, locale)}</strong></p>
${statement.entries.length === 0 ? html`<p>${t('history.empty')}</p>` : html`<div class="scroll" tabindex="0" role="region" aria-label="${t('history.title', { msisdn: phone(msisdn) })}"><table class="ledger">
  <thead><tr><th scope="col">${t('history.date')}</th><th scope="col">${t('history.what')}</th><th scope="col">${t('history.amount')}</th><th scope="col">${t('history.after')}</th></tr></thead>
  <tbody>${rows}</tbody></table></div>`}
<p>${t('history.closing')}: <strong>${money(statement.closingBalance, locale)}</strong></p>
<p class="actions">${t('history.download')}: <a href="${path}?format=csv">CSV</a> <a href="${path}?format=pdf">PDF</a></p>`;
}

export function settingsBody(ctx: PageContext, saved: boolean): SafeHtml {
  const { t } = ctx;
  const languages = locales.map((l) => ({ value: l, label: languageNames[l], lang: l }));
  return html`<h1>${t('settings.title')}</h1>
${saved ? alert(t('settings.saved'), 'ok') : ''}
<form method="post" action="/settings" class="stack">
  ${select('language', t('settings.language'), languages, ctx.locale)}
  <button type="submit">${t('settings.save')}</button>
</form>
<section class="card" aria-labelledby="rem-h">
  <h2 id="rem-h">${t('settings.reminders')}</h2>
  <p>${t('settings.remindersText')}</p>
  <p class="note">${t('settings.remindersSoon')}</p>
</section>`;
}

export function storesBody(ctx: PageContext, stores: readonly StoreJson[] | undefined, tileUrl: string): SafeHtml {
  const { t } = ctx;
  const heading = html`<h1>${t('stores.title')}</h1><p>${t('stores.intro')}</p>`;
  if (!stores) return html`${heading}<p class="alert">${t('stores.soon')}</p>`;
  const items = stores.map((s) => html`<li class="store" data-id="${s.id}">
    <h3>${s.name}</h3>
    <p>${s.address}</p>
    ${typeof s.distanceKm === 'number' ? html`<p class="muted">${t('stores.distance', { km: s.distanceKm.toFixed(1) })}</p>` : ''}
    <p><span class="muted">${t('stores.hours')}:</span> ${weeklyHours(s.hours, ctx.locale)}
      ${s.openNow === undefined ? '' : html`<strong class="${s.openNow ? 'open' : 'closed'}">${s.openNow ? t('stores.open') : t('stores.closed')}</strong>`}</p>
  </li>`);
  const points = JSON.stringify(stores.map((s) => ({ name: s.name, lat: s.lat, lng: s.lng })));
  return html`${heading}
<p><button type="button" id="near-me" class="secondary" hidden>${t('stores.near')}</button></p>
<div id="map" class="map" role="region" aria-label="${t('stores.map')}" data-tiles="${tileUrl}" data-points="${points}" hidden></div>
<h2>${t('stores.list')}</h2>
<ol class="stores">${items}</ol>`;
}
