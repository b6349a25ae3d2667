// A provider's notification: verified over the raw body, stored in the inbox (unique per provider
// and event id), then processed in the same transaction, so a resent or parallel copy of an event
// finds it already there and changes nothing. Authentic events that match nothing are kept.
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { findNulCharacter } from '../domain/text-input.ts';
import { decidePaymentFailure, transitionOrder } from '../domain/order.ts';
import type { Database, Sql } from '../db/database.ts';
import { findOrder, findOrderByReference, markWebhookProcessed, storeWebhook, updateOrderStatus } from '../db/order-repository.ts';
import type { PaymentEvent, PaymentProvider, PaymentProviders, PaymentStatus } from '../payments/payment-provider.ts';
import { enabledProvider } from '../payments/payment-registry.ts';
import { settlePayment, type ActivateDeps, type SettleOutcome } from './activate-order.ts';
import type { Logger } from './logger.ts';
import { sendRefundOrLog } from './send-refund.ts';

export interface WebhookDeps extends ActivateDeps {
  readonly db: Database;
  readonly now: () => Instant;
  readonly providers: PaymentProviders;
  readonly logger: Logger;
}

export interface WebhookOutcome {
  readonly eventId: string;
  readonly outcome: string;
}

function webhookProvider(providers: PaymentProviders, name: string): PaymentProvider {
  const provider = enabledProvider(providers, name);
  if (!provider) throw new DomainError('NOT_FOUND', `no payment provider "${name}" is enabled here`);
  return provider;
}

async function failOrder(sql: Sql, provider: string, orderId: string | null, reference: string | null, reason: string, now: Instant): Promise<string> {
  const byId = orderId === null ? undefined : await findOrder(sql, orderId, true);
  const order = byId ?? (reference === null ? undefined : await findOrderByReference(sql, provider, reference, true));
  if (!order || order.provider !== provider) return 'unmatched';
  if (decidePaymentFailure(order.status) === 'ignore') return `ignored: order is ${order.status}`;
  await updateOrderStatus(sql, order.id, transitionOrder(order.status, 'payment_failed'), new Date(now), { failureReason: reason });
  return 'order_failed';
}

function describe(outcome: SettleOutcome): string {
  return outcome.outcome === 'refund' ? `refund: ${outcome.reason}` : outcome.outcome;
}

/** Applies a provider's answer about a payment (from a webhook or a status query). */
export async function applyPaymentStatus(
  sql: Sql, deps: ActivateDeps, provider: string, order: { id: string; providerReference: string | null }, status: PaymentStatus, now: Instant,
): Promise<SettleOutcome | string> {
  if (status.status === 'succeeded') {
    return settlePayment(sql, deps, { provider, paymentId: status.paymentId, orderId: order.id, providerReference: order.providerReference, charge: status.charge }, now);
  }
  if (status.status === 'failed') return failOrder(sql, provider, order.id, order.providerReference, status.reason, now);
  return 'pending';
}

async function process(sql: Sql, deps: WebhookDeps, provider: PaymentProvider, event: PaymentEvent, approved: PaymentStatus | null, now: Instant): Promise<SettleOutcome | string> {
  switch (event.kind) {
    case 'succeeded':
      return settlePayment(sql, deps, { provider: provider.name, ...event }, now);
    case 'failed':
      return failOrder(sql, provider.name, event.orderId, event.providerReference, event.reason, now);
    case 'approved': {
      const order = event.orderId === null ? undefined : await findOrder(sql, event.orderId, true);
      const target = order ?? await findOrderByReference(sql, provider.name, event.providerReference, true);
      if (!target || !approved) return 'unmatched';
      return applyPaymentStatus(sql, deps, provider.name, target, approved, now);
    }
    case 'other':
      return 'ignored';
  }
}

export async function handlePaymentWebhook(
  deps: WebhookDeps, providerName: string, rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>,
): Promise<WebhookOutcome> {
  const provider = webhookProvider(deps.providers, providerName);
  const event = await provider.verifyWebhook(rawBody, headers, deps.now());
  // PostgreSQL refuses U+0000 in text: an authentic event carrying one is malformed, not our 500.
  const nulAt = findNulCharacter(event) ?? (rawBody.includes(0) ? 'body' : undefined);
  if (nulAt !== undefined) throw new DomainError('MALFORMED_BODY', `the event's ${nulAt} contains a NUL character (U+0000)`);
  // An approved checkout must be completed at the provider (PayPal capture) before it is money.
  const approved = event.kind === 'approved' && provider.completeApproved ? await provider.completeApproved(event.providerReference) : null;
  const now = deps.now();
  const result = await deps.db.tx(async (sql) => {
    const stored = await storeWebhook(sql, {
      provider: provider.name, eventId: event.eventId, eventType: event.kind === 'other' ? event.type : event.kind,
      rawBody: rawBody.toString('utf8'), orderId: event.kind === 'other' ? null : event.orderId,
    }, new Date(now));
    if (stored.processed) return 'duplicate';
    const outcome = await process(sql, deps, provider, event, approved, now);
    await markWebhookProcessed(sql, stored.id, typeof outcome === 'string' ? outcome : describe(outcome), new Date(now));
    return outcome;
  });
  if (typeof result !== 'string' && result.outcome === 'refund') await sendRefundOrLog(deps, result.payment);
  return { eventId: event.eventId, outcome: typeof result === 'string' ? result : describe(result) };
}
