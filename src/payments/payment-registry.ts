// The one place that turns a provider's name (from a request, an order row, a webhook path) into
// its enabled adapter. Names come from outside, so the lookup refuses inherited keys.
import type { PaymentProvider, PaymentProviders, ProviderName } from './payment-provider.ts';

/** The enabled adapter called `name`, or undefined when it is unknown or switched off here. */
export function enabledProvider(providers: PaymentProviders, name: string): PaymentProvider | undefined {
  return Object.hasOwn(providers, name) ? providers[name as ProviderName] : undefined;
}

/** The enabled providers' names, for messages that say what can be used instead. */
export function enabledProviderNames(providers: PaymentProviders): string[] {
  return Object.keys(providers);
}
