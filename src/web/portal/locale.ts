// Which language a portal page speaks: ?lang= (then remembered in a cookie), the cookie, the
// browser's Accept-Language, else Azerbaijani. The contract asks every page to honour ?lang=.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { locales, type Locale } from '../../domain/money.ts';
import { chooseLanguage, rememberAskedLanguage, rememberLanguage, type PageLanguages } from '../kit/language-choice.ts';

export const LANGUAGE_COOKIE = 'saxla_lang';
const portalLanguages: PageLanguages<Locale> = { supported: locales, fallback: 'az', cookie: LANGUAGE_COOKIE, cookiePath: '/', sameSite: 'lax' };

export function pageLocale(request: FastifyRequest): Locale {
  return chooseLanguage(request, portalLanguages);
}

export function rememberLocale(request: FastifyRequest, reply: FastifyReply, locale: Locale): void {
  rememberLanguage(request, reply, portalLanguages, locale);
}

/** Remembers ?lang= when it differs from the cookie, so the next page keeps the language. */
export function rememberAskedLocale(request: FastifyRequest, reply: FastifyReply): void {
  rememberAskedLanguage(request, reply, portalLanguages);
}
