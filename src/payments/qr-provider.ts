// QR payments at the counter: an AZQR-style payload is shown on screen, the customer's banking app
// pays it, and the QR provider tells Saxla with a signed webhook to /api/v1/payments/webhooks/qr
// (header QR-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<body>">, 300 s tolerance). The
// simulator plays the bank app and the provider for the demo and tests.
import { randomBytes } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { buildAzqrPayload, parseAzqrPayload } from '../domain/azqr-payload.ts';
import { DomainError } from '../domain/errors.ts';
import { qepik } from '../domain/money.ts';
import { headerValue, type CreatePaymentInput, type CreatedPayment, type PaymentEvent, type PaymentProvider, type PaymentStatus } from './payment-provider.ts';
import { signSandboxPayload, verifySandboxSignature } from './sandbox-signature.ts';

export const QR_SIGNATURE_HEADER = 'qr-signature';

interface QrEventBody {
  readonly id: string;
  readonly type: 'payment.succeeded' | 'payment.failed';
  readonly created: number;
  readonly data: { readonly paymentId: string; readonly reference: string; readonly amount: { readonly amount: number; readonly currency: string } };
}

export interface QrProvider extends PaymentProvider {
  readonly name: 'qr';
  /** What the screen shows as a QR code for this checkout. */
  payloadFor(providerReference: string, amount: number): string;
  /** The bank app pays the payload: the signed webhook the provider would send (demo and tests). */
  simulateBankPayment(payload: string, outcome?: 'succeeded' | 'failed'): { body: string; headers: Record<string, string> };
}

export function createQrSimulator(options: { secret: string; now: () => Instant; baseUrl: string; merchantId?: string }): QrProvider {
  const merchantId = options.merchantId ?? 'SAXLA0001';
  const payloadFor = (reference: string, amount: number): string =>
    buildAzqrPayload({ merchantId, merchantName: 'SAXLA', city: 'BAKU', amount: qepik(amount), reference });
  return {
    name: 'qr',
    payloadFor,
    async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
      return { paymentUrl: `${options.baseUrl}/staff/sales/${input.orderId}`, providerReference: `qr${randomBytes(8).toString('hex')}` };
    },
    async verifyWebhook(rawBody: Buffer, headers, now): Promise<PaymentEvent> {
      verifySandboxSignature(options.secret, rawBody, headerValue(headers, QR_SIGNATURE_HEADER), now);
      let body: QrEventBody;
      try {
        body = JSON.parse(rawBody.toString('utf8')) as QrEventBody;
      } catch {
        throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'the signed body is not JSON');
      }
      const reference = body.data.reference;
      if (body.type === 'payment.succeeded') {
        return { kind: 'succeeded', eventId: body.id, paymentId: body.data.paymentId, orderId: null, providerReference: reference, charge: body.data.amount };
      }
      if (body.type === 'payment.failed') {
        return { kind: 'failed', eventId: body.id, paymentId: body.data.paymentId, orderId: null, providerReference: reference, reason: 'the bank declined the payment' };
      }
      return { kind: 'other', eventId: body.id, type: String(body.type) };
    },
    async fetchPaymentStatus(): Promise<PaymentStatus> {
      // The simulator keeps no book: the webhook is the only answer, as with many QR acquirers.
      return { status: 'pending' };
    },
    async refund(payment): Promise<{ refundId: string }> {
      return { refundId: `qrrf_${payment.paymentId}` };
    },
    simulateBankPayment(payload, outcome = 'succeeded') {
      const fields = parseAzqrPayload(payload);
      const reference = parseAzqrPayload(fields.get('62') ?? '').get('05') ?? '';
      const [manat = '0', qepikPart = '0'] = (fields.get('54') ?? '0.00').split('.');
      const created = Math.floor(options.now() / 1000);
      const body = JSON.stringify({
        id: `qrevt_${randomBytes(8).toString('hex')}`, type: `payment.${outcome}`, created,
        data: { paymentId: `qrpay_${randomBytes(8).toString('hex')}`, reference, amount: { amount: Number(manat) * 100 + Number(qepikPart), currency: 'AZN' } },
      } satisfies QrEventBody);
      return { body, headers: { 'content-type': 'application/json', [QR_SIGNATURE_HEADER]: signSandboxPayload(options.secret, body, created) } };
    },
  };
}
