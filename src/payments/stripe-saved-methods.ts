// Stripe's side of auto-renew: a card is saved through Checkout in setup mode (a SetupIntent on a
// Customer made for it), and charged later with a PaymentIntent confirmed off_session with that
// customer and payment method. Saxla keeps the customer and payment method ids, nothing more.
import Stripe from 'stripe';
import { DomainError } from '../domain/errors.ts';
import type { OffSessionCharge, SavedMethod, SavedMethods } from './payment-provider.ts';

interface SetupIntentFields {
  readonly status?: string;
  readonly payment_method?: string | { readonly id: string; readonly card?: { readonly brand?: string; readonly last4?: string } | null } | null;
}

/** Stripe said no to the card (declined, or the bank wants the customer present): a decline, not an outage. */
function declineReason(error: unknown): string | undefined {
  if (!(error instanceof Stripe.errors.StripeCardError)) return undefined;
  return error.code === 'authentication_required' ? 'authentication required' : 'card declined';
}

export function createStripeSavedMethods(stripe: Stripe): SavedMethods {
  return {
    async start(input) {
      // A Stripe customer per saved method: the payment method must belong to a customer to be
      // charged off-session, and nothing else of Saxla's customer is shared with Stripe.
      const customer = await stripe.customers.create({ metadata: { saxlaMethodId: input.methodId } }, { idempotencyKey: `saxla-customer-${input.methodId}` });
      const session = await stripe.checkout.sessions.create({
        mode: 'setup',
        currency: 'azn',
        customer: customer.id,
        metadata: { saxlaMethodId: input.methodId },
        setup_intent_data: { metadata: { saxlaMethodId: input.methodId } },
        success_url: input.returnUrl,
        cancel_url: input.returnUrl,
      }, { idempotencyKey: `saxla-setup-${input.methodId}` });
      if (!session.url) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', 'Stripe returned no setup page');
      return { setupUrl: session.url, setupReference: session.id };
    },

    async complete(sessionId): Promise<SavedMethod> {
      const session = await stripe.checkout.sessions.retrieve(sessionId, { expand: ['setup_intent', 'setup_intent.payment_method'] });
      if (session.status === 'expired') return { status: 'failed', reason: 'setup expired' };
      const intent = session.setup_intent as SetupIntentFields | string | null;
      if (session.status !== 'complete' || typeof intent !== 'object' || intent === null || intent.status !== 'succeeded') return { status: 'pending' };
      const method = intent.payment_method;
      const token = typeof method === 'string' ? method : method?.id;
      const customer = typeof session.customer === 'string' ? session.customer : session.customer?.id ?? null;
      if (!token) return { status: 'failed', reason: 'no payment method was saved' };
      const card = typeof method === 'object' && method !== null ? method.card : undefined;
      return { status: 'saved', token, providerCustomer: customer, label: card?.last4 ? `${card.brand ?? 'card'} •••• ${card.last4}` : 'card' };
    },

    async forget(token) {
      try {
        await stripe.paymentMethods.detach(token);
      } catch (error) {
        // Already detached (a second press) is what was asked; anything else is worth retrying.
        if (error instanceof Stripe.errors.StripeInvalidRequestError) return;
        throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', 'Stripe could not be asked to forget the card');
      }
    },

    async chargeOffSession(input): Promise<OffSessionCharge> {
      if (!input.providerCustomer) return { status: 'declined', reason: 'the saved card has no Stripe customer' };
      let intent: Stripe.PaymentIntent;
      try {
        intent = await stripe.paymentIntents.create({
          amount: input.charge.amount,
          currency: input.charge.currency.toLowerCase(),
          customer: input.providerCustomer,
          payment_method: input.token,
          off_session: true,
          confirm: true,
          description: input.description.slice(0, 250),
          metadata: { saxlaCharge: input.idempotencyKey },
        }, { idempotencyKey: input.idempotencyKey });
      } catch (error) {
        const reason = declineReason(error);
        if (reason) return { status: 'declined', reason };
        throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', 'Stripe could not be asked to charge the saved card');
      }
      if (intent.status === 'succeeded') {
        return { status: 'succeeded', paymentId: intent.id, charge: { amount: intent.amount, currency: intent.currency.toUpperCase() } };
      }
      return { status: 'declined', reason: intent.status === 'requires_action' ? 'authentication required' : 'card declined' };
    },
  };
}
