// The staff console's frame on the page kit: one layout (brand, menu, language switcher, the
// page's error or notice), no scripts at all (the CSP allows none), readable on a phone. Every
// value reaches the page through html``, so no page can forget to escape.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '../../domain/errors.ts';
import { alert } from '../kit/forms.ts';
import { html, type SafeHtml } from '../kit/html.ts';
import { languageNames } from '../kit/language-choice.ts';
import { collapsibleMenu, collapsibleMenuCss, languageSwitcher, renderDocument, sendHtml } from '../kit/layout.ts';
import { manatFontFace, MANAT_FONT_FAMILY } from '../kit/manat-font.ts';
import { staffErrorText, staffLocale, staffLocales, staffTranslator, type StaffLocale, type StaffTranslate } from './staff-i18n.ts';

export const staffCss = `${manatFontFace}
body{font:16px/1.45 ${MANAT_FONT_FAMILY},system-ui,sans-serif;margin:0;color:#111;background:#f6f7f9}
header{background:#0b4f6c;color:#fff;padding:.3rem 1rem;display:flex;flex-wrap:wrap;align-items:center}
header a{color:#fff}main{padding:1rem;max-width:52rem;margin:auto}
.bar{display:flex;align-items:center;justify-content:space-between;gap:1rem;flex:1 1 auto}
header nav{margin:.3rem 0}
form{background:#fff;border:1px solid #ccd;border-radius:6px;padding:1rem;margin:0 0 1rem}
label{display:block;margin:.5rem 0 .2rem;font-weight:600}input,select,textarea{font:inherit;padding:.45rem;width:100%;max-width:28rem;box-sizing:border-box}
button{font:inherit;padding:.5rem 1rem;margin-top:.7rem;background:#0b4f6c;color:#fff;border:0;border-radius:4px}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #ccd;padding:.35rem;text-align:left}
.error{background:#fde8e8;border:1px solid #c33;padding:.6rem;border-radius:4px}.ok{background:#e8f6ea;border:1px solid #3a3;padding:.6rem}
.field-error{color:#a11;margin:.2rem 0}
fieldset{border:1px solid #ccd;border-radius:6px;margin:.8rem 0;padding:.5rem .8rem}legend{font-weight:600}
label.check{display:flex;gap:.5rem;align-items:center;font-weight:400}label.check input{width:auto}
.secret{word-break:break-all;font-size:1.1em}
.table-scroll{overflow-x:auto;margin:0 0 1rem}.table-scroll td{white-space:nowrap}
.case-text{white-space:pre-wrap;background:#fff;border:1px solid #ccd;padding:.5rem;border-radius:4px}
@media print{header,form{display:none}}
.inline{display:inline;background:none;border:0;padding:0;margin:0}.inline button{border:1px solid #fff;margin:.3rem 0}
.langs ul{list-style:none;display:flex;flex-wrap:wrap;gap:0 .8rem;margin:0;padding:0}.langs a{display:inline-block;padding:.35rem 0}.langs a[aria-current]{font-weight:700;text-decoration:none}
.menu-toggle{border:2px solid #fff;border-radius:6px;text-decoration:none}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
${collapsibleMenuCss('52rem')}`;

/** What a page needs to speak the reader's language: the locale, its texts, where the language links go. */
export interface StaffText {
  readonly locale: StaffLocale;
  readonly t: StaffTranslate;
  /** Path and query the language links point at (with ?lang= set on each). */
  readonly here: string;
}

/** The page to switch language on: this one for a GET, else the form's page (same-origin Referer) or the counter. */
function hereOf(request: FastifyRequest): string {
  const base = 'http://staff.invalid';
  if (request.method === 'GET' || request.method === 'HEAD') return request.url;
  const referer = request.headers.referer;
  if (typeof referer !== 'string') return '/staff';
  try {
    const url = new URL(referer, base);
    return url.pathname === '/staff' || url.pathname.startsWith('/staff/') ? url.pathname + url.search : '/staff';
  } catch {
    // An unreadable Referer is a browser's oddity, not an error: the switcher leads to the counter.
    return '/staff';
  }
}

export function staffText(request: FastifyRequest): StaffText {
  const locale = staffLocale(request);
  return { locale, t: staffTranslator(locale), here: hereOf(request) };
}

export interface PageOptions {
  readonly signedIn?: boolean;
  readonly error?: string;
  readonly notice?: string;
}

function menu(t: StaffTranslate): SafeHtml {
  return html`<nav aria-label="${t('layout.menu')}"><a href="/staff">${t('nav.counter')}</a> · <a href="/staff/report">${t('nav.report')}</a> · <a href="/staff/audit">${t('nav.audit')}</a> · <a href="/staff/operations">${t('nav.operations')}</a> · <a href="/staff/team">${t('nav.team')}</a> · <a href="/staff/api-keys">${t('nav.apiKeys')}</a> · <a href="/staff/support">${t('nav.support')}</a> · <a href="/staff/promotions">${t('nav.promotions')}</a></nav>
       <form method="post" action="/staff/logout" class="inline"><button type="submit">${t('nav.signOut')}</button></form>`;
}

export function page(text: StaffText, title: string, body: SafeHtml, options: PageOptions = {}): string {
  const { t } = text;
  const switcher = languageSwitcher({
    languages: staffLocales, current: text.locale, names: languageNames, here: new URL(text.here, 'http://staff.invalid'), label: t('layout.language'),
  });
  // One row on a phone (the brand and "Menu"); the console's links and languages open below it.
  const collapsed = collapsibleMenu({ id: 'console-menu', openLabel: t('layout.menuButton'), closeLabel: t('layout.menuClose'), content: html`${options.signedIn ? menu(t) : ''}${switcher}` });
  return renderDocument({
    lang: text.locale,
    title: `${title} — ${t('layout.brand')}`,
    head: html`<link rel="stylesheet" href="/staff/assets/staff.css">`,
    body: html`<header id="console-menu"><div class="bar"><strong>${t('layout.brand')}</strong>${collapsed.toggle}</div>${collapsed.panel}</header><main><h1>${title}</h1>
${alert(options.error)}${alert(options.notice, 'ok')}
${body}</main>`,
  });
}

export function sendPage(reply: FastifyReply, document: string, status = 200): FastifyReply {
  return sendHtml(reply, status, document);
}

/** A page sent as the answer to a form, where a redirect would not do (e.g. a secret shown once). */
export interface FormPage {
  readonly html: string;
  readonly status: number;
}

/**
 * Runs a form action (→ 303 to the path it returns, or its page); a domain refusal re-renders the
 * page with the message instead of JSON, in the reader's language with its code in brackets.
 */
export async function formAction(reply: FastifyReply, work: () => Promise<string | FormPage>, onError: (message: string) => Promise<string>): Promise<FastifyReply> {
  try {
    const outcome = await work();
    return typeof outcome === 'string' ? await reply.redirect(outcome, 303) : sendPage(reply, outcome.html, outcome.status);
  } catch (error) {
    if (!isDomainError(error) || error.code === 'CSRF_REJECTED' || error.code === 'UNAUTHENTICATED') throw error;
    return sendPage(reply, await onError(staffErrorText(staffLocale(reply.request), error.code, error.message)), 422);
  }
}

/** A table's header row from message keys. */
export function headRow<K extends string>(t: (key: K) => string, keys: readonly K[]): SafeHtml {
  return html`<tr>${keys.map((key) => html`<th>${t(key)}</th>`)}</tr>`;
}
