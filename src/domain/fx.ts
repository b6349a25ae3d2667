// Converting an AZN price into a provider's settlement currency (PayPal does not settle in AZN).
// The rate is fixed in the quote and recorded; the ledger stays in AZN. Rates are decimal strings
// read to integer micro-units, so no float ever touches money.
import { DomainError } from './errors.ts';
import type { Qepik } from './money.ts';

/** Units of the target currency per 1 AZN, in millionths (0.588235 USD → 588235). */
export type RateMicros = number;

export interface FxQuote {
  readonly currency: string;
  /** "0.588235": as recorded and shown. */
  readonly rate: string;
  readonly source: string;
  /** In the target currency's minor units. */
  readonly amount: number;
}

// ISO 4217 currencies without minor units that PayPal accepts.
const zeroDecimal: ReadonlySet<string> = new Set(['HUF', 'JPY', 'TWD']);

export function minorUnitExponent(currency: string): number {
  return zeroDecimal.has(currency) ? 0 : 2;
}

export function parseRate(text: string): RateMicros {
  const match = /^(\d{1,6})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) throw new DomainError('CONFIG_INVALID', `"${text}" is not an exchange rate (e.g. 0.588235)`);
  const [, whole = '0', fraction = ''] = match;
  const micros = Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0'));
  if (micros <= 0) throw new DomainError('CONFIG_INVALID', 'an exchange rate must be more than 0');
  return micros;
}

export function formatRate(micros: RateMicros): string {
  return `${Math.trunc(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/**
 * qəpik × rate → target minor units, rounded half up once (BigInt, so exact). qəpik are 1/100 AZN,
 * so a two-decimal target needs no further scaling.
 */
export function convertQepik(amount: Qepik, rate: RateMicros, currency: string): number {
  if (amount < 0) throw new DomainError('INVALID_AMOUNT', 'cannot convert a negative amount');
  const scale = 10n ** BigInt(2 - minorUnitExponent(currency));
  const denominator = 1_000_000n * scale;
  const product = BigInt(amount) * BigInt(rate);
  return Number((product + denominator / 2n) / denominator);
}

/** "12.34" (or "1234" for zero-decimal currencies), the way PayPal's API wants amounts. */
export function formatMinorUnits(amount: number, currency: string): string {
  if (minorUnitExponent(currency) === 0) return String(amount);
  return `${Math.trunc(amount / 100)}.${String(amount % 100).padStart(2, '0')}`;
}

export function parseMinorUnits(text: string, currency: string): number {
  const exponent = minorUnitExponent(currency);
  const pattern = exponent === 0 ? /^(\d+)$/ : /^(\d+)(?:\.(\d{1,2}))?$/;
  const match = pattern.exec(text);
  if (!match) throw new DomainError('VALIDATION_FAILED', `"${text}" is not an amount in ${currency}`);
  const [, whole = '0', fraction = ''] = match;
  return exponent === 0 ? Number(whole) : Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}
