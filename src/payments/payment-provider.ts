// The port every payment provider adapter implements. Services see only this: create a hosted
// checkout, turn a signed notification into a typed event, ask for a status, send money back.
import type { Instant } from '../domain/calendar.ts';
import type { Sql } from '../db/database.ts';
import type { PaymentProviderName } from '../domain/vocabularies.ts';

/** Defined once in the vocabularies; the adapters that exist are named in create-payment-setup.ts. */
export type ProviderName = PaymentProviderName;

export interface ChargeAmount {
  /** Minor units of `currency` (qəpik for AZN). */
  readonly amount: number;
  readonly currency: string;
}

export interface CreatePaymentInput {
  readonly orderId: string;
  readonly charge: ChargeAmount;
  /** One line the hosted page shows ("Keep My Number × 3 months"). */
  readonly description: string;
  /** Where the hosted page sends the customer back. */
  readonly returnUrl: string;
}

export interface CreatedPayment {
  readonly paymentUrl: string;
  /** The provider's handle for this checkout, used for status queries. */
  readonly providerReference: string;
}

export type PaymentEvent =
  | {
    readonly kind: 'succeeded';
    readonly eventId: string;
    readonly paymentId: string;
    readonly orderId: string | null;
    readonly providerReference: string | null;
    readonly charge: ChargeAmount;
  }
  | {
    readonly kind: 'failed';
    readonly eventId: string;
    readonly paymentId: string | null;
    readonly orderId: string | null;
    readonly providerReference: string | null;
    /** Short and safe to show the customer ("card declined"). */
    readonly reason: string;
  }
  /** A provider step Saxla must answer (PayPal: capture an approved order). */
  | { readonly kind: 'approved'; readonly eventId: string; readonly orderId: string | null; readonly providerReference: string }
  /** Authentic, but nothing Saxla acts on; kept in the inbox. */
  | { readonly kind: 'other'; readonly eventId: string; readonly type: string };

export type PaymentStatus =
  | { readonly status: 'succeeded'; readonly paymentId: string; readonly charge: ChargeAmount }
  | { readonly status: 'failed'; readonly reason: string }
  | { readonly status: 'pending' };

/** Saving a payment method at the provider: the customer is sent to its page and comes back. */
export interface StartSaveMethodInput {
  /** Saxla's id of the method being saved; the provider's page returns to `returnUrl`. */
  readonly methodId: string;
  readonly customerId: string;
  readonly returnUrl: string;
}

export interface MethodSetup {
  readonly setupUrl: string;
  /** The provider's handle of this setup (Checkout Session, setup token, sandbox page). */
  readonly setupReference: string;
}

export type SavedMethod =
  /** `token` is all Saxla keeps: the provider's payment method (or vault) id, never card data. */
  | { readonly status: 'saved'; readonly token: string; readonly providerCustomer: string | null; readonly label: string }
  | { readonly status: 'pending' }
  | { readonly status: 'failed'; readonly reason: string };

export interface OffSessionChargeInput {
  readonly token: string;
  readonly providerCustomer: string | null;
  readonly charge: ChargeAmount;
  readonly description: string;
  /** The same key twice is one charge at the provider (a crash between charge and book-keeping). */
  readonly idempotencyKey: string;
}

export type OffSessionCharge =
  | { readonly status: 'succeeded'; readonly paymentId: string; readonly charge: ChargeAmount }
  /** Short and safe to show the customer ("card declined", "authentication required"). */
  | { readonly status: 'declined'; readonly reason: string };

/** Charging a saved method with nobody present (auto-renew). Throws PAYMENT_PROVIDER_UNAVAILABLE when it cannot ask. */
export interface SavedMethods {
  start(input: StartSaveMethodInput): Promise<MethodSetup>;
  /** Asked when the customer comes back from the provider's page. */
  complete(setupReference: string): Promise<SavedMethod>;
  chargeOffSession(input: OffSessionChargeInput): Promise<OffSessionCharge>;
  /** The customer removed it: the provider forgets it too, so it can never be charged again. */
  forget(token: string): Promise<void>;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  /**
   * For providers whose checkout lives in Saxla's own database (the sandbox): open it inside the
   * order's transaction, so ordering costs one commit instead of three. It runs before the order
   * row is inserted (the order is written once, with its page), so it must not need that row.
   * Network providers leave this out and are called after the order is saved.
   */
  createPaymentInTransaction?(sql: Sql, input: CreatePaymentInput): Promise<CreatedPayment>;
  /** Checks the signature over the raw body; throws WEBHOOK_SIGNATURE_INVALID, never guesses. */
  verifyWebhook(rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>, now: Instant): Promise<PaymentEvent>;
  fetchPaymentStatus(providerReference: string): Promise<PaymentStatus>;
  /** Completes an approved checkout (PayPal capture); providers that capture at once never call it. */
  completeApproved?(providerReference: string): Promise<PaymentStatus>;
  refund(payment: { readonly paymentId: string; readonly charge: ChargeAmount; readonly reason: string }): Promise<{ readonly refundId: string }>;
  /** Providers that can keep a payment method and charge it off-session (auto-renew). */
  readonly savedMethods?: SavedMethods;
}

export type PaymentProviders = Readonly<Partial<Record<ProviderName, PaymentProvider>>>;

export function headerValue(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
