// The sandbox provider: a hosted-page provider Saxla runs itself, for the demo and for tests. It
// keeps its own book (sandbox_payments), and tells Saxla the outcome only the way a real provider
// would: a signed webhook POSTed over HTTP, asynchronously, possibly late, twice or out of order.
import { randomBytes } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { Sql } from '../db/database.ts';
import {
  headerValue, type CreatePaymentInput, type CreatedPayment, type PaymentEvent, type PaymentProvider, type PaymentStatus,
} from './payment-provider.ts';
import { createSandboxSavedCards, type SandboxSavedCards } from './sandbox-saved-cards.ts';
import { SANDBOX_SIGNATURE_HEADER, signSandboxPayload, verifySandboxSignature } from './sandbox-signature.ts';

export const SANDBOX_SUCCESS_CARD = '4242424242424242';
export const SANDBOX_DECLINE_CARD = '4000000000000002';

export interface SandboxDelivery {
  /** Before the first attempt (the contract: within 2 s by default). */
  readonly delayMs: number;
  /** Each event is sent this many times (2 = doubled, as providers do). */
  readonly copies: number;
  /** Adds a random 0…spreadMs to each send, so events overtake each other. */
  readonly spreadMs: number;
  /** false: events are only recorded (a test delivers them itself, or a crash is staged). */
  readonly enabled: boolean;
}

export const defaultSandboxDelivery: SandboxDelivery = { delayMs: 300, copies: 1, spreadMs: 0, enabled: true };

export interface SandboxOptions {
  readonly db: Sql;
  readonly secret: string;
  readonly baseUrl: () => string;
  readonly now: () => Instant;
  readonly delivery?: SandboxDelivery;
  /** How a webhook is POSTed; fetch by default. Returns the HTTP status. */
  readonly post?: (url: string, body: string, headers: Record<string, string>) => Promise<number>;
}

export interface SandboxSession {
  readonly id: string;
  readonly orderId: string;
  readonly amount: number;
  readonly currency: string;
  readonly status: 'open' | 'succeeded' | 'failed' | 'refunded';
}

export type SandboxPayResult =
  | { readonly outcome: 'succeeded' | 'declined'; readonly session: SandboxSession }
  | { readonly outcome: 'closed'; readonly session: SandboxSession }
  | { readonly outcome: 'unknown_card' };

export interface SandboxEventBody {
  readonly id: string;
  readonly type: 'payment.succeeded' | 'payment.failed';
  readonly created: number;
  readonly data: { readonly paymentId: string; readonly orderId: string; readonly amount: { readonly amount: number; readonly currency: string } };
}

interface SessionRow { id: string; order_id: string; amount: number; currency: string; status: SandboxSession['status'] }
const sessionColumns = 'id, order_id, amount, currency, status';
const toSession = (row: SessionRow): SandboxSession => ({ id: row.id, orderId: row.order_id, amount: row.amount, currency: row.currency, status: row.status });

const RETRY_DELAYS_MS = [1000, 2000, 5000, 10000, 30000];

async function postWithFetch(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  return res.status;
}

export interface SandboxProvider extends PaymentProvider {
  findSession(id: string): Promise<SandboxSession | undefined>;
  /** The hosted page's form POST: charges the test card and queues the webhook. */
  pay(id: string, cardNumber: string): Promise<SandboxPayResult>;
  /** Builds the signed webhook for a session's outcome (tests deliver it by hand). */
  signedEvent(session: SandboxSession, eventId?: string): { body: string; headers: Record<string, string> };
  /** Cancels pending deliveries (shutdown, end of a test). */
  stop(): void;
  /** Saved test cards for auto-renew (its setup page is served beside the payment page). */
  readonly savedMethods: SandboxSavedCards;
}

