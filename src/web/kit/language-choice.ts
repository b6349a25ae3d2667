// The language of an HTML page, for the customer portal and the staff console alike. Which one:
// ?lang= (then remembered in a cookie), the cookie, the browser's Accept-Language by its
// q-weights, else the site's default; each site names its languages, cookie and default.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../domain/money.ts';
import { cookieMayBeInsecure } from '../../channels/http/plugins/loopback-request.ts';

/** Each language's own name, shown in a switcher whatever the page language. */
export const languageNames: Readonly<Record<Locale, string>> = { az: 'Azərbaycanca', en: 'English', ru: 'Русский', zh: '中文', tr: 'Türkçe' };

export interface PageLanguages<L extends string> {
  readonly supported: readonly L[];
  readonly fallback: L;
  readonly cookie: string;
  /** Where the cookie applies: the portal's whole site, the console's /staff only. */
  readonly cookiePath: string;
  readonly sameSite: 'lax' | 'strict';
}

const ONE_YEAR_S = 365 * 24 * 3600;

function isOneOf<L extends string>(languages: PageLanguages<L>, value: unknown): value is L {
  return typeof value === 'string' && (languages.supported as readonly string[]).includes(value);
}

function askedLanguage(request: FastifyRequest): unknown {
  return (request.query as { lang?: unknown } | undefined)?.lang;
}

/** Accept-Language's two-letter languages, most wanted first (q=0 means "not this one"). */
function acceptedLanguages(header: string): string[] {
  return header.split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    return { lang: tag.trim().slice(0, 2).toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
  }).filter((l) => l.weight > 0).sort((a, b) => b.weight - a.weight || a.index - b.index).map((l) => l.lang);
}

export function chooseLanguage<L extends string>(request: FastifyRequest, languages: PageLanguages<L>): L {
  const asked = askedLanguage(request);
  if (isOneOf(languages, asked)) return asked;
  const remembered = request.cookies[languages.cookie];
  if (isOneOf(languages, remembered)) return remembered;
  const header = request.headers['accept-language'];
  const accepted = acceptedLanguages(typeof header === 'string' ? header : '').find((lang): lang is L => isOneOf(languages, lang));
  return accepted ?? languages.fallback;
}

export function rememberLanguage<L extends string>(request: FastifyRequest, reply: FastifyReply, languages: PageLanguages<L>, language: L): void {
  reply.setCookie(languages.cookie, language, {
    path: languages.cookiePath, sameSite: languages.sameSite, httpOnly: true, secure: !cookieMayBeInsecure(request), maxAge: ONE_YEAR_S,
  });
}

/** Remembers ?lang= when it differs from the cookie, so the next page keeps the language. */
export function rememberAskedLanguage<L extends string>(request: FastifyRequest, reply: FastifyReply, languages: PageLanguages<L>): void {
  const asked = askedLanguage(request);
  if (isOneOf(languages, asked) && request.cookies[languages.cookie] !== asked) rememberLanguage(request, reply, languages, asked);
}
