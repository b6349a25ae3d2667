// Server-rendered pages of the staff console: one small layout, escaped text, labelled fields,
// no scripts at all (the CSP allows none), readable on a phone.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '../../domain/errors.ts';
import { languageNames } from '../kit/language-choice.ts';
import type { StaffMessageKey } from './messages/en.ts';
import { staffErrorText, staffLocale, staffLocales, staffTranslator, type StaffLocale, type StaffTranslate } from './staff-i18n.ts';

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const staffCss = `body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#111;background:#f6f7f9}
header{background:#0b4f6c;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
header a{color:#fff}main{padding:1rem;max-width:52rem;margin:auto}
form{background:#fff;border:1px solid #ccd;border-radius:6px;padding:1rem;margin:0 0 1rem}
label{display:block;margin:.5rem 0 .2rem;font-weight:600}input,select{font:inherit;padding:.45rem;width:100%;max-width:28rem;box-sizing:border-box}
button{font:inherit;padding:.5rem 1rem;margin-top:.7rem;background:#0b4f6c;color:#fff;border:0;border-radius:4px}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #ccd;padding:.35rem;text-align:left}
.error{background:#fde8e8;border:1px solid #c33;padding:.6rem;border-radius:4px}.ok{background:#e8f6ea;border:1px solid #3a3;padding:.6rem}
@media print{header,form{display:none}}
.inline{display:inline;background:none;border:0;padding:0;margin:0 0 0 auto}
.langs ul{list-style:none;display:flex;gap:.8rem;margin:0;padding:0}.langs a[aria-current]{font-weight:700;text-decoration:none}`;

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
    return '/staff';
  }
}

export function staffText(request: FastifyRequest): StaffText {
  const locale = staffLocale(request);
  return { locale, t: staffTranslator(locale), here: hereOf(request) };
}

/** A translated sentence with HTML in its placeholders: the text is escaped, the values (already escaped by the caller) are not. */
export function th(text: StaffText, key: StaffMessageKey, htmlParams: Readonly<Record<string, string>>): string {
  return text.t(key).split(/(\{\w+\})/).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    const value = name === undefined ? undefined : htmlParams[name];
    return value === undefined ? esc(part) : value;
  }).join('');
}

function languageLinks(text: StaffText): string {
  const items = staffLocales.map((locale) => {
    const url = new URL(text.here, 'http://staff.invalid');
    url.searchParams.set('lang', locale);
    const current = locale === text.locale ? ' aria-current="true"' : '';
    return `<li><a href="${esc(url.pathname + url.search)}" hreflang="${locale}" lang="${locale}"${current}>${esc(languageNames[locale])}</a></li>`;
  }).join('');
  return `<nav class="langs" aria-label="${esc(text.t('layout.language'))}"><ul>${items}</ul></nav>`;
}

export function page(text: StaffText, title: string, body: string, options: { signedIn?: boolean; error?: string; notice?: string } = {}): string {
  const { t } = text;
  const nav = options.signedIn
    ? `<nav aria-label="${esc(t('layout.menu'))}"><a href="/staff">${esc(t('nav.counter'))}</a> · <a href="/staff/report">${esc(t('nav.report'))}</a> · <a href="/staff/audit">${esc(t('nav.audit'))}</a> · <a href="/staff/team">${esc(t('nav.team'))}</a></nav>
       <form method="post" action="/staff/logout" class="inline"><button type="submit">${esc(t('nav.signOut'))}</button></form>`
    : '';
  return `<!doctype html><html lang="${text.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} — ${esc(t('layout.brand'))}</title><link rel="stylesheet" href="/staff/assets/staff.css"></head><body>
<header><strong>${esc(t('layout.brand'))}</strong>${nav}${languageLinks(text)}</header><main><h1>${esc(title)}</h1>
${options.error ? `<p class="error" role="alert">${esc(options.error)}</p>` : ''}${options.notice ? `<p class="ok" role="status">${esc(options.notice)}</p>` : ''}
${body}</main></body></html>`;
}

export function field(name: string, label: string, attrs = ''): string {
  return `<label for="${esc(name)}">${esc(label)}</label><input id="${esc(name)}" name="${esc(name)}" ${attrs}>`;
}

export function select(name: string, label: string, options: readonly (readonly [string, string])[]): string {
  return `<label for="${esc(name)}">${esc(label)}</label><select id="${esc(name)}" name="${esc(name)}">${options.map(([v, t]) => `<option value="${esc(v)}">${esc(t)}</option>`).join('')}</select>`;
}

export function sendPage(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
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
