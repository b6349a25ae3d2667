// Register → code from the SMS and the password (chosen by whoever holds the code) → signed in;
// log in; reset the password with a code by SMS.
import { locales } from '../../../domain/money.ts';
import { html, type SafeHtml } from '../../kit/html.ts';
import { languageNames } from '../../kit/language-choice.ts';
import type { PageContext } from '../layout.ts';
import { alert, field, select } from '../../kit/forms.ts';

export interface AuthForm {
  readonly phone?: string;
  readonly error?: string;
  readonly notice?: string;
  /** Which field the error is about, when the form has a code and a password (else the first). */
  readonly errorField?: 'code' | 'password';
}

function phoneField(ctx: PageContext, value: string | undefined, invalid: boolean): SafeHtml {
  return field({ id: 'phone', label: ctx.t('field.phone'), type: 'tel', value, hint: ctx.t('field.phoneHint'), autocomplete: 'tel', inputmode: 'tel', maxlength: 32, invalid });
}

function passwordField(ctx: PageContext, id: 'password', label: string, autocomplete: string, withHint: boolean, invalid: boolean): SafeHtml {
  return field({ id, label, type: 'password', autocomplete, maxlength: 128, invalid, ...(withHint ? { hint: ctx.t('field.passwordHint') } : {}) });
}

function codeField(ctx: PageContext, invalid: boolean): SafeHtml {
  return field({ id: 'code', label: ctx.t('field.code'), hint: ctx.t('field.codeHint'), autocomplete: 'one-time-code', inputmode: 'numeric', pattern: '[0-9]{6}', maxlength: 6, invalid });
}

export function registerBody(ctx: PageContext, form: AuthForm): SafeHtml {
  const { t } = ctx;
  const languages = locales.map((l) => ({ value: l, label: languageNames[l], lang: l }));
  return html`<h1>${t('register.title')}</h1>
<p>${t('register.intro')}</p>
${alert(form.error)}
<form method="post" action="/register" class="stack" novalidate>
  ${phoneField(ctx, form.phone, Boolean(form.error))}
  ${select('language', t('field.smsLanguage'), languages, ctx.locale)}
  <button type="submit">${t('register.submit')}</button>
</form>
<p>${t('register.have')} <a href="/login">${t('nav.login')}</a></p>`;
}

export function verifyBody(ctx: PageContext, form: AuthForm & { readonly action: '/verify' | '/reset/confirm' }): SafeHtml {
  const { t } = ctx;
  const reset = form.action === '/reset/confirm';
  const passwordInvalid = form.errorField === 'password';
  return html`<h1>${reset ? t('reset.confirmTitle') : t('verify.title')}</h1>
<p>${t('verify.intro', { phone: form.phone ?? '' })}</p>
${alert(form.error)}
<form method="post" action="${form.action}" class="stack" novalidate>
  <input type="hidden" name="phone" value="${form.phone ?? ''}">
  ${codeField(ctx, Boolean(form.error) && !passwordInvalid)}
  ${passwordField(ctx, 'password', reset ? t('field.newPassword') : t('field.choosePassword'), 'new-password', true, passwordInvalid)}
  <button type="submit">${reset ? t('reset.confirmSubmit') : t('verify.submit')}</button>
</form>
<p><a href="${reset ? '/reset' : '/register'}">${t('verify.again')}</a></p>`;
}

export function loginBody(ctx: PageContext, form: AuthForm): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('login.title')}</h1>
${alert(form.notice, 'ok')}
${alert(form.error)}
<form method="post" action="/login" class="stack" novalidate>
  ${phoneField(ctx, form.phone, Boolean(form.error))}
  ${passwordField(ctx, 'password', t('field.password'), 'current-password', false, Boolean(form.error))}
  <button type="submit">${t('login.submit')}</button>
</form>
<p><a href="/reset">${t('login.forgot')}</a></p>
<p>${t('login.none')} <a href="/register">${t('nav.register')}</a></p>`;
}

export function resetBody(ctx: PageContext, form: AuthForm): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('reset.title')}</h1>
<p>${t('reset.intro')}</p>
${alert(form.error)}
<form method="post" action="/reset" class="stack" novalidate>
  ${phoneField(ctx, form.phone, Boolean(form.error))}
  <button type="submit">${t('reset.submit')}</button>
</form>`;
}
