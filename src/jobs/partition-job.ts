// Partition upkeep on the scheduler: at start and every six hours, the months ahead of the ledger,
// the outbox and usage are made and old months past their retention dropped. Safe in every Saxla
// process at once: the upkeep runs under one advisory lock, and a second pass finds nothing to do.
import type { PartitionUpkeepResult } from '../services/maintain-partitions.ts';
import type { JobLogger, PeriodicJob } from './scheduler.ts';

export const PARTITION_JOB_NAME = 'partitions';
export const PARTITION_EVERY_MS = 6 * 60 * 60 * 1000;

export interface PartitionUpkeep {
  maintainPartitions(): Promise<PartitionUpkeepResult>;
}

export function partitionJob(useCases: PartitionUpkeep, logger: JobLogger, everyMs = PARTITION_EVERY_MS): PeriodicJob {
  return {
    name: PARTITION_JOB_NAME,
    everyMs,
    runAtStart: true,
    run: async () => {
      const result = await useCases.maintainPartitions();
      if (result.created + result.dropped.length + result.smsKeysForgotten > 0) logger.info({ ...result }, 'partitions');
      return undefined;
    },
    // Three months are made ahead and a default partition catches any row before its month
    // exists, so a failed pass (a lock not had in time) only waits for the next one.
    onError: (error) => logger.error({ err: error }, 'partition upkeep failed; tried again at its next turn'),
  };
}
