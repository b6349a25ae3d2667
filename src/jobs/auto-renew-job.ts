// Auto-renew and auto top-up on the scheduler: every five minutes (runs themselves wait for 09:00
// in Baku), and once at start, which is when a charge left in flight by a stopped process is
// settled. Safe in every Saxla process at once: a line's run is decided under its setting's row
// lock and is unique per line and period, so two processes, or two passes, charge once.
import type { AutoRenewPassResult } from '../services/run-auto-renewals.ts';
import type { JobLogger, PeriodicJob } from './scheduler.ts';

export const AUTO_RENEW_JOB_NAME = 'auto-renew';
export const AUTO_RENEW_EVERY_MS = 5 * 60 * 1000;

export interface AutoRenewUpkeep {
  runAutoRenewals(): Promise<AutoRenewPassResult>;
}

export function autoRenewJob(useCases: AutoRenewUpkeep, logger: JobLogger, everyMs = AUTO_RENEW_EVERY_MS): PeriodicJob {
  return {
    name: AUTO_RENEW_JOB_NAME,
    everyMs,
    runAtStart: true,
    run: async () => {
      const result = await useCases.runAutoRenewals();
      if (result.charged + result.declined + result.held + result.pending > 0) logger.info({ ...result }, 'auto-renew');
      return undefined;
    },
    // A missed pass only delays a run: the next one finds the same periods due.
    onError: (error) => logger.error({ err: error }, 'auto-renew pass failed; tried again at its next turn'),
  };
}
