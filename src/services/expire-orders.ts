// Orders nobody paid by their deadline (quote expiry plus a grace for the provider) expire, after
// one last question to the provider: money it captured before the deadline still activates. A
// payment arriving after this is recorded and refunded (see settlePayment).
import type { Instant } from '../domain/calendar.ts';
import { transitionOrder } from '../domain/order.ts';
import type { Database } from '../db/database.ts';
import { deleteIdempotencyKeysBefore } from '../db/idempotency-repository.ts';
import { findOrder, listOrdersPastPayBy, updateOrderStatus } from '../db/order-repository.ts';
import type { PaymentProviders, PaymentStatus } from '../payments/payment-provider.ts';
import { enabledProvider } from '../payments/payment-registry.ts';
import type { ActivateDeps } from './activate-order.ts';
import { applyPaymentStatus } from './handle-payment-webhook.ts';
import type { Logger } from './logger.ts';
import { collectProviderFailures } from './provider-failures.ts';

export interface ExpireDeps extends ActivateDeps {
  readonly db: Database;
  readonly now: () => Instant;
  readonly providers: PaymentProviders;
  readonly logger: Logger;
}

/** Idempotency records are kept at least 24 h (the contract); two days leaves room for clocks. */
const IDEMPOTENCY_RETENTION_MS = 48 * 3600 * 1000;

export async function expireOrders(deps: ExpireDeps, limit = 500): Promise<{ expired: number; settled: number }> {
  const due = await listOrdersPastPayBy(deps.db, new Date(deps.now()), limit);
  let expired = 0;
  let settled = 0;
  const failures = collectProviderFailures();
  for (const row of due) {
    let status: PaymentStatus = { status: 'pending' };
    if (row.providerReference !== null) {
      const provider = enabledProvider(deps.providers, row.provider);
      if (!provider) {
        // Switched off since: nobody can be asked, so the order waits for an operator to see it.
        failures.add(row.provider, row.id, new Error(`payment provider "${row.provider}" is not enabled`));
        continue;
      }
      try {
        status = await provider.fetchPaymentStatus(row.providerReference);
      } catch (error) {
        // Unreachable provider: decide next time rather than expire a possibly paid order.
        failures.add(row.provider, row.id, error);
        continue;
      }
    }
    const now = deps.now();
    const outcome = await deps.db.tx(async (sql) => {
      const order = await findOrder(sql, row.id, true);
      if (!order || order.status !== 'pending_payment') return 'settled_meanwhile';
      if (status.status !== 'pending') return applyPaymentStatus(sql, deps, row.provider, order, status, now);
      await updateOrderStatus(sql, order.id, transitionOrder(order.status, 'deadline_passed'), new Date(now), { failureReason: 'not paid in time' });
      return 'expired';
    });
    if (outcome === 'expired') expired++;
    else settled++;
  }
  failures.report(deps.logger, 'orders past their deadline left waiting: their provider could not be asked');
  await deleteIdempotencyKeysBefore(deps.db, new Date(deps.now() - IDEMPOTENCY_RETENTION_MS));
  return { expired, settled };
}
