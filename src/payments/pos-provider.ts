// Card payments on the store's POS terminal. Saxla asks the terminal, through the operator's ECR
// gateway over HTTP (POS_TERMINAL_URL, bearer POS_TERMINAL_TOKEN), to charge the amount, then asks
// it for its answer: the sale is paid when the terminal says approved, with its RRN, for that very
// amount. Nothing the agent types can mark a sale paid. The protocol is in docs/counter-payments.md.
// The simulator (demo and tests only) is a terminal that approves only when its demo button says so.
import { randomBytes, randomInt } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { CounterPaymentAdapter, CounterPaymentRequest } from './counter-payment.ts';
import type { ChargeAmount, CreatePaymentInput, CreatedPayment, PaymentEvent, PaymentStatus } from './payment-provider.ts';

/** What the terminal (through the gateway) says about one payment. */
export type TerminalAnswer =
  | { readonly status: 'pending' }
  | { readonly status: 'approved'; readonly rrn: string; readonly approvalCode: string; readonly charge: ChargeAmount }
  | { readonly status: 'declined'; readonly reason: string };

const noWebhooks = async (): Promise<PaymentEvent> => {
  throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'the card terminal sends no webhooks: Saxla asks it for its answer');
};

function newReference(): string {
  return `pos_${randomBytes(8).toString('hex')}`;
}

function toStatus(answer: TerminalAnswer): PaymentStatus {
  if (answer.status === 'approved') return { status: 'succeeded', paymentId: `rrn-${answer.rrn}`, charge: answer.charge };
  if (answer.status === 'declined') return { status: 'failed', reason: answer.reason };
  return { status: 'pending' };
}

/** Not JSON reads as null: the status code and the strict parsers then refuse it, never guess. */
function parseJson(text: string): unknown {
  try {
    return text.length > 0 ? JSON.parse(text) as unknown : null;
  } catch {
    return null;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the gateway's JSON strictly: anything but a well-formed answer for this reference is an error, never a payment. */
export function parseTerminalAnswer(body: unknown, reference: string): TerminalAnswer {
  const bad = (why: string): DomainError => new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `the card terminal gateway answered badly: ${why}`);
  if (!isRecord(body)) throw bad('not a JSON object');
  if (body.reference !== reference) throw bad('the answer is for another payment');
  if (body.status === 'pending') return { status: 'pending' };
  if (body.status === 'declined') return { status: 'declined', reason: typeof body.reason === 'string' && body.reason.length > 0 ? body.reason.slice(0, 120) : 'the terminal declined the card' };
  if (body.status !== 'approved') throw bad('unknown status');
  const amount = body.amount;
  if (!isRecord(amount) || !Number.isSafeInteger(amount.amount) || typeof amount.currency !== 'string') throw bad('no amount');
  if (typeof body.rrn !== 'string' || !/^\d{12}$/.test(body.rrn)) throw bad('no 12-digit RRN');
  if (typeof body.approvalCode !== 'string' || !/^[A-Za-z0-9]{6}$/.test(body.approvalCode)) throw bad('no 6-character approval code');
  return { status: 'approved', rrn: body.rrn, approvalCode: body.approvalCode.toUpperCase(), charge: { amount: Number(amount.amount), currency: amount.currency } };
}

export interface PosTerminalGatewayOptions {
  /** POS_TERMINAL_URL: the gateway's base URL (https, or http on loopback). */
  readonly url: string;
  /** POS_TERMINAL_TOKEN: sent as a bearer token. */
  readonly token: string;
  /** SAXLA_BASE_URL: the sale's page is the order's payment URL. */
  readonly baseUrl: string;
  /** Tests hand in their own; production uses the global fetch. */
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/** The real adapter: an ECR gateway that drives the stores' terminals (docs/counter-payments.md). */
export function createPosTerminalGateway(options: PosTerminalGatewayOptions): CounterPaymentAdapter {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown, idempotencyKey?: string): Promise<{ status: number; json: unknown }> => {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`, accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `the card terminal gateway did not answer (${error instanceof Error ? error.message : String(error)})`);
    }
    const text = await response.text();
    return { status: response.status, json: parseJson(text) };
  };
  const answerOf = (result: { status: number; json: unknown }, reference: string): TerminalAnswer => {
    if (result.status === 404) return { status: 'pending' };
    if (result.status < 200 || result.status >= 300) throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `the card terminal gateway answered HTTP ${result.status}`);
    return parseTerminalAnswer(result.json, reference);
  };
  return {
    name: 'pos',
    confirmedBy: 'terminal',
    async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
      return { paymentUrl: `${options.baseUrl}/staff/sales/${input.orderId}`, providerReference: newReference() };
    },
    async start(request: CounterPaymentRequest) {
      const result = await call('POST', '/payments', { reference: request.reference, orderId: request.orderId, storeId: request.storeId, amount: request.charge }, request.reference);
      answerOf(result, request.reference);
      return { kind: 'terminal' };
    },
    verifyWebhook: noWebhooks,
    async fetchPaymentStatus(reference: string): Promise<PaymentStatus> {
      return toStatus(answerOf(await call('GET', `/payments/${encodeURIComponent(reference)}`), reference));
    },
    async refund(payment): Promise<{ refundId: string }> {
      // Keyed by the payment: a retried refund (the reconciler's) must not pay back twice.
      const rrn = payment.paymentId.replace(/^rrn-/, '');
      const result = await call('POST', '/refunds', { rrn, amount: payment.charge, reason: payment.reason }, `refund-${rrn}`);
      const json = result.json;
      if (result.status < 200 || result.status >= 300 || !isRecord(json) || typeof json.refundId !== 'string') {
        throw new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `the card terminal gateway did not confirm the refund (HTTP ${result.status})`);
      }
      return { refundId: json.refundId };
    },
  };
}

/**
 * The demo terminal. Its only rules: start() shows the amount (pending); its simulator's pay()
 * approves with a fresh RRN and approval code for exactly that amount, or declines. It keeps its
 * answers in this process, so the console asks it within the same request that pressed the button.
 */
export function createPosSimulator(options: { baseUrl: string }): CounterPaymentAdapter {
  const answers = new Map<string, TerminalAnswer>();
  return {
    name: 'pos',
    confirmedBy: 'terminal',
    async createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
      return { paymentUrl: `${options.baseUrl}/staff/sales/${input.orderId}`, providerReference: newReference() };
    },
    async start(request) {
      if (answers.get(request.reference)?.status !== 'approved') answers.set(request.reference, { status: 'pending' });
      return { kind: 'terminal' };
    },
    verifyWebhook: noWebhooks,
    async fetchPaymentStatus(reference: string): Promise<PaymentStatus> {
      return toStatus(answers.get(reference) ?? { status: 'pending' });
    },
    async refund(payment): Promise<{ refundId: string }> {
      return { refundId: `posrf_${payment.paymentId}` };
    },
    simulator: {
      async pay(request, outcome) {
        if (answers.get(request.reference)?.status === 'approved') return undefined;
        const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(10))).join('');
        answers.set(request.reference, outcome === 'succeeded'
          ? { status: 'approved', rrn: digits(12), approvalCode: digits(6), charge: request.charge }
          : { status: 'declined', reason: 'the terminal declined the card (simulator)' });
        return undefined;
      },
    },
  };
}
