// Which language a page speaks: ?lang= (then remembered in a cookie), the cookie, the browser's
// Accept-Language, else Azerbaijani. The contract asks every page to honour ?lang=.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLocale, type Locale } from '../../../domain/money.ts';
import { isLoopbackRequest } from '../plugins/customer-session.ts';

export const LANGUAGE_COOKIE = 'saxla_lang';
const ONE_YEAR_S = 365 * 24 * 3600;

function queryLang(request: FastifyRequest): unknown {
  const query = request.query as { lang?: unknown } | undefined;
  return query?.lang;
}

export function pageLocale(request: FastifyRequest): Locale {
  const asked = queryLang(request);
  if (isLocale(asked)) return asked;
  const remembered = request.cookies[LANGUAGE_COOKIE];
  if (isLocale(remembered)) return remembered;
  for (const part of (request.headers['accept-language'] ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return 'az';
}

export function rememberLocale(request: FastifyRequest, reply: FastifyReply, locale: Locale): void {
  reply.setCookie(LANGUAGE_COOKIE, locale, {
    path: '/', sameSite: 'lax', httpOnly: true, secure: !isLoopbackRequest(request), maxAge: ONE_YEAR_S,
  });
}

/** Remembers ?lang= when it differs from the cookie, so the next page keeps the language. */
export function rememberAskedLocale(request: FastifyRequest, reply: FastifyReply): void {
  const asked = queryLang(request);
  if (isLocale(asked) && request.cookies[LANGUAGE_COOKIE] !== asked) rememberLocale(request, reply, asked);
}
