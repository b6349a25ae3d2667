// What the online renewal path needs at run time, built once from the configuration: the enabled
// providers (no network call happens here), the sandbox's page handler, and the PayPal rate.
import type { Instant } from '../domain/calendar.ts';
import type { Database } from '../db/database.ts';
import type { FxRateSource } from './fx-rate-source.ts';
import type { PaymentProviders, ProviderName } from './payment-provider.ts';
import type { SandboxProvider } from './sandbox-provider.ts';

export interface PaymentSetup {
  readonly providers: PaymentProviders;
  readonly defaultProvider: ProviderName;
  /** Present when the sandbox is enabled: Saxla serves its hosted page. */
  readonly sandbox?: SandboxProvider;
  /** Public URL of Saxla, for hosted-page returns. */
  readonly baseUrl: string;
  /** How long after its quote expires an unpaid order still accepts the payment it started. */
  readonly paymentGraceMs: number;
  /** Present when PayPal is enabled: PayPal does not settle in AZN. */
  readonly fx?: { readonly currency: string; readonly source: FxRateSource };
}

export interface PaymentRuntime {
  readonly db: Database;
  readonly now: () => Instant;
}

export const DEFAULT_PAYMENT_GRACE_MS = 30 * 60 * 1000;
