// PayPal through its Orders v2 REST API over fetch. PayPal does not settle in AZN, so orders are
// charged in PAYPAL_CURRENCY at the rate fixed in the quote. Webhooks are verified by PayPal's
// verify-webhook-signature API; an approved order is captured by Saxla. Nothing is called until
// a customer pays (the OAuth token is fetched on first use).
import { DomainError } from '../domain/errors.ts';
import { formatMinorUnits, parseMinorUnits } from '../domain/fx.ts';
import { createPaypalVault } from './paypal-vault.ts';
import { headerValue, type ChargeAmount, type PaymentEvent, type PaymentProvider, type PaymentStatus } from './payment-provider.ts';

export interface PaypalOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly webhookId: string;
  readonly apiBase: string;
  readonly fetch?: typeof fetch;
}

export const PAYPAL_TOLERANCE_S = 300;

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

function chargeOf(amount: unknown): ChargeAmount | null {
  const a = asRecord(amount);
  const currency = text(a.currency_code);
  const value = text(a.value);
  if (!currency || !value) return null;
  return { currency, amount: parseMinorUnits(value, currency) };
}

/** The completed capture of an order document (GET or capture response), if there is one. */
function completedCapture(order: Json): PaymentStatus {
  const unit = asRecord(asArray(order.purchase_units)[0]);
  const capture = asRecord(asArray(asRecord(unit.payments).captures)[0]);
  const charge = chargeOf(capture.amount);
  const id = text(capture.id);
  if (capture.status === 'COMPLETED' && id && charge) return { status: 'succeeded', paymentId: id, charge };
  if (capture.status === 'DECLINED' || capture.status === 'FAILED' || order.status === 'VOIDED') return { status: 'failed', reason: 'PayPal declined the payment' };
  return { status: 'pending' };
}

export function paypalEventToPaymentEvent(event: Json): PaymentEvent {
  const eventId = text(event.id) ?? '';
  const type = text(event.event_type) ?? 'unknown';
  const resource = asRecord(event.resource);
  if (type === 'CHECKOUT.ORDER.APPROVED') {
    const id = text(resource.id);
    const unit = asRecord(asArray(resource.purchase_units)[0]);
    if (id) return { kind: 'approved', eventId, orderId: text(unit.custom_id), providerReference: id };
  }
  const related = asRecord(asRecord(resource.supplementary_data).related_ids);
  if (type === 'PAYMENT.CAPTURE.COMPLETED') {
    const id = text(resource.id);
    const charge = chargeOf(resource.amount);
    if (id && charge) return { kind: 'succeeded', eventId, paymentId: id, orderId: text(resource.custom_id), providerReference: text(related.order_id), charge };
  }
  if (type === 'PAYMENT.CAPTURE.DENIED' || type === 'PAYMENT.CAPTURE.DECLINED') {
    return { kind: 'failed', eventId, paymentId: text(resource.id), orderId: text(resource.custom_id), providerReference: text(related.order_id), reason: 'PayPal declined the payment' };
  }
  return { kind: 'other', eventId, type };
}

