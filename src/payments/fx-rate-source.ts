// Where the AZN → PayPal-currency rate comes from. The rate is asked once per quote and fixed in
// it; the source is configurable so an operator can plug in the central bank's daily rate.
import { DomainError } from '../domain/errors.ts';
import { parseRate, type RateMicros } from '../domain/fx.ts';

export interface FxRateSource {
  readonly name: string;
  /** Units of `currency` per 1 AZN. */
  rateFor(currency: string): Promise<RateMicros>;
}

/**
 * Fixed rates, e.g. {USD: "0.588235"}: the manat has been pegged at 1.70 per US dollar since 2017,
 * which makes a fixed table an honest default for USD.
 */
export function fixedRateSource(rates: Readonly<Record<string, string>>, name = 'fixed'): FxRateSource {
  const parsed = new Map(Object.entries(rates).map(([currency, text]) => [currency, parseRate(text)]));
  return {
    name,
    async rateFor(currency) {
      const rate = parsed.get(currency);
      if (rate === undefined) throw new DomainError('CONFIG_INVALID', `no AZN → ${currency} rate configured`);
      return rate;
    },
  };
}

export const defaultAznRates: Readonly<Record<string, string>> = { USD: '0.588235', EUR: '0.540000', GBP: '0.465000' };
