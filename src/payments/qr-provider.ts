// QR payments at the counter: an AZQR-style payload (merchant QR_MERCHANT_ID) is shown on screen,
// the customer's banking app pays it, and the acquirer tells Saxla with a signed webhook to
// /api/v1/payments/webhooks/qr (header QR-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of
// "<t>.<body>"> keyed with QR_WEBHOOK_SECRET, 300 s tolerance): that webhook, never the agent, marks
// the sale paid. docs/counter-payments.md has the body. The simulator (demo and tests only) adds the
// customer's bank app, whose notification still goes through the public route and its signature.
import { randomBytes } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { buildAzqrPayload, parseAzqrPayload } from '../domain/azqr-payload.ts';
import { DomainError } from '../domain/errors.ts';
import { qepik } from '../domain/money.ts';
import type { CounterPaymentAdapter, SimulatedWebhook } from './counter-payment.ts';
import { headerValue, type CreatePaymentInput, type CreatedPayment, type PaymentEvent, type PaymentStatus } from './payment-provider.ts';
import { signSandboxPayload, verifySandboxSignature } from './sandbox-signature.ts';

export const QR_SIGNATURE_HEADER = 'qr-signature';

interface QrEventBody {
  readonly id: string;
  readonly type: 'payment.succeeded' | 'payment.failed';
  readonly created: number;
  readonly data: { readonly paymentId: string; readonly reference: string; readonly amount: { readonly amount: number; readonly currency: string } };
}

export interface QrAcquirerOptions {
  /** QR_WEBHOOK_SECRET: the acquirer signs its notifications with it. */
  readonly webhookSecret: string;
  /** QR_MERCHANT_ID: the merchant account the payload pays. */
  readonly merchantId: string;
  readonly merchantName?: string;
  readonly city?: string;
  readonly baseUrl: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The signed body as an event; a body that is signed but not shaped as documented is refused, not guessed. */
function eventOf(rawBody: Buffer): PaymentEvent {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'the signed body is not JSON');
  }
  if (!isRecord(body) || typeof body.id !== 'string' || typeof body.type !== 'string') throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'the signed body has no id or type');
  const data = isRecord(body.data) ? body.data : {};
  const reference = typeof data.reference === 'string' ? data.reference : null;
  const paymentId = typeof data.paymentId === 'string' ? data.paymentId : null;
  const amount = isRecord(data.amount) ? data.amount : {};
  if (body.type === 'payment.succeeded') {
    if (reference === null || paymentId === null || !Number.isSafeInteger(amount.amount) || typeof amount.currency !== 'string') {
      throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'a payment.succeeded event needs data.reference, data.paymentId and data.amount');
    }
    return { kind: 'succeeded', eventId: body.id, paymentId, orderId: null, providerReference: reference, charge: { amount: Number(amount.amount), currency: amount.currency } };
  }
  if (body.type === 'payment.failed') {
    return { kind: 'failed', eventId: body.id, paymentId, orderId: null, providerReference: reference, reason: 'the bank declined the payment' };
  }
  return { kind: 'other', eventId: body.id, type: body.type };
}

/** The real adapter: the payload is built here, the acquirer's signed webhook confirms the payment. */
export function createQrAcquirer(options: QrAcquirerOptions): CounterPaymentAdapter {
  const payloadFor = (reference: string, amount: number): string =>
    buildAzqrPayload({ merchantId: options.merchantId, merchantName: options.merchantName ?? 'SAXLA', city: options.city ?? 'BAKU', amount: qepik(amount), reference });
  return {
    name: 'qr',
    confirmedBy: 'webhook',
    async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
      return { paymentUrl: `${options.baseUrl}/staff/sales/${input.orderId}`, providerReference: `qr${randomBytes(8).toString('hex')}` };
    },
    // Local and pure: the page calls it on every view.
    async start(request) {
      return { kind: 'qr', payload: payloadFor(request.reference, request.charge.amount) };
    },
    async verifyWebhook(rawBody: Buffer, headers, now): Promise<PaymentEvent> {
      verifySandboxSignature(options.webhookSecret, rawBody, headerValue(headers, QR_SIGNATURE_HEADER), now);
      return eventOf(rawBody);
    },
    async fetchPaymentStatus(): Promise<PaymentStatus> {
      // The webhook is the only answer, as with many QR acquirers.
      return { status: 'pending' };
    },
    async refund(): Promise<{ refundId: string }> {
      // No refund API in the documented protocol: the refund stays refund_pending for the operator,
      // who pays it back in the acquirer's merchant portal.
      throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', "QR payments are refunded in the acquirer's merchant portal");
    },
  };
}

/** The demo acquirer: the real adapter plus a bank app that signs its notification with the same secret. */
export function createQrSimulator(options: { secret: string; now: () => Instant; baseUrl: string; merchantId?: string }): CounterPaymentAdapter {
  const acquirer = createQrAcquirer({ webhookSecret: options.secret, merchantId: options.merchantId ?? 'SAXLA0001', baseUrl: options.baseUrl });
  const bankApp = (payload: string, outcome: 'succeeded' | 'failed'): SimulatedWebhook => {
    const fields = parseAzqrPayload(payload);
    const reference = parseAzqrPayload(fields.get('62') ?? '').get('05') ?? '';
    const [manat = '0', qepikPart = '0'] = (fields.get('54') ?? '0.00').split('.');
    const created = Math.floor(options.now() / 1000);
    const body = JSON.stringify({
      id: `qrevt_${randomBytes(8).toString('hex')}`, type: `payment.${outcome}`, created,
      data: { paymentId: `qrpay_${randomBytes(8).toString('hex')}`, reference, amount: { amount: Number(manat) * 100 + Number(qepikPart), currency: 'AZN' } },
    } satisfies QrEventBody);
    return { body, headers: { 'content-type': 'application/json', [QR_SIGNATURE_HEADER]: signSandboxPayload(options.secret, body, created) } };
  };
  return {
    ...acquirer,
    async refund(payment): Promise<{ refundId: string }> {
      return { refundId: `qrrf_${payment.paymentId}` };
    },
    simulator: {
      // The bank app reads the QR the screen shows, as a customer's would.
      async pay(request, outcome) {
        const prompt = await acquirer.start(request);
        return prompt.kind === 'qr' ? bankApp(prompt.payload, outcome) : undefined;
      },
    },
  };
}
