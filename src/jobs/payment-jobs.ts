// Background work of the online renewal path: reconcile orders whose webhook has not come, retry
// pending refunds, expire unpaid orders. Runs once at start (the restart after a crash is exactly
// when a captured payment may be waiting) and then on a timer. Safe in every Saxla process at
// once: each order is settled under its row lock and keyed on the payment.
import type { ReconcileDeps } from '../services/reconcile-pending-payments.ts';
import { reconcilePendingPayments } from '../services/reconcile-pending-payments.ts';
import { expireOrders } from '../services/expire-orders.ts';

export interface PaymentJobOptions {
  /** Orders younger than this are left to their webhook. */
  readonly reconcileAfterMs: number;
  readonly everyMs: number;
  readonly onError?: (error: unknown) => void;
  readonly onResult?: (result: { reconciled: Readonly<Record<string, number>>; expired: number }) => void;
}

export const defaultPaymentJobOptions: PaymentJobOptions = { reconcileAfterMs: 5 * 60 * 1000, everyMs: 60 * 1000 };

export async function runPaymentJobsOnce(deps: ReconcileDeps, olderThanMs: number): Promise<{ reconciled: Readonly<Record<string, number>>; expired: number }> {
  const reconciled = await reconcilePendingPayments(deps, { olderThanMs });
  const expired = await expireOrders(deps);
  return { reconciled: reconciled.outcomes, expired: expired.expired };
}

export function startPaymentJobs(deps: ReconcileDeps, options: PaymentJobOptions = defaultPaymentJobOptions): { stop: () => void; firstRun: Promise<void> } {
  let running = false;
  const run = async (olderThanMs: number): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const result = await runPaymentJobsOnce(deps, olderThanMs);
      options.onResult?.(result);
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  // At start every pending order is asked about: the process may have died mid-activation.
  const firstRun = run(0);
  const timer = setInterval(() => void run(options.reconcileAfterMs), options.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), firstRun };
}
