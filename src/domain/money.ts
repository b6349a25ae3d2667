// Money is integer qəpik (1 AZN = 100 qəpik). Never a float: every constructor refuses
// non-integers, and the only rounding happens in applyBasisPoints with one tested rule.
import { DomainError } from './errors.ts';
import { customerLanguages, isOneOf, type CustomerLanguage } from './vocabularies.ts';

declare const qepikBrand: unique symbol;
/** An integer count of qəpik; may be negative for debits. */
export type Qepik = number & { readonly [qepikBrand]: true };

/** Basis points: 10 000 = 100 %. Percentages are never floats either. */
export type BasisPoints = number;

export type Currency = 'AZN';
export interface Money {
  readonly amount: Qepik;
  readonly currency: Currency;
}

export function qepik(value: number): Qepik {
  if (!Number.isSafeInteger(value)) {
    throw new DomainError('INVALID_AMOUNT', `an amount must be a whole number of qəpik, got ${String(value)}`);
  }
  return value as Qepik;
}

export function azn(amount: Qepik): Money {
  return { amount, currency: 'AZN' };
}

export const ZERO = qepik(0);

export function addQepik(a: Qepik, b: Qepik): Qepik {
  return qepik(a + b);
}

export function subtractQepik(a: Qepik, b: Qepik): Qepik {
  return qepik(a - b);
}

export function multiplyQepik(a: Qepik, times: number): Qepik {
  if (!Number.isSafeInteger(times)) throw new DomainError('INVALID_AMOUNT', `multiplier must be an integer, got ${times}`);
  return qepik(a * times);
}

/**
 * The one rounding rule: a share of an amount in basis points, rounded half away from zero to
 * the qəpik. Done in integer arithmetic (BigInt) so no intermediate is ever a float.
 */
export function applyBasisPoints(amount: Qepik, bp: BasisPoints): Qepik {
  if (!Number.isSafeInteger(bp)) throw new DomainError('INVALID_AMOUNT', `basis points must be an integer, got ${bp}`);
  const product = BigInt(amount) * BigInt(bp);
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  const rounded = (magnitude + 5000n) / 10000n;
  return qepik(Number(negative ? -rounded : rounded));
}

/**
 * Parses what an operator or customer types ("12.50", "12,50", "12", "0.5", "1 250,00") into
 * qəpik exactly, by reading the digits, never through a float. More than two decimals is an
 * error rather than a silent rounding.
 */
export function parseAznAmount(text: string): Qepik {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(/(?:₼|AZN|azn|man\.?)$/u, '');
  const match = /^(-)?(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) {
    throw new DomainError('INVALID_AMOUNT', `"${text}" is not an amount in manat (use 12.50 or 12,50)`);
  }
  const [, sign, whole = '0', fraction = ''] = match;
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return qepik(sign ? -value : value);
}

function splitManat(amount: Qepik): { sign: string; manat: string; qepikPart: string } {
  const magnitude = Math.abs(amount);
  return {
    sign: amount < 0 ? '-' : '',
    manat: String(Math.trunc(magnitude / 100)),
    qepikPart: String(magnitude % 100).padStart(2, '0'),
  };
}

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** A customer language; the list itself is defined once, in vocabularies.ts. */
export type Locale = CustomerLanguage;
export const locales: readonly Locale[] = customerLanguages;

export function isLocale(value: unknown): value is Locale {
  return isOneOf(customerLanguages, value);
}

interface MoneyStyle {
  /** Between thousands: a no-break space (az, ru) or a comma (en). */
  readonly group: string;
  readonly decimal: string;
  /** "12,50 ₼" (after, with a no-break space) or "₼12.50" (before). */
  readonly sign: 'after' | 'before';
}

// Each language's way of writing an amount; a new language adds its line (the type demands it).
const moneyStyles: Readonly<Record<Locale, MoneyStyle>> = {
  az: { group: '\u00a0', decimal: ',', sign: 'after' },
  en: { group: ',', decimal: '.', sign: 'before' },
  ru: { group: '\u00a0', decimal: ',', sign: 'after' },
  zh: { group: ',', decimal: '.', sign: 'before' },
  tr: { group: '.', decimal: ',', sign: 'after' },
};

/**
 * For screens: "12,50 ₼" in az and ru, "₼12.50" in en and zh. Written by hand because ICU data
 * for AZN differs between Node builds and browsers, and a receipt must read the same everywhere.
 */
export function formatMoney(amount: Qepik, locale: Locale): string {
  const { sign, manat, qepikPart } = splitManat(amount);
  const style = moneyStyles[locale];
  const number = `${groupThousands(manat, style.group)}${style.decimal}${qepikPart}`;
  return style.sign === 'after' ? `${sign}${number}\u00a0₼` : `${sign}₼${number}`;
}

/** For SMS: "12.50 AZN". The ₼ sign is not GSM 7-bit, so SMS always use the code. */
export function formatMoneyForSms(amount: Qepik): string {
  const { sign, manat, qepikPart } = splitManat(amount);
  return `${sign}${manat}.${qepikPart} AZN`;
}

/** For files people import (CSV): "-12.50", a dot and two decimals, no sign or code. */
export function formatQepikAsDecimal(amount: Qepik): string {
  const { sign, manat, qepikPart } = splitManat(amount);
  return `${sign}${manat}.${qepikPart}`;
}
