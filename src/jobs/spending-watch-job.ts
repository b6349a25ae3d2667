// The spending watch on the scheduler: every five minutes and once at start, it looks at the lines
// whose ledger was written since its last look (budget's 80 % SMS, anomaly alerts). Safe in every
// Saxla process at once: the window is taken under a row lock and every alert and SMS is unique.
import type { WatchResult } from '../services/watch-spending.ts';
import type { JobLogger, PeriodicJob } from './scheduler.ts';

export const SPENDING_WATCH_JOB_NAME = 'spending watch';
export const SPENDING_WATCH_EVERY_MS = 5 * 60 * 1000;

export interface SpendingUpkeep {
  watchSpending(): Promise<WatchResult>;
}

export function spendingWatchJob(useCases: SpendingUpkeep, logger: JobLogger, everyMs = SPENDING_WATCH_EVERY_MS): PeriodicJob {
  return {
    name: SPENDING_WATCH_JOB_NAME,
    everyMs,
    runAtStart: true,
    run: async () => {
      const result = await useCases.watchSpending();
      if (result.budgetAlerts + result.anomalies > 0) logger.info({ ...result }, 'spending watch');
      return undefined;
    },
    // A missed pass is caught up by the next: the window only moves when a pass took it, and
    // the lines it named are looked at again within the overlap.
    onError: (error) => logger.error({ err: error }, 'spending watch failed; tried again at its next turn'),
  };
}
