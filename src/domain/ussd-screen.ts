// What fits on one USSD screen, and the small formatting rules every screen shares. A screen is
// 160 octets: 182 septets when every character is GSM 7-bit, else 80 UCS-2 code units. Azerbaijani
// (and any typography in English) is transliterated to GSM so those screens keep the longer limit.
import type { IsoDate } from './calendar.ts';
import { formatMoneyForSms, type Locale, type Qepik } from './money.ts';
import { countGsmSeptets, transliterateAzToGsm } from './sms-encoding.ts';
import { languageScripts } from './vocabularies.ts';

export const USSD_GSM_LIMIT = 182;
export const USSD_UCS2_LIMIT = 80;

export interface ScreenSize {
  readonly encoding: 'gsm7' | 'ucs2';
  /** Septets for GSM 7-bit (extension characters cost two), UTF-16 code units for UCS-2. */
  readonly units: number;
  readonly limit: number;
}

export function measureScreen(text: string): ScreenSize {
  let septets = 0;
  for (let i = 0; i < text.length; i += 1) {
    const cost = countGsmSeptets(text.charAt(i));
    if (cost === 0) return { encoding: 'ucs2', units: text.length, limit: USSD_UCS2_LIMIT };
    septets += cost;
  }
  return { encoding: 'gsm7', units: septets, limit: USSD_GSM_LIMIT };
}

export function fitsScreen(text: string): boolean {
  const size = measureScreen(text);
  return size.units <= size.limit;
}

/** Latin-script screens are made GSM 7-bit; Cyrillic and Chinese stay as they are (UCS-2). */
export function toScreenText(text: string, locale: Locale): string {
  return languageScripts[locale] === 'latin' ? transliterateAzToGsm(text) : text;
}

/** Joins lines into a screen in the locale's script. */
export function composeScreen(lines: readonly string[], locale: Locale): string {
  return toScreenText(lines.filter((l) => l.length > 0).join('\n'), locale);
}

/**
 * The first candidate that fits. Screens offer a rich and leaner wordings; the last one is the
 * guaranteed fallback and is cut to the limit should data (a long plan name) still overflow it.
 */
export function firstFitting(candidates: readonly string[]): string {
  for (const text of candidates) if (fitsScreen(text)) return text;
  return cutToScreen(candidates[candidates.length - 1] ?? '');
}

/** Last resort only (tests assert it never runs on real data): cut at the limit, ending "..". */
export function cutToScreen(text: string): string {
  if (fitsScreen(text)) return text;
  let cut = text;
  while (cut.length > 0 && !fitsScreen(`${cut}..`)) cut = cut.slice(0, -1);
  return `${cut}..`;
}

/** "12.50 AZN": the ₼ sign is not GSM 7-bit, so screens use the code like SMS do. */
export function formatUssdAmount(amount: Qepik): string {
  return formatMoneyForSms(amount);
}

/** "28.02.2027"; Chinese reads ISO order. */
export function formatUssdDate(day: IsoDate, locale: Locale): string {
  if (locale === 'zh') return day;
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** "26.11", for lists where the year is plain. */
export function formatUssdShortDate(day: IsoDate, locale: Locale): string {
  const [, m, d] = day.split('-');
  return locale === 'zh' ? `${m}-${d}` : `${d}.${m}`;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Index of the first item of this page in the whole list. */
  readonly offset: number;
}

/** Options a list screen may number (1..6), leaving 9 (next) and 0 (back) for navigation. */
export const MAX_LIST_OPTIONS = 6;

/**
 * Splits a list into screens greedily: as many items as `render` can show within the limit (at
 * least one), at most MAX_LIST_OPTIONS. `render` gets the page and whether more follow.
 */
export function paginate<T>(items: readonly T[], render: (page: readonly T[], hasMore: boolean) => readonly string[]): Page<T>[] {
  const pages: Page<T>[] = [];
  let offset = 0;
  while (offset < items.length) {
    let size = 1;
    while (size < MAX_LIST_OPTIONS && offset + size < items.length) {
      const next = size + 1;
      const more = offset + next < items.length;
      const page = items.slice(offset, offset + next);
      if (!render(page, more).every(fitsScreen)) break;
      size = next;
    }
    pages.push({ items: items.slice(offset, offset + size), offset });
    offset += size;
  }
  return pages;
}
