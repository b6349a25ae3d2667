// The use cases the periodic jobs run, bound to their dependencies once by the composition root,
// so src/jobs calls use cases and never holds the database.
import type { Instant } from '../domain/calendar.ts';
import { expireOrders, type ExpireDeps } from './expire-orders.ts';
import type { Logger } from './logger.ts';
import { reconcilePendingPayments, type ReconcileResult } from './reconcile-pending-payments.ts';
import { remindAppointments } from './remind-appointments.ts';
import { sweepLifecycle, type SweepDeps, type SweepResult } from './sweep-lifecycle.ts';

export interface PaymentUpkeep {
  reconcilePendingPayments(options: { readonly olderThanMs: number }): Promise<ReconcileResult>;
  expireOrders(): Promise<{ readonly expired: number; readonly settled: number }>;
  readonly logger: Logger;
}

export function bindPaymentUpkeep(deps: ExpireDeps): PaymentUpkeep {
  return {
    reconcilePendingPayments: (options) => reconcilePendingPayments(deps, options),
    expireOrders: () => expireOrders(deps),
    logger: deps.logger,
  };
}

export interface LifecycleUpkeep {
  readonly now: () => Instant;
  sweepLifecycle(at: Instant): Promise<SweepResult>;
  /** Returns how many reminders it queued. */
  remindAppointments(at: Instant): Promise<number>;
}

export function bindLifecycleUpkeep(deps: SweepDeps & { readonly now: () => Instant }): LifecycleUpkeep {
  return {
    now: deps.now,
    sweepLifecycle: (at) => sweepLifecycle(deps, at),
    remindAppointments: (at) => remindAppointments(deps, at),
  };
}
