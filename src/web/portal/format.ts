// Amounts, days and times as each language writes them. Written by hand (like formatMoney) so the
// server and every browser show the same text whatever their ICU data.
import { formatMoney, qepik, type Locale } from '../../domain/money.ts';

export interface MoneyJson {
  readonly amount: number;
  readonly currency: string;
}

export function money(value: MoneyJson, locale: Locale): string {
  if (value.currency !== 'AZN') return `${(value.amount / 100).toFixed(2)} ${value.currency}`;
  return formatMoney(qepik(value.amount), locale);
}

const enMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// How each language writes a calendar day; a new language adds its line (the type demands it).
const dayForms: Readonly<Record<Locale, (y: string, m: string, d: string) => string>> = {
  az: (y, m, d) => `${d}.${m}.${y}`,
  en: (y, m, d) => `${Number(d)} ${enMonths[Number(m) - 1] ?? m} ${y}`,
  ru: (y, m, d) => `${d}.${m}.${y}`,
  zh: (y, m, d) => `${y}年${Number(m)}月${Number(d)}日`,
  tr: (y, m, d) => `${d}.${m}.${y}`,
};

/** A calendar day "YYYY-MM-DD": 28.02.2027 (az, ru), 28 Feb 2027 (en), 2027年2月28日 (zh). */
export function day(iso: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, y = '', m = '', d = ''] = match;
  return dayForms[locale](y, m, d);
}

/** "HH:MM" of an ISO-8601 time as written (Saxla writes times with the Baku offset). */
export function clockTime(isoInstant: string): string {
  return /T(\d{2}:\d{2})/.exec(isoInstant)?.[1] ?? isoInstant;
}

/** +994501234567 → +994 50 123 45 67, the way people read Azerbaijani numbers. */
export function phone(e164: string): string {
  const match = /^\+994(\d{2})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return match ? `+994 ${match[1]} ${match[2]} ${match[3]} ${match[4]}` : e164;
}

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const weekdayNames: Readonly<Record<Locale, readonly string[]>> = {
  az: ['B.e.', 'Ç.a.', 'Ç.', 'C.a.', 'C.', 'Ş.', 'B.'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  ru: ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб', 'Вс'],
  zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  tr: ['Pzt', 'Sal', 'Çar', 'Per', 'Cum', 'Cmt', 'Paz'],
};

interface Period {
  readonly open: string;
  readonly close: string;
}

function isPeriods(value: unknown): value is readonly Period[] {
  return Array.isArray(value) && value.every((p) => typeof p === 'object' && p !== null && typeof (p as Period).open === 'string' && typeof (p as Period).close === 'string');
}

/** Weekly hours as people read them: "Mon–Sat 10:00–22:00, Sun 11:00–20:00"; closed days left out. */
export function weeklyHours(hours: unknown, locale: Locale): string {
  if (typeof hours !== 'object' || hours === null) return '';
  const byDay = weekdays.map((d) => {
    const periods = (hours as Record<string, unknown>)[d];
    return isPeriods(periods) ? periods.map((p) => `${p.open}–${p.close}`).join(', ') : '';
  });
  const names = weekdayNames[locale];
  const groups: string[] = [];
  let start = 0;
  for (let i = 1; i <= byDay.length; i++) {
    if (i < byDay.length && byDay[i] === byDay[start]) continue;
    const text = byDay[start];
    if (text) groups.push(`${names[start] ?? ''}${i - 1 > start ? `–${names[i - 1] ?? ''}` : ''} ${text}`);
    start = i;
  }
  return groups.join(', ');
}
