// How a background job lives through a database outage: it pauses, says so once (not on every
// tick), tries again after a growing pause, and says once that it resumed. The pause is capped so
// work starts again within seconds of the database's return.
import { isDatabaseOutage } from '../services/database-availability.ts';

export interface OutageLogger {
  warn(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
}

export interface OutageWatch {
  /** True when `error` means the database is away; the first such error of an outage is logged. */
  failed(error: unknown): boolean;
  /** A pass went through: ends the outage (logged once) and resets the pause. */
  succeeded(): void;
  /** How long to wait before the next try while the database is away. */
  retryInMs(): number;
  readonly down: boolean;
}

export interface OutageWatchOptions {
  /** Named in the log lines: "payment jobs", "SMS sending". */
  readonly job: string;
  readonly logger?: OutageLogger;
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
  /** For tests; the wall clock otherwise (the outage's length is only logged). */
  readonly clock?: () => number;
}

export function createOutageWatch(options: OutageWatchOptions): OutageWatch {
  const firstRetryMs = options.firstRetryMs ?? 500;
  const maxRetryMs = options.maxRetryMs ?? 4000;
  const clock = options.clock ?? Date.now;
  let since: number | undefined;
  let failures = 0;
  return {
    failed(error) {
      if (!isDatabaseOutage(error)) return false;
      failures += 1;
      if (since === undefined) {
        since = clock();
        const reason = error instanceof Error ? error.message : String(error);
        options.logger?.warn({ job: options.job, reason }, `database unavailable: ${options.job} paused until it answers`);
      }
      return true;
    },
    succeeded() {
      if (since === undefined) return;
      options.logger?.info({ job: options.job, downMs: clock() - since, failedTries: failures }, `database back: ${options.job} resumed`);
      since = undefined;
      failures = 0;
    },
    retryInMs() {
      return Math.min(maxRetryMs, firstRetryMs * 2 ** Math.max(0, failures - 1));
    },
    get down() {
      return since !== undefined;
    },
  };
}
