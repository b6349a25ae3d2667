// A number's SIM cards (issue 13, multi-SIM): each by the ICCID's last 4 digits, adding one with
// the code sent to the number, removing an extra one after a question. Plain forms: no JavaScript.
import { html, type SafeHtml } from '../../kit/html.ts';
import { alert, field, hidden } from '../../kit/forms.ts';
import { day, phone } from '../format.ts';
import type { PageContext } from '../layout.ts';

/** An item of GET /api/v1/lines/{msisdn}/sims. */
export interface SimJson {
  readonly simId: string | null;
  readonly iccidLast4: string;
  readonly main: boolean;
  readonly channel: 'counter' | 'online' | null;
  readonly addedAt: string | null;
}

const simsPath = (msisdn: string): string => `/lines/${encodeURIComponent(msisdn)}/sims`;

export function simsBody(ctx: PageContext, msisdn: string, sims: readonly SimJson[], form: { iccid?: string; error?: string; notice?: string }): SafeHtml {
  const { t, locale } = ctx;
  const cards = sims.map((s) => html`<article class="card sim">
    <h3>${s.main ? t('sims.main') : t('sims.extra')}: ${t('sims.ending', { last4: s.iccidLast4 })}</h3>
    ${s.addedAt ? html`<p class="muted">${t('sims.addedOn', { date: day(s.addedAt.slice(0, 10), locale) })}</p>` : ''}
    ${s.simId ? html`<p class="actions"><a class="button secondary" href="${simsPath(msisdn)}/${encodeURIComponent(s.simId)}/remove">${t('sims.remove')}</a></p>` : ''}
  </article>`);
  return html`<h1>${t('sims.title', { msisdn: phone(msisdn) })}</h1>
<p>${t('sims.intro')}</p>
${alert(form.notice, 'ok')}
${cards}
<h2>${t('sims.add')}</h2>
<p>${t('sims.addIntro', { msisdn: phone(msisdn) })}</p>
${alert(form.error)}
<form method="post" action="${simsPath(msisdn)}" class="stack">
  ${field({ id: 'iccid', label: t('sims.iccid'), hint: t('sims.iccidHint'), value: form.iccid ?? '', autocomplete: 'off', inputmode: 'numeric', maxlength: 32 })}
  <button type="submit">${t('sims.send')}</button>
</form>
<p><a href="/dashboard">${t('nav.dashboard')}</a></p>`;
}

export function simCodeBody(ctx: PageContext, msisdn: string, error?: string): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('sims.codeTitle', { msisdn: phone(msisdn) })}</h1>
${alert(error)}
<form method="post" action="${simsPath(msisdn)}/verify" class="stack">
  ${field({ id: 'code', label: t('field.code'), hint: t('field.codeHint'), autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9]{6}', maxlength: 6 })}
  <button type="submit">${t('sims.confirm')}</button>
</form>
<p><a href="${simsPath(msisdn)}">${t('sims.title', { msisdn: phone(msisdn) })}</a></p>`;
}

export function removeSimBody(ctx: PageContext, msisdn: string, sim: SimJson): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('sims.removeTitle', { last4: sim.iccidLast4 })}</h1>
<p>${t('sims.removeIntro')}</p>
<form method="post" action="${simsPath(msisdn)}/${encodeURIComponent(sim.simId ?? '')}/remove" class="actions">
  ${hidden('confirm', '1')}
  <button type="submit" class="primary">${t('sims.removeConfirm')}</button>
  <a class="button secondary" href="${simsPath(msisdn)}">${t('group.cancel')}</a>
</form>`;
}
