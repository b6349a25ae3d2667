// The one timer for periodic work (the sweep and reminders, payment reconciliation and expiry, the
// SMS outbox): each named job runs once at start when asked, then `everyMs` after its previous
// pass ended, so a pass never overlaps the job's last one. A job that reports more work runs again
// at once; wake() runs one now. While the database is away the job pauses, says so once, and retries
// with a growing (capped) pause instead of waiting for its next turn. Each job must itself be safe
// when several processes run it at once; its definition says how.
import { newJobRunId, runWithRequestId } from '../request-context.ts';
import { inSpan, SpanKind } from '../tracing.ts';
import { createOutageWatch, type OutageLogger, type OutageWatch } from './database-outage.ts';

export interface JobLogger extends OutageLogger {
  error(fields: object, message?: string): void;
}

/** What a pass may ask for: 'more' runs the next pass at once (a full batch was taken). */
export type PassOutcome = 'more' | undefined;

export interface PeriodicJob {
  /** Named in log lines: "lifecycle sweep", "payment jobs". */
  readonly name: string;
  readonly everyMs: number;
  /** Run at once when the scheduler starts, not only after the first wait. */
  readonly runAtStart: boolean;
  /** `atStart` is true for the pass made when the scheduler starts (and its retries). */
  run(atStart: boolean): Promise<PassOutcome>;
  /** Told of a failure other than a database outage; the job runs again at its next turn. */
  readonly onError?: (error: unknown) => void;
  /** The job's own outage watch, when the job also reports outages outside its passes. */
  readonly outage?: OutageWatch;
}

export interface Scheduler {
  /** Settles when every job's pass at start has ended (successfully or not). */
  readonly firstRuns: Promise<void>;
  /** Settles when the named job's pass at start has ended (at once for an unknown name). */
  firstRunOf(name: string): Promise<void>;
  /** Runs the named job now (after the pass under way, if any). */
  wake(name: string): void;
  /** No new passes; settles when the passes under way have ended. */
  stop(): Promise<void>;
}

interface ScheduledJob {
  readonly firstRun: Promise<void>;
  wake(): void;
  stop(): Promise<void>;
}

function schedule(job: PeriodicJob, logger: JobLogger | undefined): ScheduledJob {
  const outage = job.outage ?? createOutageWatch({ job: job.name, ...(logger ? { logger } : {}) });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> | undefined;
  let wokenDuringPass = false;

  const later = (ms: number, atStart: boolean): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void start(atStart), ms);
    timer.unref();
  };

  const pass = async (atStart: boolean): Promise<void> => {
    wokenDuringPass = false;
    let nextInMs = job.everyMs;
    let nextAtStart = false;
    try {
      // Each pass has an id of its own: its log lines and the SMS it writes carry it.
      const outcome = await runWithRequestId(newJobRunId(job.name), () => inSpan(`job ${job.name}`, SpanKind.INTERNAL, {}, () => job.run(atStart)));
      outage.succeeded();
      if (outcome === 'more') nextInMs = 0;
    } catch (error) {
      if (outage.failed(error)) {
        // Within seconds of the database's return, not at the next turn; a pass at start keeps
        // its meaning (it asks about everything) until it goes through.
        nextInMs = outage.retryInMs();
        nextAtStart = atStart;
      } else if (job.onError) {
        job.onError(error);
      } else {
        logger?.error({ err: error, job: job.name }, `${job.name} failed; tried again at its next turn`);
      }
    }
    if (wokenDuringPass && !outage.down) nextInMs = 0;
    later(nextInMs, nextAtStart);
  };

  const start = (atStart: boolean): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (current) {
      wokenDuringPass = true;
      return current;
    }
    clearTimeout(timer);
    current = pass(atStart).finally(() => { current = undefined; });
    return current;
  };

  if (!job.runAtStart) later(job.everyMs, false);
  return {
    firstRun: job.runAtStart ? start(true) : Promise.resolve(),
    wake: () => void start(false),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

export function startScheduler(jobs: readonly PeriodicJob[], logger?: JobLogger): Scheduler {
  const names = new Set(jobs.map((job) => job.name));
  if (names.size !== jobs.length) throw new Error('two scheduled jobs share a name');
  const scheduled = new Map(jobs.map((job) => [job.name, schedule(job, logger)]));
  return {
    firstRuns: Promise.all([...scheduled.values()].map((s) => s.firstRun)).then(() => undefined),
    firstRunOf: async (name) => {
      await scheduled.get(name)?.firstRun;
    },
    wake: (name) => scheduled.get(name)?.wake(),
    stop: async () => {
      await Promise.all([...scheduled.values()].map((s) => s.stop()));
    },
  };
}