export function createSandboxProvider(options: SandboxOptions): SandboxProvider {
  const delivery = options.delivery ?? defaultSandboxDelivery;
  const post = options.post ?? postWithFetch;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let stopped = false;

  const later = (ms: number, work: () => void): void => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      work();
    }, ms);
    timers.add(timer);
  };

  const eventBody = (session: SandboxSession, eventId: string): SandboxEventBody => ({
    id: eventId,
    type: session.status === 'failed' ? 'payment.failed' : 'payment.succeeded',
    created: Math.floor(options.now() / 1000),
    data: { paymentId: session.id, orderId: session.orderId, amount: { amount: session.amount, currency: session.currency } },
  });

  const signedEvent = (session: SandboxSession, eventId = `evt_${randomBytes(12).toString('hex')}`): { body: string; headers: Record<string, string> } => {
    const body = JSON.stringify(eventBody(session, eventId));
    const t = Math.floor(options.now() / 1000);
    return { body, headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(options.secret, body, t) } };
  };

  const send = (session: SandboxSession, eventId: string, attempt: number): void => {
    // Signed at each attempt, as providers do, so a retry is never stale.
    const { body, headers } = signedEvent(session, eventId);
    const url = `${options.baseUrl()}/api/v1/payments/webhooks/sandbox`;
    post(url, body, headers).then((status) => status >= 200 && status < 300, () => false).then((ok) => {
      const wait = RETRY_DELAYS_MS[attempt];
      if (!ok && wait !== undefined) later(wait, () => send(session, eventId, attempt + 1));
    }, () => undefined);
  };

  const schedule = (session: SandboxSession): void => {
    if (!delivery.enabled) return;
    const eventId = `evt_${randomBytes(12).toString('hex')}`;
    for (let copy = 0; copy < delivery.copies; copy++) {
      const jitter = delivery.spreadMs > 0 ? Math.floor(Math.random() * delivery.spreadMs) : 0;
      later(delivery.delayMs + jitter + copy * 50, () => send(session, eventId, 0));
    }
  };

  // One session per order: asking again (a retried request) returns the same page.
  const openSession = async (sql: Sql, input: CreatePaymentInput): Promise<CreatedPayment> => {
    const [row] = await sql.query<{ id: string }>(
      `insert into sandbox_payments (id, order_id, amount, currency, status, created_at, updated_at)
       values ($1, $2, $3, $4, 'open', $5, $5)
       on conflict (order_id) do update set updated_at = sandbox_payments.updated_at
       returning id`,
      [`sbx_${randomBytes(12).toString('hex')}`, input.orderId, input.charge.amount, input.charge.currency, new Date(options.now())],
    );
    if (!row) throw new Error('sandbox session was not stored');
    return { paymentUrl: `${options.baseUrl()}/pay/sandbox/${row.id}`, providerReference: row.id };
  };

  const findSession = async (id: string): Promise<SandboxSession | undefined> => {
    const [row] = await options.db.query<SessionRow>(`select ${sessionColumns} from sandbox_payments where id = $1`, [id]);
    return row ? toSession(row) : undefined;
  };

  return {
    name: 'sandbox',
    savedMethods: createSandboxSavedCards(options),
    findSession,
    signedEvent,
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },

    createPayment(input: CreatePaymentInput): Promise<CreatedPayment> {
      return openSession(options.db, input);
    },

    createPaymentInTransaction(sql: Sql, input: CreatePaymentInput): Promise<CreatedPayment> {
      return openSession(sql, input);
    },

    async pay(id: string, cardNumber: string): Promise<SandboxPayResult> {
      const digits = cardNumber.replace(/[\s-]/g, '');
      const outcome = digits === SANDBOX_SUCCESS_CARD ? 'succeeded' : digits === SANDBOX_DECLINE_CARD ? 'failed' : undefined;
      if (outcome === undefined) return { outcome: 'unknown_card' };
      // The charged session comes back from the update itself; only a page that was not open
      // (closed, or no such page) needs a second look.
      const [row] = await options.db.query<SessionRow>(
        `update sandbox_payments set status = $2, card_last4 = $3, updated_at = $4
          where id = $1 and status = 'open' returning ${sessionColumns}`,
        [id, outcome, digits.slice(-4), new Date(options.now())],
      );
      if (!row) {
        const closed = await findSession(id);
        if (!closed) throw new DomainError('NOT_FOUND', 'no such payment page');
        return { outcome: 'closed', session: closed };
      }
      const session = toSession(row);
      schedule(session);
      return { outcome: outcome === 'succeeded' ? 'succeeded' : 'declined', session };
    },

    async verifyWebhook(rawBody, headers, now): Promise<PaymentEvent> {
      verifySandboxSignature(options.secret, rawBody, headerValue(headers, SANDBOX_SIGNATURE_HEADER), now);
      let doc: unknown;
      try {
        doc = JSON.parse(rawBody.toString('utf8'));
      } catch {
        throw new DomainError('MALFORMED_BODY', 'the webhook body is not JSON');
      }
      return parseSandboxEvent(doc);
    },

    async fetchPaymentStatus(providerReference: string): Promise<PaymentStatus> {
      const session = await findSession(providerReference);
      if (!session) return { status: 'pending' };
      if (session.status === 'succeeded' || session.status === 'refunded') {
        return { status: 'succeeded', paymentId: session.id, charge: { amount: session.amount, currency: session.currency } };
      }
      return session.status === 'failed' ? { status: 'failed', reason: 'card declined' } : { status: 'pending' };
    },

    async refund(payment): Promise<{ refundId: string }> {
      await options.db.query(`update sandbox_payments set status = 'refunded', updated_at = $2 where id = $1 and status = 'succeeded'`,
        [payment.paymentId, new Date(options.now())]);
      return { refundId: `rf_${payment.paymentId}` };
    },
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Reads the fields Saxla uses and ignores the rest (providers add fields over time). */
export function parseSandboxEvent(doc: unknown): PaymentEvent {
  const d = asRecord(doc);
  const data = asRecord(d.data);
  const amount = asRecord(data.amount);
  if (typeof d.id !== 'string' || d.id.length === 0 || d.id.length > 200) {
    throw new DomainError('VALIDATION_FAILED', 'the webhook event has no id');
  }
  const type = typeof d.type === 'string' ? d.type : '';
  const paymentId = typeof data.paymentId === 'string' ? data.paymentId : null;
  const orderId = typeof data.orderId === 'string' ? data.orderId : null;
  if (type === 'payment.succeeded' && paymentId !== null && Number.isSafeInteger(amount.amount) && typeof amount.currency === 'string') {
    return {
      kind: 'succeeded', eventId: d.id, paymentId, orderId, providerReference: paymentId,
      charge: { amount: amount.amount as number, currency: amount.currency },
    };
  }
  if (type === 'payment.failed') {
    return { kind: 'failed', eventId: d.id, paymentId, orderId, providerReference: paymentId, reason: 'card declined' };
  }
  return { kind: 'other', eventId: d.id, type: type || 'unknown' };
}
