// PayPal's side of auto-renew, through its Payment Method Tokens API (vault v3): a setup token the
// payer approves on PayPal's page, turned into a payment token on return; later an order paid
// with that vault id and no payer present (PayPal captures it at once). Saxla keeps the vault id.
import { formatMinorUnits, parseMinorUnits } from '../domain/fx.ts';
import { DomainError } from '../domain/errors.ts';
import type { OffSessionCharge, SavedMethod, SavedMethods } from './payment-provider.ts';

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** The adapter's authenticated call (5xx already thrown as PAYMENT_PROVIDER_UNAVAILABLE). */
export type PaypalCall = (method: string, path: string, body?: unknown, requestId?: string) => Promise<{ status: number; body: Json }>;

/** "a•••@example.com": enough for the customer to recognise the account, not to read it. */
function maskedEmail(email: string | null): string {
  if (!email) return 'PayPal';
  const [name = '', domain = ''] = email.split('@');
  return `PayPal ${name.slice(0, 1)}•••@${domain}`;
}

export function createPaypalVault(call: PaypalCall): SavedMethods {
  return {
    async start(input) {
      const res = await call('POST', '/v3/vault/setup-tokens', {
        payment_source: {
          paypal: {
            usage_type: 'MERCHANT', customer_type: 'CONSUMER', permit_multiple_payment_tokens: true,
            experience_context: { return_url: input.returnUrl, cancel_url: input.returnUrl, shipping_preference: 'NO_SHIPPING' },
          },
        },
      }, `saxla-setup-${input.methodId}`);
      const id = text(res.body.id);
      const approve = asArray(res.body.links).map(asRecord).find((l) => l.rel === 'approve');
      const href = approve ? text(approve.href) : null;
      if ((res.status !== 200 && res.status !== 201) || !id || !href) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `PayPal did not open a setup (HTTP ${res.status})`);
      return { setupUrl: href, setupReference: id };
    },

    async complete(setupTokenId): Promise<SavedMethod> {
      const setup = await call('GET', `/v3/vault/setup-tokens/${encodeURIComponent(setupTokenId)}`);
      const status = text(setup.body.status);
      if (setup.status === 404) return { status: 'failed', reason: 'setup not found' };
      if (status !== 'APPROVED' && status !== 'VAULTED') return { status: 'pending' };
      // The request id makes a second return (a reload) the same payment token.
      const token = await call('POST', '/v3/vault/payment-tokens', { payment_source: { token: { id: setupTokenId, type: 'SETUP_TOKEN' } } }, `saxla-token-${setupTokenId}`);
      const id = text(token.body.id);
      if ((token.status !== 200 && token.status !== 201) || !id) return { status: 'failed', reason: 'PayPal did not keep the payment method' };
      const email = text(asRecord(asRecord(token.body.payment_source).paypal).email_address);
      return { status: 'saved', token: id, providerCustomer: text(asRecord(token.body.customer).id), label: maskedEmail(email) };
    },

    async forget(token) {
      const res = await call('DELETE', `/v3/vault/payment-tokens/${encodeURIComponent(token)}`);
      // 204 forgotten, 404 already gone: either way PayPal holds nothing more.
      if (res.status !== 204 && res.status !== 200 && res.status !== 404) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `PayPal did not remove the payment token (HTTP ${res.status})`);
    },

    async chargeOffSession(input): Promise<OffSessionCharge> {
      const res = await call('POST', '/v2/checkout/orders', {
        intent: 'CAPTURE',
        purchase_units: [{
          custom_id: input.idempotencyKey, description: input.description.slice(0, 127),
          amount: { currency_code: input.charge.currency, value: formatMinorUnits(input.charge.amount, input.charge.currency) },
        }],
        payment_source: { paypal: { vault_id: input.token, stored_credential: { payment_initiator: 'MERCHANT', usage: 'SUBSEQUENT' } } },
      }, input.idempotencyKey);
      const capture = asRecord(asArray(asRecord(asRecord(asArray(res.body.purchase_units)[0]).payments).captures)[0]);
      const amount = asRecord(capture.amount);
      const currency = text(amount.currency_code);
      const value = text(amount.value);
      const id = text(capture.id);
      if ((res.status === 200 || res.status === 201) && capture.status === 'COMPLETED' && id && currency && value) {
        return { status: 'succeeded', paymentId: id, charge: { amount: parseMinorUnits(value, currency), currency } };
      }
      if (res.status === 401 || res.status === 403) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `PayPal refused the call (HTTP ${res.status})`);
      return { status: 'declined', reason: 'PayPal declined the payment' };
    },
  };
}
