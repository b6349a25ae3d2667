// The announcements part of the promotions page: what shows on the portal (today, to come, past)
// with a button to end one early, and the form to write one in every customer language.
import type { IsoDate } from '../../domain/calendar.ts';
import { ANNOUNCEMENT_MAX } from '../../domain/announcements.ts';
import { locales, type Locale } from '../../domain/money.ts';
import type { AnnouncementRecord } from '../../services/manage-announcements.ts';
import type { StaffActor } from '../../services/staff-scope.ts';
import { buttonForm, field, submitButton } from '../kit/forms.ts';
import { html, type SafeHtml } from '../kit/html.ts';
import { languageNames } from '../kit/language-choice.ts';
import type { StaffConsoleDeps } from './staff-console-deps.ts';
import { marketingTranslator, type MarketingTranslate } from './staff-promotion-form.ts';

function stateOf(m: MarketingTranslate, a: AnnouncementRecord, today: IsoDate): string {
  if (a.endedAt !== null) return m('ann.ended');
  if (a.endsOn < today) return m('ann.over');
  return a.startsOn > today ? m('ann.coming') : m('ann.showing');
}

export async function announcementsSection(deps: StaffConsoleDeps, actor: StaffActor, locale: Locale, today: IsoDate): Promise<SafeHtml> {
  const m = marketingTranslator(locale);
  const rows = (await deps.useCases.listAnnouncementsForStaff(actor)).map((a) => html`<tr><td>${a.startsOn} – ${a.endsOn}</td><td lang="${locale}">${a.texts[locale]}</td><td>${stateOf(m, a, today)}</td>
<td>${a.endedAt === null && a.endsOn >= today ? buttonForm(`/staff/announcements/${a.id}/end`, m('ann.end')) : ''}</td></tr>`);
  const texts = locales.map((l) => html`<div lang="${l}">${field({ id: `text_${l}`, label: m('ann.text', { language: languageNames[l] }), autocomplete: 'off', maxlength: ANNOUNCEMENT_MAX })}</div>`);
  return html`<h2 id="announcements">${m('ann.title')}</h2>
<table><thead><tr><th>${m('ann.days')}</th><th>${m('ann.textHead')}</th><th>${m('state')}</th><th>${m('action')}</th></tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="4">${m('ann.none')}</td></tr>`}</tbody></table>
<form method="post" action="/staff/announcements">
${texts}
${field({ id: 'startsOn', label: m('ann.startsOn'), type: 'date', value: today })}
${field({ id: 'endsOn', label: m('ann.endsOn'), type: 'date', value: today })}
${submitButton(m('ann.create'))}</form>`;
}
