// The one timer for periodic work (sweep and reminders, payment reconciliation and expiry): each
// named job runs once at start when asked, then every `everyMs`; a run never overlaps the job's
// previous one; while the database is away the job pauses, says so once, and retries with a
// growing (capped) pause instead of waiting for its next tick. Each job must itself be safe when
// several processes run it at once; its definition says how.
import { createOutageWatch, type OutageLogger } from './database-outage.ts';

export interface JobLogger extends OutageLogger {
  error(fields: object, message?: string): void;
}

export interface PeriodicJob {
  /** Named in log lines: "lifecycle sweep", "payment jobs". */
  readonly name: string;
  readonly everyMs: number;
  /** Run at once when the scheduler starts, not only after the first interval. */
  readonly runAtStart: boolean;
  /** `atStart` is true for the run made when the scheduler starts. */
  run(atStart: boolean): Promise<void>;
  /** Told of a failure other than a database outage; the job runs again on its next tick. */
  readonly onError?: (error: unknown) => void;
}

export interface Scheduler {
  /** Settles when every job's run at start has ended (successfully or not). */
  readonly firstRuns: Promise<void>;
  /** Settles when the named job's run at start has ended (at once for an unknown name). */
  firstRunOf(name: string): Promise<void>;
  stop(): void;
}

interface RunningJob {
  readonly firstRun: Promise<void>;
  stop(): void;
}

function schedule(job: PeriodicJob, logger: JobLogger | undefined): RunningJob {
  const outage = createOutageWatch({ job: job.name, ...(logger ? { logger } : {}) });
  let running = false;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const run = async (atStart: boolean): Promise<void> => {
    // A slow pass (a million-line sweep) must not start a second one beside it.
    if (running || stopped) return;
    running = true;
    try {
      await job.run(atStart);
      outage.succeeded();
    } catch (error) {
      if (outage.failed(error)) {
        // Within seconds of the database's return, not at the next tick. The pass that failed is
        // retried as it was (a run at start keeps asking about everything).
        clearTimeout(retry);
        retry = setTimeout(() => void run(atStart), outage.retryInMs());
        retry.unref();
      } else if (job.onError) {
        job.onError(error);
      } else {
        logger?.error({ err: error, job: job.name }, `${job.name} failed; retried on the next tick`);
      }
    } finally {
      running = false;
    }
  };
  const firstRun = job.runAtStart ? run(true) : Promise.resolve();
  const timer = setInterval(() => void run(false), job.everyMs);
  timer.unref();
  return {
    firstRun,
    stop: () => {
      stopped = true;
      clearInterval(timer);
      clearTimeout(retry);
    },
  };
}

export function startScheduler(jobs: readonly PeriodicJob[], logger?: JobLogger): Scheduler {
  const running = jobs.map((job) => schedule(job, logger));
  return {
    firstRuns: Promise.all(running.map((r) => r.firstRun)).then(() => undefined),
    firstRunOf: async (name) => {
      const index = jobs.findIndex((job) => job.name === name);
      await running[index]?.firstRun;
    },
    stop: () => {
      for (const r of running) r.stop();
    },
  };
}
