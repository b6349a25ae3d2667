// Stripe through its official SDK: a Checkout Session per order (AZN is a Stripe presentment
// currency), webhooks verified by the SDK over the raw body. Constructing it calls nothing.
import Stripe from 'stripe';
import { DomainError } from '../domain/errors.ts';
import { headerValue, type PaymentEvent, type PaymentProvider, type PaymentStatus } from './payment-provider.ts';
import { createStripeSavedMethods } from './stripe-saved-methods.ts';

export interface StripeOptions {
  readonly secretKey: string;
  readonly webhookSecret: string;
  /** Tests hand in a fetch that answers from fixtures; production uses the global fetch. */
  readonly fetch?: typeof fetch;
}

export const STRIPE_TOLERANCE_S = 300;

interface SessionFields {
  readonly id: string;
  readonly client_reference_id?: string | null;
  readonly metadata?: Record<string, string> | null;
  readonly payment_intent?: string | { readonly id: string } | null;
  readonly payment_status?: string;
  readonly status?: string | null;
  readonly amount_total?: number | null;
  readonly currency?: string | null;
}

function orderIdOf(session: SessionFields): string | null {
  return session.client_reference_id ?? session.metadata?.orderId ?? null;
}

function paymentIntentOf(session: SessionFields): string | null {
  const pi = session.payment_intent;
  return typeof pi === 'string' ? pi : pi?.id ?? null;
}

function succeeded(eventId: string, session: SessionFields): PaymentEvent {
  const paymentId = paymentIntentOf(session);
  if (paymentId === null || session.amount_total == null || !session.currency) return { kind: 'other', eventId, type: 'checkout.session.without_payment' };
  return {
    kind: 'succeeded', eventId, paymentId, orderId: orderIdOf(session), providerReference: session.id,
    charge: { amount: session.amount_total, currency: session.currency.toUpperCase() },
  };
}

/** Stripe's events, read for what Saxla acts on. */
export function stripeEventToPaymentEvent(event: { id: string; type: string; data: { object: unknown } }): PaymentEvent {
  const session = event.data.object as SessionFields;
  switch (event.type) {
    case 'checkout.session.completed':
      // Delayed methods complete the session unpaid; their money is confirmed by async_payment_succeeded.
      return session.payment_status === 'paid' || session.payment_status === 'no_payment_required'
        ? succeeded(event.id, session) : { kind: 'other', eventId: event.id, type: event.type };
    case 'checkout.session.async_payment_succeeded':
      return succeeded(event.id, session);
    case 'checkout.session.async_payment_failed':
      return { kind: 'failed', eventId: event.id, paymentId: paymentIntentOf(session), orderId: orderIdOf(session), providerReference: session.id, reason: 'payment failed' };
    case 'checkout.session.expired':
      return { kind: 'failed', eventId: event.id, paymentId: null, orderId: orderIdOf(session), providerReference: session.id, reason: 'checkout expired unpaid' };
    default:
      return { kind: 'other', eventId: event.id, type: event.type };
  }
}

export function createStripeProvider(options: StripeOptions): PaymentProvider {
  const stripe = new Stripe(options.secretKey, {
    httpClient: Stripe.createFetchHttpClient(options.fetch ?? fetch),
    maxNetworkRetries: 2,
    telemetry: false,
  });
  return {
    name: 'stripe',
    savedMethods: createStripeSavedMethods(stripe),

    async createPayment(input) {
      const session = await stripe.checkout.sessions.create({
        mode: 'payment',
        client_reference_id: input.orderId,
        metadata: { orderId: input.orderId },
        payment_intent_data: { metadata: { orderId: input.orderId } },
        line_items: [{ quantity: 1, price_data: { currency: input.charge.currency.toLowerCase(), unit_amount: input.charge.amount, product_data: { name: input.description.slice(0, 250) } } }],
        success_url: input.returnUrl,
        cancel_url: input.returnUrl,
      }, { idempotencyKey: `saxla-order-${input.orderId}` });
      if (!session.url) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', 'Stripe returned no checkout page');
      return { paymentUrl: session.url, providerReference: session.id };
    },

    async verifyWebhook(rawBody, headers, now) {
      const signature = headerValue(headers, 'stripe-signature');
      if (!signature) throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'the Stripe-Signature header is missing');
      let event: Stripe.Event;
      try {
        event = await stripe.webhooks.constructEventAsync(rawBody, signature, options.webhookSecret, STRIPE_TOLERANCE_S, undefined, now);
      } catch {
        throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'the Stripe signature does not match the body or is too old');
      }
      return stripeEventToPaymentEvent(event);
    },

    async fetchPaymentStatus(sessionId): Promise<PaymentStatus> {
      const session = await stripe.checkout.sessions.retrieve(sessionId);
      const fields = session as unknown as SessionFields;
      if (session.status === 'complete' && session.payment_status === 'paid') {
        const event = succeeded(`reconcile:${session.id}`, fields);
        if (event.kind === 'succeeded') return { status: 'succeeded', paymentId: event.paymentId, charge: event.charge };
      }
      return session.status === 'expired' ? { status: 'failed', reason: 'checkout expired unpaid' } : { status: 'pending' };
    },

    async refund(payment) {
      const refund = await stripe.refunds.create(
        { payment_intent: payment.paymentId, metadata: { reason: payment.reason } },
        { idempotencyKey: `saxla-refund-${payment.paymentId}` },
      );
      return { refundId: refund.id };
    },
  };
}
