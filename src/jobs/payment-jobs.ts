// Background work of the online renewal path: reconcile orders whose webhook has not come, retry
// pending refunds, expire unpaid orders. Runs once at start (the restart after a crash is exactly
// when a captured payment may be waiting) and then every minute, on the scheduler.
// Safe in every Saxla process at once: each order is re-read under its row lock (`select … for
// update`) before it is settled or expired, and activation is keyed on the payment, so two
// processes asking about one order apply its payment once.
import type { PaymentUpkeep } from '../services/job-use-cases.ts';
import type { OutageLogger } from './database-outage.ts';
import { startScheduler, type JobLogger, type PeriodicJob } from './scheduler.ts';

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

export async function runPaymentJobsOnce(useCases: PaymentUpkeep, olderThanMs: number): Promise<{ reconciled: Readonly<Record<string, number>>; expired: number }> {
  const reconciled = await useCases.reconcilePendingPayments({ olderThanMs });
  const expired = await useCases.expireOrders();
  return { reconciled: reconciled.outcomes, expired: expired.expired };
}

export function paymentJob(useCases: PaymentUpkeep, options: PaymentJobOptions = defaultPaymentJobOptions): PeriodicJob {
  return {
    name: 'payment jobs',
    everyMs: options.everyMs,
    runAtStart: true,
    // At start every pending order is asked about: the process may have died mid-activation.
    run: async (atStart) => {
      options.onResult?.(await runPaymentJobsOnce(useCases, atStart ? 0 : options.reconcileAfterMs));
    },
    onError: options.onError ?? ((error) => useCases.logger.error({ err: error }, 'payment reconciliation failed')),
  };
}

/** The payment jobs on a scheduler of their own (tests, the payment child process). */
export function startPaymentJobs(useCases: PaymentUpkeep, options: PaymentJobOptions = defaultPaymentJobOptions): { stop: () => void; firstRun: Promise<void> } {
  const onError = options.onError;
  // Without an outage logger the first failure of an outage is reported as an error, once.
  const logger: JobLogger | undefined = options.outageLogger
    ? { ...options.outageLogger, error: (fields, message) => useCases.logger.error(fields, message ?? 'payment jobs failed') }
    : onError && { warn: (_fields, message) => onError(new Error(message)), info: () => undefined, error: () => undefined };
  const scheduler = startScheduler([paymentJob(useCases, options)], logger);
  return { stop: () => void scheduler.stop(), firstRun: scheduler.firstRuns };
}
