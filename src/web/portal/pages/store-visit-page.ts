// A store's page on the portal: its phone, hours and holiday closures, what to bring for each
// purpose, and booking (or moving) a visit: choose a purpose and a day, then one of the free
// times. The dashboard's list of upcoming visits with "move" and "cancel". No script needed.
import { alert, select } from '../../kit/forms.ts';
import { html, type SafeHtml } from '../../kit/html.ts';
import { translateHtml } from '../../kit/translator.ts';
import { clockTime, day, phone, weeklyHours } from '../format.ts';
import type { PageContext } from '../layout.ts';
import type { MessageKey } from '../i18n.ts';

export const visitPurposes = ['renewal', 'restore', 'new_line', 'other'] as const;
export type VisitPurpose = (typeof visitPurposes)[number];

export interface StoreDetailJson {
  readonly id: string;
  readonly name: string;
  readonly address: string;
  readonly phone: string | null;
  readonly hours: unknown;
  readonly holidays: readonly string[];
  readonly services: readonly string[];
  readonly openNow?: boolean;
}

export interface SlotJson {
  readonly start: string;
  readonly available: number;
}

export interface VisitJson {
  readonly appointmentId: string;
  readonly storeId: string;
  readonly slotStart: string;
  readonly purpose: VisitPurpose;
  readonly status: string;
}

export interface VisitForm {
  readonly purpose: VisitPurpose;
  readonly date: string;
  /** The visit being moved, when this page moves one. */
  readonly move?: string;
  readonly error?: string;
}

const purposeKeys: Readonly<Record<VisitPurpose, MessageKey>> = {
  renewal: 'visit.purpose.renewal', restore: 'visit.purpose.restore', new_line: 'visit.purpose.new_line', other: 'visit.purpose.other',
};
const bringKeys: Readonly<Record<VisitPurpose, MessageKey>> = {
  renewal: 'visit.bring.renewal', restore: 'visit.bring.restore', new_line: 'visit.bring.new_line', other: 'visit.bring.other',
};

export function purposeName(ctx: PageContext, purpose: VisitPurpose): string {
  return ctx.t(purposeKeys[purpose]);
}

/** tel: link with the number as people read it. */
export function phoneLink(e164: string): SafeHtml {
  return html`<a href="tel:${e164}">${phone(e164)}</a>`;
}

export function storeVisitBody(ctx: PageContext, store: StoreDetailJson, today: string, form: VisitForm, slots: readonly SlotJson[] | undefined, callCentre: string | null): SafeHtml {
  const { t } = ctx;
  const offered = visitPurposes.filter((p) => store.services.includes(p));
  const closures = store.holidays.filter((d) => d >= today).slice(0, 10);
  const choices = offered.map((p) => ({ value: p, label: purposeName(ctx, p) }));
  const free = (slots ?? []).filter((s) => s.available > 0);
  const closedDay = slots !== undefined && slots.length === 0;
  // With times to choose, the fieldset's legend is the heading; otherwise an h2 says what is missing.
  const slotForm = slots === undefined ? html`` : html`${free.length > 0 && ctx.signedIn ? '' : html`<h2 id="slots">${t('visit.slots', { date: day(form.date, ctx.locale) })}</h2>`}
${closedDay ? html`<p class="alert">${t('visit.closedDay')}</p>` : free.length === 0 ? html`<p class="alert">${t('visit.noSlots')}</p>` : ctx.signedIn
    ? html`<form method="post" action="/stores/${store.id}/visits" class="stack">
  <input type="hidden" name="purpose" value="${form.purpose}">${form.move ? html`<input type="hidden" name="move" value="${form.move}">` : ''}
  <fieldset id="slots"><legend>${t('visit.slots', { date: day(form.date, ctx.locale) })}</legend>
  ${free.map((s, i) => html`<div class="choice"><input type="radio" id="slot-${i}" name="slotStart" value="${s.start}" required${i === 0 ? html` checked` : ''}>
    <label for="slot-${i}">${clockTime(s.start)} <span class="hint">${t('visit.places', { count: s.available })}</span></label></div>`)}
  </fieldset>
  <button type="submit">${form.move ? t('visit.move') : t('visit.book')}</button></form>`
    : html`<ul>${free.map((s) => html`<li>${clockTime(s.start)} — ${t('visit.places', { count: s.available })}</li>`)}</ul><p><a class="button" href="/login">${t('visit.signIn')}</a></p>`}`;
  return html`<h1>${form.move ? t('visit.moveTitle', { store: store.name }) : t('visit.title', { store: store.name })}</h1>
<p>${store.address}</p>
${store.phone ? html`<p>${translateHtml(t('stores.phone'), { phone: phoneLink(store.phone) })}</p>` : ''}
${callCentre ? html`<p>${translateHtml(t('support.callCentre'), { phone: phoneLink(callCentre) })}</p>` : ''}
<p><span class="muted">${t('stores.hours')}:</span> ${weeklyHours(store.hours, ctx.locale)}</p>
${closures.length > 0 ? html`<p><span class="muted">${t('visit.holidays')}:</span> ${closures.map((d) => day(d, ctx.locale)).join(', ')}</p>` : ''}
${alert(form.error)}
<form method="get" action="/stores/${store.id}" class="stack">
  ${form.move ? html`<input type="hidden" name="move" value="${form.move}">` : select('purpose', t('visit.purpose'), choices, form.purpose)}
  <div class="field"><label for="date">${t('visit.day')}</label><input type="date" id="date" name="date" value="${form.date}" min="${today}" required></div>
  <button type="submit" class="secondary">${t('visit.showSlots')}</button>
</form>
${slotForm}
<h2>${t('visit.bring')}</h2>
<dl class="bring">${offered.map((p) => html`<dt>${purposeName(ctx, p)}</dt><dd>${t(bringKeys[p])}</dd>`)}</dl>`;
}

/** The dashboard's upcoming visits, each with "move" and "cancel". */
export function visitsSection(ctx: PageContext, visits: readonly VisitJson[], storeNames: ReadonlyMap<string, string>, notice?: string): SafeHtml {
  const { t } = ctx;
  if (visits.length === 0 && !notice) return html``;
  return html`<section aria-labelledby="visits"><h2 id="visits">${t('visit.mine')}</h2>
${alert(notice, 'ok')}
<ul class="cards">${visits.map((v) => html`<li class="card"><p>${t('visit.at', { date: day(v.slotStart, ctx.locale), time: clockTime(v.slotStart), store: storeNames.get(v.storeId) ?? v.storeId, purpose: purposeName(ctx, v.purpose) })}</p>
  <p><a href="/stores/${v.storeId}?move=${v.appointmentId}">${t('visit.moveLink')}</a></p>
  <form method="post" action="/visits/${v.appointmentId}/cancel" class="inline"><button type="submit" class="secondary">${t('visit.cancel')}</button></form></li>`)}</ul></section>`;
}
