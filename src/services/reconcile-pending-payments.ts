// Asks the provider about orders still waiting for payment after some minutes (a webhook lost,
// or Saxla killed between the provider's capture and the activation) and settles them through the
// same path as a webhook, so an order is activated exactly once whoever gets there first. Also
// retries refunds a crash or an outage left pending.
import type { Instant } from '../domain/calendar.ts';
import type { Database } from '../db/database.ts';
import { findOrder, listPendingOrders, listRefundPending } from '../db/order-repository.ts';
import type { PaymentProviders } from '../payments/payment-provider.ts';
import type { ActivateDeps } from './activate-order.ts';
import { enabledProvider } from '../payments/payment-registry.ts';
import { applyPaymentStatus } from './handle-payment-webhook.ts';
import type { Logger } from './logger.ts';
import { collectProviderFailures } from './provider-failures.ts';
import { sendRefundOrLog } from './send-refund.ts';

export interface ReconcileDeps extends ActivateDeps {
  readonly db: Database;
  readonly now: () => Instant;
  readonly providers: PaymentProviders;
  readonly logger: Logger;
}

export interface ReconcileResult {
  readonly checked: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly refundsSent: number;
}

const BATCH = 200;

export async function reconcilePendingPayments(deps: ReconcileDeps, options: { olderThanMs: number }): Promise<ReconcileResult> {
  const outcomes: Record<string, number> = {};
  const count = (key: string): void => {
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  };
  const failures = collectProviderFailures();
  const pending = await listPendingOrders(deps.db, new Date(deps.now() - options.olderThanMs), BATCH);
  for (const order of pending) {
    if (order.providerReference === null) continue;
    const provider = enabledProvider(deps.providers, order.provider);
    if (!provider) {
      count('provider_disabled');
      continue;
    }
    let status;
    try {
      // Asked outside any transaction: a provider call must never hold a row lock.
      status = await provider.fetchPaymentStatus(order.providerReference);
    } catch (error) {
      failures.add(provider.name, order.id, error);
      count('provider_unreachable');
      continue;
    }
    const now = deps.now();
    const outcome = await deps.db.tx(async (sql) => {
      const current = await findOrder(sql, order.id, true);
      if (!current || current.status !== 'pending_payment') return 'settled_meanwhile';
      return applyPaymentStatus(sql, deps, provider.name, current, status, now);
    });
    count(typeof outcome === 'string' ? outcome : outcome.outcome);
  }
  failures.report(deps.logger, 'payment status not available; asking again next round');
  let refundsSent = 0;
  for (const payment of await listRefundPending(deps.db, BATCH)) {
    if (await sendRefundOrLog(deps, payment)) refundsSent++;
  }
  return { checked: pending.length, outcomes, refundsSent };
}
