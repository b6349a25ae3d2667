// Builds the enabled providers from the configuration. No provider is called here: Stripe's SDK
// and PayPal's token are used only when a customer pays.
import type { Instant } from '../domain/calendar.ts';
import type { Config } from '../config.ts';
import type { Sql } from '../db/database.ts';
import { defaultAznRates, fixedRateSource, type FxRateSource } from './fx-rate-source.ts';
import type { PaymentProvider, ProviderName } from './payment-provider.ts';
import { DEFAULT_PAYMENT_GRACE_MS, type PaymentSetup } from './payment-setup.ts';
import { createPaypalProvider } from './paypal-provider.ts';
import { createSandboxProvider, defaultSandboxDelivery, type SandboxDelivery, type SandboxProvider } from './sandbox-provider.ts';
import { createStripeProvider } from './stripe-provider.ts';

export interface PaymentSetupOptions {
  readonly db: Sql;
  readonly now: () => Instant;
  /** Where the sandbox POSTs its webhooks (this process's own address). */
  readonly webhookBaseUrl?: () => string;
  readonly sandboxDelivery?: SandboxDelivery;
  readonly fxSource?: FxRateSource;
}

export function createPaymentSetup(config: Config, options: PaymentSetupOptions): PaymentSetup {
  const providers: Partial<Record<ProviderName, PaymentProvider>> = {};
  let sandbox: SandboxProvider | undefined;
  for (const name of config.paymentProviders) {
    if (name === 'sandbox') {
      sandbox = createSandboxProvider({
        db: options.db, secret: config.sandboxWebhookSecret, now: options.now,
        baseUrl: options.webhookBaseUrl ?? (() => config.baseUrl), delivery: options.sandboxDelivery ?? defaultSandboxDelivery,
      });
      providers.sandbox = sandbox;
    }
    if (name === 'stripe' && config.stripe.secretKey && config.stripe.webhookSecret) {
      providers.stripe = createStripeProvider({ secretKey: config.stripe.secretKey, webhookSecret: config.stripe.webhookSecret });
    }
    if (name === 'paypal' && config.paypal.clientId && config.paypal.clientSecret && config.paypal.webhookId) {
      providers.paypal = createPaypalProvider({
        clientId: config.paypal.clientId, clientSecret: config.paypal.clientSecret, webhookId: config.paypal.webhookId, apiBase: config.paypal.apiBase,
      });
    }
  }
  const first = config.paymentProviders[0] ?? 'sandbox';
  return {
    providers,
    defaultProvider: first,
    ...(sandbox ? { sandbox } : {}),
    baseUrl: config.baseUrl,
    paymentGraceMs: DEFAULT_PAYMENT_GRACE_MS,
    ...(providers.paypal ? { fx: { currency: config.paypal.currency, source: options.fxSource ?? fixedRateSource(defaultAznRates) } } : {}),
  };
}
