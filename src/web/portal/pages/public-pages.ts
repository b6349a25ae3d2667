// Home and Security: what Saxla is, how to tell it from a fake, and the "is this SMS ours?" check.
import { html, type SafeHtml } from '../../kit/html.ts';
import type { PageContext } from '../layout.ts';
import { day } from '../format.ts';
import { alert, field } from '../../kit/forms.ts';

export function homeBody(ctx: PageContext): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('home.title')}</h1>
<p class="lead">${t('home.intro')}</p>
<p class="actions">
  ${ctx.signedIn
    ? html`<a class="button" href="/dashboard">${t('nav.dashboard')}</a>`
    : html`<a class="button" href="/login">${t('nav.login')}</a> <a class="button secondary" href="/register">${t('nav.register')}</a>`}
</p>
<section class="card" aria-labelledby="domain-h">
  <h2 id="domain-h">${t('home.domainTitle')}</h2>
  <p>${t('home.domainText')}</p>
  <p class="big-domain">${ctx.domain}</p>
  <p>${t('home.domainWarn')}</p>
</section>
<section class="card" aria-labelledby="sms-h">
  <h2 id="sms-h">${t('home.smsTitle')}</h2>
  <ul class="checks">
    <li>${t('home.smsNoLinks')}</li>
    <li>${t('home.smsSender', { sender: ctx.sender })}</li>
    <li>${t('home.smsCheck')}</li>
    <li>${t('home.smsOtp')}</li>
  </ul>
  <p><a class="button secondary" href="/security">${t('home.checkSms')}</a></p>
</section>
<p class="note">${t('home.ussd')}</p>`;
}

export type CheckOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'genuine'; readonly sentAt: string }
  | { readonly kind: 'not_genuine' }
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'error'; readonly message: string };

export function securityBody(ctx: PageContext, form: { msisdn: string; code: string }, outcome: CheckOutcome): SafeHtml {
  const { t } = ctx;
  const result = (() => {
    switch (outcome.kind) {
      case 'genuine': return alert(t('sec.genuine', { date: day(outcome.sentAt, ctx.locale) }), 'ok');
      case 'not_genuine': return alert(t('sec.notGenuine'));
      case 'unavailable': return alert(t('sec.checkSoon'));
      case 'error': return alert(outcome.message);
      case 'none': return '';
    }
  })();
  const scams = (['scam.mistake', 'scam.prize', 'scam.domain', 'scam.missed', 'scam.fine'] as const)
    .map((key) => html`<li>${t(key, { domain: ctx.domain })}</li>`);
  const never = (['never.code', 'never.card', 'never.link', 'never.money', 'never.app'] as const).map((key) => html`<li>${t(key)}</li>`);
  return html`<h1>${t('sec.title')}</h1>
<section class="card" aria-labelledby="check-h">
  <h2 id="check-h">${t('sec.checkTitle')}</h2>
  <p>${t('sec.checkIntro')}</p>
  ${result}
  <form method="get" action="/security" class="stack">
    ${field({ id: 'msisdn', label: t('field.phone'), type: 'tel', value: form.msisdn, hint: t('field.phoneHint'), autocomplete: 'tel', inputmode: 'tel', maxlength: 32 })}
    ${field({ id: 'code', label: t('sec.checkCode'), value: form.code, autocomplete: 'off', maxlength: 6, pattern: '[A-Za-z0-9]{6}' })}
    <input type="hidden" name="lang" value="${ctx.locale}">
    <button type="submit">${t('sec.check')}</button>
  </form>
</section>
<section class="card" aria-labelledby="scams-h">
  <h2 id="scams-h">${t('sec.scamsTitle')}</h2>
  <ul class="warn-list">${scams}</ul>
</section>
<section class="card" aria-labelledby="never-h">
  <h2 id="never-h">${t('sec.neverTitle')}</h2>
  <ul class="never">${never}</ul>
</section>`;
}
