// The lifecycle sweep and appointment reminders, every quarter hour and once at start, on the
// scheduler. Safe in every Saxla process at once: the sweep takes its batches of lines with
// `for update skip locked` and a stage only advances by time, and every reminder or notice is
// unique on its outbox dedupe key, so a second process finds the work done or held.
import type { LifecycleUpkeep } from '../services/job-use-cases.ts';
import { startScheduler, type JobLogger, type PeriodicJob } from './scheduler.ts';

export const SWEEP_EVERY_MS = 15 * 60 * 1000;
export const LIFECYCLE_JOB_NAME = 'lifecycle sweep';

export function lifecycleJob(useCases: LifecycleUpkeep, logger: JobLogger, everyMs = SWEEP_EVERY_MS): PeriodicJob {
  return {
    name: LIFECYCLE_JOB_NAME,
    everyMs,
    runAtStart: true,
    run: async () => {
      const at = useCases.now();
      const result = await useCases.sweepLifecycle(at);
      const appointmentReminders = await useCases.remindAppointments(at);
      if (result.total + result.reminders + result.notices + appointmentReminders > 0) {
        logger.info({ moved: result.moved, reminders: result.reminders, notices: result.notices, appointmentReminders }, 'lifecycle sweep');
      }
    },
    // The next tick tries again: a sweep is idempotent, so a missed one only delays messages.
    onError: (error) => logger.error({ err: error }, 'lifecycle sweep failed; retried on the next tick'),
  };
}

/** The sweep on a scheduler of its own. */
export function startLifecycleJobs(useCases: LifecycleUpkeep, logger: JobLogger, everyMs = SWEEP_EVERY_MS): { stop: () => void; firstRun: Promise<void> } {
  const scheduler = startScheduler([lifecycleJob(useCases, logger, everyMs)], logger);
  return { stop: () => void scheduler.stop(), firstRun: scheduler.firstRuns };
}
