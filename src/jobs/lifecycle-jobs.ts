// The lifecycle sweep and appointment reminders, every quarter hour and once at start, on the
// scheduler. Safe in every Saxla process at once: both are idempotent (a stage move and a reminder
// are unique on what caused them) and skip rows another process holds (`for update skip locked`).
import type { Instant } from '../domain/calendar.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Database } from '../db/database.ts';
import { remindAppointments } from '../services/remind-appointments.ts';
import { sweepLifecycle } from '../services/sweep-lifecycle.ts';
import { startScheduler, type JobLogger, type PeriodicJob } from './scheduler.ts';

export const SWEEP_EVERY_MS = 15 * 60 * 1000;
export const LIFECYCLE_JOB_NAME = 'lifecycle sweep';

export interface LifecycleJobDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
}

export function lifecycleJob(deps: LifecycleJobDeps, logger: JobLogger, everyMs = SWEEP_EVERY_MS): PeriodicJob {
  return {
    name: LIFECYCLE_JOB_NAME,
    everyMs,
    runAtStart: true,
    run: async () => {
      const at = deps.now();
      const result = await sweepLifecycle(deps, at);
      const appointmentReminders = await remindAppointments(deps, at);
      if (result.total + result.reminders + result.notices + appointmentReminders > 0) {
        logger.info({ moved: result.moved, reminders: result.reminders, notices: result.notices, appointmentReminders }, 'lifecycle sweep');
      }
    },
    // The next tick tries again: a sweep is idempotent, so a missed one only delays messages.
    onError: (error) => logger.error({ err: error }, 'lifecycle sweep failed; retried on the next tick'),
  };
}

/** The sweep on a scheduler of its own. */
export function startLifecycleJobs(deps: LifecycleJobDeps, logger: JobLogger, everyMs = SWEEP_EVERY_MS): { stop: () => void; firstRun: Promise<void> } {
  const scheduler = startScheduler([lifecycleJob(deps, logger, everyMs)], logger);
  return { stop: () => scheduler.stop(), firstRun: scheduler.firstRuns };
}
