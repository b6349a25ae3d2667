// The lifecycle sweep and appointment reminders on a timer. Both are idempotent and skip rows
// another process holds (`for update skip locked`), so every Saxla process may run them at once.
import type { Instant } from '../domain/calendar.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Database } from '../db/database.ts';
import { remindAppointments } from '../services/remind-appointments.ts';
import { sweepLifecycle } from '../services/sweep-lifecycle.ts';
import { createOutageWatch, type OutageLogger } from './database-outage.ts';

export const SWEEP_EVERY_MS = 15 * 60 * 1000;

export interface LifecycleJobDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
}

export interface LifecycleJobLogger extends OutageLogger {
  error(details: object, message: string): void;
}

export function startLifecycleJobs(deps: LifecycleJobDeps, logger: LifecycleJobLogger, everyMs = SWEEP_EVERY_MS): { stop: () => void; firstRun: Promise<void> } {
  const outage = createOutageWatch({ job: 'lifecycle sweep', logger });
  let running = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const run = async (): Promise<void> => {
    // A slow sweep (a million lines) must not start a second one beside it.
    if (running) return;
    running = true;
    try {
      const at = deps.now();
      const result = await sweepLifecycle(deps, at);
      const appointmentReminders = await remindAppointments(deps, at);
      outage.succeeded();
      if (result.total + result.reminders + result.notices + appointmentReminders > 0) {
        logger.info({ moved: result.moved, reminders: result.reminders, notices: result.notices, appointmentReminders }, 'lifecycle sweep');
      }
    } catch (error) {
      if (outage.failed(error)) {
        // Within seconds of the database's return, not at the next quarter hour: reminders wait.
        clearTimeout(retry);
        retry = setTimeout(() => void run(), outage.retryInMs());
        retry.unref();
      } else {
        // The next tick tries again: a sweep is idempotent, so a missed one only delays messages.
        logger.error({ err: error }, 'lifecycle sweep failed; retried on the next tick');
      }
    } finally {
      running = false;
    }
  };
  const firstRun = run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      clearTimeout(retry);
    },
    firstRun,
  };
}