export function createPaypalProvider(options: PaypalOptions): PaymentProvider {
  const doFetch = options.fetch ?? fetch;
  let token: { value: string; until: number } | null = null;

  const accessToken = async (): Promise<string> => {
    if (token && token.until > Date.now()) return token.value;
    const res = await doFetch(`${options.apiBase}/v1/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
      signal: AbortSignal.timeout(10_000),
    });
    const body = asRecord(await res.json());
    const value = text(body.access_token);
    if (!res.ok || !value) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `PayPal refused the credentials (HTTP ${res.status})`);
    const ttl = typeof body.expires_in === 'number' ? body.expires_in : 300;
    token = { value, until: Date.now() + (ttl - 60) * 1000 };
    return value;
  };

  const call = async (method: string, path: string, body?: unknown, requestId?: string): Promise<{ status: number; body: Json }> => {
    const res = await doFetch(`${options.apiBase}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await accessToken()}`, 'content-type': 'application/json', prefer: 'return=representation',
        ...(requestId ? { 'paypal-request-id': requestId } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const json = res.status === 204 ? {} : asRecord(await res.json().catch(() => ({})));
    if (res.status >= 500) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `PayPal answered HTTP ${res.status}`);
    return { status: res.status, body: json };
  };

  const getOrder = async (id: string): Promise<Json> => {
    const res = await call('GET', `/v2/checkout/orders/${encodeURIComponent(id)}`);
    if (res.status !== 200) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `PayPal could not find order ${id}`);
    return res.body;
  };

  const capture = async (id: string): Promise<PaymentStatus> => {
    // The request id makes a repeated capture (webhook + reconciler) one capture at PayPal.
    const res = await call('POST', `/v2/checkout/orders/${encodeURIComponent(id)}/capture`, {}, `saxla-capture-${id}`);
    if (res.status === 200 || res.status === 201) return completedCapture(res.body);
    const issue = text(asRecord(asArray(res.body.details)[0]).issue);
    if (issue === 'ORDER_ALREADY_CAPTURED') return completedCapture(await getOrder(id));
    if (issue === 'INSTRUMENT_DECLINED') return { status: 'failed', reason: 'PayPal declined the payment' };
    return { status: 'pending' };
  };

  return {
    name: 'paypal',
    savedMethods: createPaypalVault(call),

    async createPayment(input) {
      const res = await call('POST', '/v2/checkout/orders', {
        intent: 'CAPTURE',
        purchase_units: [{
          reference_id: input.orderId, custom_id: input.orderId, description: input.description.slice(0, 127),
          amount: { currency_code: input.charge.currency, value: formatMinorUnits(input.charge.amount, input.charge.currency) },
        }],
        payment_source: { paypal: { experience_context: { return_url: input.returnUrl, cancel_url: input.returnUrl, user_action: 'PAY_NOW', shipping_preference: 'NO_SHIPPING' } } },
      }, `saxla-order-${input.orderId}`);
      const id = text(res.body.id);
      const link = asArray(res.body.links).map(asRecord).find((l) => l.rel === 'payer-action' || l.rel === 'approve');
      const href = link ? text(link.href) : null;
      if ((res.status !== 200 && res.status !== 201) || !id || !href) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `PayPal did not open a checkout (HTTP ${res.status})`);
      return { paymentUrl: href, providerReference: id };
    },

    async verifyWebhook(rawBody, headers, now) {
      const h = (name: string): string => {
        const value = headerValue(headers, name);
        if (!value) throw new DomainError('WEBHOOK_SIGNATURE_INVALID', `the ${name} header is missing`);
        return value;
      };
      const transmission = { auth_algo: h('paypal-auth-algo'), cert_url: h('paypal-cert-url'), transmission_id: h('paypal-transmission-id'), transmission_sig: h('paypal-transmission-sig'), transmission_time: h('paypal-transmission-time') };
      const sentAt = Date.parse(transmission.transmission_time);
      if (!Number.isFinite(sentAt) || Math.abs(now - sentAt) > PAYPAL_TOLERANCE_S * 1000) {
        throw new DomainError('WEBHOOK_SIGNATURE_INVALID', `the PayPal transmission time is outside the ${PAYPAL_TOLERANCE_S} s tolerance`);
      }
      let event: Json;
      try {
        event = asRecord(JSON.parse(rawBody.toString('utf8')));
      } catch {
        throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'the PayPal webhook body is not JSON');
      }
      const res = await call('POST', '/v1/notifications/verify-webhook-signature', { ...transmission, webhook_id: options.webhookId, webhook_event: event });
      if (res.body.verification_status !== 'SUCCESS') throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'PayPal did not confirm the webhook signature');
      return paypalEventToPaymentEvent(event);
    },

    async fetchPaymentStatus(id) {
      const order = await getOrder(id);
      if (order.status === 'APPROVED') return capture(id);
      return completedCapture(order);
    },

    completeApproved: capture,

    async refund(payment) {
      const res = await call('POST', `/v2/payments/captures/${encodeURIComponent(payment.paymentId)}/refund`, { note_to_payer: payment.reason.slice(0, 255) }, `saxla-refund-${payment.paymentId}`);
      const id = text(res.body.id);
      if (!id) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `PayPal did not refund (HTTP ${res.status})`);
      return { refundId: id };
    },
  };
}
