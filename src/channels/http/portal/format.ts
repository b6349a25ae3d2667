// Amounts, days and times as each language writes them. Written by hand (like formatMoney) so the
// server and every browser show the same text whatever their ICU data.
import { formatMoney, qepik, type Locale } from '../../../domain/money.ts';

export interface MoneyJson {
  readonly amount: number;
  readonly currency: string;
}

export function money(value: MoneyJson, locale: Locale): string {
  if (value.currency !== 'AZN') return `${(value.amount / 100).toFixed(2)} ${value.currency}`;
  return formatMoney(qepik(value.amount), locale);
}

const enMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar day "YYYY-MM-DD": 28.02.2027 (az, ru), 28 Feb 2027 (en), 2027年2月28日 (zh). */
export function day(iso: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, y = '', m = '', d = ''] = match;
  switch (locale) {
    case 'az':
    case 'ru':
      return `${d}.${m}.${y}`;
    case 'en':
      return `${Number(d)} ${enMonths[Number(m) - 1] ?? m} ${y}`;
    case 'zh':
      return `${y}年${Number(m)}月${Number(d)}日`;
  }
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
