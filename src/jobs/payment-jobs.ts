// Background work of the online renewal path: reconcile orders whose webhook has not come, retry
// pending refunds, expire unpaid orders. Runs once at start (the restart after a crash is exactly
// when a captured payment may be waiting) and then on a timer. Safe in every Saxla process at
// once: each order is settled under its row lock and keyed on the payment.
import type { ReconcileDeps } from '../services/reconcile-pending-payments.ts';
import { reconcilePendingPayments } from '../services/reconcile-pending-payments.ts';
import { expireOrders } from '../services/expire-orders.ts';
import { createOutageWatch, type OutageLogger } from './database-outage.ts';

export interface PaymentJobOptions {
  /** Orders younger than this are left to their webhook. */
  readonly reconcileAfterMs: number;
  readonly everyMs: number;
  readonly onError?: (error: unknown) => void;
  /** Told once when the database goes away and once when it is back; without it, onError hears the first failure. */
  readonly outageLogger?: OutageLogger;
  readonly onResult?: (result: { reconciled: Readonly<Record<string, number>>; expired: number }) => void;
}

export const defaultPaymentJobOptions: PaymentJobOptions = { reconcileAfterMs: 5 * 60 * 1000, everyMs: 60 * 1000 };

export async function runPaymentJobsOnce(deps: ReconcileDeps, olderThanMs: number): Promise<{ reconciled: Readonly<Record<string, number>>; expired: number }> {
  const reconciled = await reconcilePendingPayments(deps, { olderThanMs });
  const expired = await expireOrders(deps);
  return { reconciled: reconciled.outcomes, expired: expired.expired };
}

export function startPaymentJobs(deps: ReconcileDeps, options: PaymentJobOptions = defaultPaymentJobOptions): { stop: () => void; firstRun: Promise<void> } {
  const outage = createOutageWatch({ job: 'payment jobs', ...(options.outageLogger ? { logger: options.outageLogger } : {}) });
  let running = false;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const run = async (olderThanMs: number): Promise<void> => {
    if (running || stopped) return;
    running = true;
    try {
      const result = await runPaymentJobsOnce(deps, olderThanMs);
      outage.succeeded();
      options.onResult?.(result);
    } catch (error) {
      const wasDown = outage.down;
      if (!outage.failed(error)) {
        options.onError?.(error);
      } else {
        if (!wasDown && !options.outageLogger) options.onError?.(error);
        // Paused, not waiting for the next minute's tick: a webhook lost in the outage is
        // reconciled soon after the database is back. Each run is safe to repeat.
        clearTimeout(retry);
        retry = setTimeout(() => void run(olderThanMs), outage.retryInMs());
        retry.unref();
      }
    } finally {
      running = false;
    }
  };
  // At start every pending order is asked about: the process may have died mid-activation.
  const firstRun = run(0);
  const timer = setInterval(() => void run(options.reconcileAfterMs), options.everyMs);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
      clearTimeout(retry);
    },
    firstRun,
  };
}
