// The console's languages (every customer language: staff serve customers in theirs; English by
// default, remembered on /staff only) through the pages' shared language choice, its translator,
// and refusals as the counter shows them.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { customerLanguages, type CustomerLanguage } from '../../domain/vocabularies.ts';
import { chooseLanguage, rememberAskedLanguage, type PageLanguages } from '../kit/language-choice.ts';
import { translatorFor, type Translator } from '../kit/translator.ts';
import { az } from './messages/az.ts';
import { en, type StaffMessageKey, type StaffMessages } from './messages/en.ts';
import { ru } from './messages/ru.ts';
import { tr } from './messages/tr.ts';
import { zh } from './messages/zh.ts';

/** The console speaks the customer languages, from the one vocabulary: a new language needs its catalogue here. */
export const staffLocales: readonly CustomerLanguage[] = customerLanguages;
export type StaffLocale = CustomerLanguage;
export const staffCatalogues: Readonly<Record<StaffLocale, StaffMessages>> = { az, en, ru, zh, tr };

export const STAFF_LANG_COOKIE = 'saxla_staff_lang';
// Its own cookie on /staff: the portal's saxla_lang (path /) would otherwise reach the console too.
const staffLanguages: PageLanguages<StaffLocale> = { supported: staffLocales, fallback: 'en', cookie: STAFF_LANG_COOKIE, cookiePath: '/staff', sameSite: 'strict' };

export function isStaffMessageKey(key: string): key is StaffMessageKey {
  return Object.hasOwn(en, key);
}

export function staffLocale(request: FastifyRequest): StaffLocale {
  return chooseLanguage(request, staffLanguages);
}

/** An onRequest hook: a valid ?lang= that differs from the cookie is remembered for the next pages. */
export async function rememberStaffLocale(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  rememberAskedLanguage(request, reply, staffLanguages);
}

export type StaffTranslate = Translator<StaffMessageKey>;

export function staffTranslator(locale: StaffLocale): StaffTranslate {
  return translatorFor(staffCatalogues[locale]);
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
 * domain's own message; the other languages put a sentence of their own first for the common codes and keep
 * the English detail in parentheses (it names what exactly was wrong).
 */
export function staffErrorText(locale: StaffLocale, code: string, message: string): string {
  const key = `error.${code}`;
  if (locale === 'en' || !isStaffMessageKey(key)) return `${message} [${code}]`;
  const sentence = staffTranslator(locale)(key);
  return standaloneCodes.has(code) ? `${sentence} [${code}]` : `${sentence} (${message}) [${code}]`;
}
