// Card payments on the store's POS terminal. The terminal is not driven by Saxla: the agent types
// the approval code and RRN from the slip (or a terminal integration hands them in), and this
// adapter confirms them with the acquirer. The simulator stands in for the acquirer in the demo:
// any 6-character approval code and 12-digit RRN succeed, except approval code 000000 (declined).
import { randomBytes } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { ChargeAmount, CreatePaymentInput, CreatedPayment, PaymentEvent, PaymentProvider, PaymentStatus } from './payment-provider.ts';

export interface TerminalSlip {
  readonly approvalCode: string;
  /** Retrieval reference number: 12 digits, unique per terminal transaction. */
  readonly rrn: string;
}

export interface PosProvider extends PaymentProvider {
  readonly name: 'pos';
  /** Confirms a terminal transaction for the checkout; succeeded carries the payment id (the RRN). */
  confirmSlip(providerReference: string, slip: TerminalSlip, charge: ChargeAmount): Promise<PaymentStatus>;
}

export function parseSlip(input: { approvalCode: string; rrn: string }): TerminalSlip {
  const approvalCode = input.approvalCode.trim().toUpperCase();
  const rrn = input.rrn.replace(/\s/g, '');
  if (!/^[A-Z0-9]{6}$/.test(approvalCode)) throw new DomainError('VALIDATION_FAILED', 'the approval code has 6 letters or digits', [{ path: 'approvalCode', message: '6 letters or digits' }]);
  if (!/^\d{12}$/.test(rrn)) throw new DomainError('VALIDATION_FAILED', 'the RRN has 12 digits', [{ path: 'rrn', message: '12 digits' }]);
  return { approvalCode, rrn };
}

export function createPosSimulator(options: { baseUrl: string }): PosProvider {
  const confirmed = new Map<string, { paymentId: string; charge: ChargeAmount }>();
  return {
    name: 'pos',
    async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
      return { paymentUrl: `${options.baseUrl}/staff/sales/${input.orderId}`, providerReference: `pos_${randomBytes(8).toString('hex')}` };
    },
    async verifyWebhook(): Promise<PaymentEvent> {
      throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'the POS terminal sends no webhooks: payments are confirmed at the counter');
    },
    async fetchPaymentStatus(reference: string): Promise<PaymentStatus> {
      const found = confirmed.get(reference);
      return found ? { status: 'succeeded', paymentId: found.paymentId, charge: found.charge } : { status: 'pending' };
    },
    async confirmSlip(reference, slip, charge): Promise<PaymentStatus> {
      if (slip.approvalCode === '000000') return { status: 'failed', reason: 'the terminal declined the card' };
      const paymentId = `rrn-${slip.rrn}`;
      confirmed.set(reference, { paymentId, charge });
      return { status: 'succeeded', paymentId, charge };
    },
    async refund(payment): Promise<{ refundId: string }> {
      return { refundId: `posrf_${payment.paymentId}` };
    },
  };
}
