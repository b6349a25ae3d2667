// Which language a console page speaks: ?lang= (then remembered in a cookie on /staff only), the
// cookie, the first supported language of Accept-Language, else English. One translator per page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLoopbackRequest } from '../plugins/customer-session.ts';
import { az } from './messages/az.ts';
import { en, type StaffMessageKey, type StaffMessages } from './messages/en.ts';
import { ru } from './messages/ru.ts';

export type StaffLocale = 'az' | 'en' | 'ru';
export const staffLocales: readonly StaffLocale[] = ['az', 'en', 'ru'];
export const staffCatalogues: Readonly<Record<StaffLocale, StaffMessages>> = { az, en, ru };
/** Each language's own name, shown in the switcher whatever the page language. */
export const staffLanguageNames: Readonly<Record<StaffLocale, string>> = { az: 'Azərbaycanca', en: 'English', ru: 'Русский' };

export const STAFF_LANG_COOKIE = 'saxla_staff_lang';
const ONE_YEAR_S = 365 * 24 * 3600;

export function isStaffLocale(value: unknown): value is StaffLocale {
  return typeof value === 'string' && (staffLocales as readonly string[]).includes(value);
}

export function isStaffMessageKey(key: string): key is StaffMessageKey {
  return Object.hasOwn(en, key);
}

function askedLocale(request: FastifyRequest): unknown {
  return (request.query as { lang?: unknown } | undefined)?.lang;
}

/** Accept-Language's languages, most wanted first (q=0 means "not this one"). */
function acceptedLanguages(header: string): string[] {
  return header.split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    return { lang: tag.trim().slice(0, 2).toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
  }).filter((l) => l.weight > 0).sort((a, b) => b.weight - a.weight || a.index - b.index).map((l) => l.lang);
}

export function staffLocale(request: FastifyRequest): StaffLocale {
  const asked = askedLocale(request);
  if (isStaffLocale(asked)) return asked;
  const remembered = request.cookies[STAFF_LANG_COOKIE];
  if (isStaffLocale(remembered)) return remembered;
  const header = request.headers['accept-language'];
  return acceptedLanguages(typeof header === 'string' ? header : '').find(isStaffLocale) ?? 'en';
}

/** An onRequest hook: a valid ?lang= that differs from the cookie is remembered for the next pages. */
export async function rememberStaffLocale(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const asked = askedLocale(request);
  if (!isStaffLocale(asked) || request.cookies[STAFF_LANG_COOKIE] === asked) return;
  reply.setCookie(STAFF_LANG_COOKIE, asked, { path: '/staff', sameSite: 'strict', httpOnly: true, secure: !isLoopbackRequest(request), maxAge: ONE_YEAR_S });
}

export type StaffTranslate = (key: StaffMessageKey, params?: Readonly<Record<string, string | number>>) => string;

/** Fills {name} placeholders; an unknown one stays as written, so a slip shows instead of vanishing. */
export function fillPlaceholders(text: string, params: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function staffTranslator(locale: StaffLocale): StaffTranslate {
  const messages = staffCatalogues[locale];
  return (key, params) => (params ? fillPlaceholders(messages[key], params) : messages[key]);
}

/** A value of a closed set (a status, a role) in words, or the value itself if it has no key. */
export function wordFor(t: StaffTranslate, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  return isStaffMessageKey(key) ? t(key) : value;
}

// Codes whose sentence says everything the English detail says (the sign-in failures).
const standaloneCodes: ReadonlySet<string> = new Set(['INVALID_CREDENTIALS', 'TOTP_REQUIRED', 'TOTP_INVALID', 'RATE_LIMITED']);

/**
 * A domain refusal as the page shows it, always with its code in brackets. English keeps the
 * domain's own message; az and ru put a sentence of their own first for the common codes and keep
 * the English detail in parentheses (it names what exactly was wrong).
 */
export function staffErrorText(locale: StaffLocale, code: string, message: string): string {
  const key = `error.${code}`;
  if (locale === 'en' || !isStaffMessageKey(key)) return `${message} [${code}]`;
  const sentence = staffTranslator(locale)(key);
  return standaloneCodes.has(code) ? `${sentence} [${code}]` : `${sentence} (${message}) [${code}]`;
}
