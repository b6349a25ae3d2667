// Sends the SMS outbox: claims due messages, hands them to the SMSC, records ids or retries, and
// settles the claims of workers that died. Every Saxla process may run one: claims skip rows
// another holds. A small polling loop over the outbox rather than pg-boss: the outbox row already
// is the job (its state, lease, not_before and attempts change in the same transaction as their
// cause), and a second queue would have to be kept in step with it.
import { randomUUID } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { isDomainError, type ErrorCode } from '../domain/errors.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../domain/sms-delivery.ts';
import { isConnectionError, type Database } from '../db/database.ts';
import {
  claimOutboxSms, reconcileExpiredClaims, recordSmsFailure, recordSmsSubmitted, renewOutboxLeases, type ClaimedSms,
} from '../services/send-outbox.ts';
import { createOutageWatch } from './database-outage.ts';

/** What the worker needs of the SMPP client. */
export interface SmsTransport {
  submit(request: { readonly destination: string; readonly text: string; readonly source?: string }): Promise<{ readonly messageIds: readonly string[]; readonly segments: number }>;
}

export interface WorkerLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** How long the worker keeps trying to record a sent message while the database is away. */
const RECORD_PATIENCE_SHARE = 0.5;

export interface SmsOutboxWorkerOptions {
  readonly db: Database;
  readonly transport: SmsTransport;
  readonly now: () => Instant;
  /** SMS_SENDER. */
  readonly sender: string;
  readonly logger?: WorkerLogger;
  readonly retry?: RetryPolicy;
  /** Messages claimed at once. */
  readonly batchSize?: number;
  /** How long a claim lasts without renewal; renewed every third of it while the SMSC has the message. */
  readonly leaseMs?: number;
  /** Wait between polls when nothing was due. */
  readonly pollMs?: number;
}

export interface RunResult {
  readonly claimed: number;
  readonly submitted: number;
  readonly retried: number;
  readonly failed: number;
  readonly released: number;
}

export interface SmsOutboxWorker {
  /** Polls until stop(). */
  start(): void;
  /** One pass: settle dead claims, claim a batch, send it, record the outcomes. For tests and the loop. */
  runOnce(): Promise<RunResult>;
  /** Polls again now (after an enqueue in this process). */
  wake(): void;
  /** Stops claiming and waits for messages in flight (close the transport to fail the ones still queued). */
  stop(): Promise<void>;
}

function describe(error: unknown): { code: ErrorCode | undefined; message: string } {
  return { code: isDomainError(error) ? error.code : undefined, message: error instanceof Error ? error.message : String(error) };
}

export function createSmsOutboxWorker(options: SmsOutboxWorkerOptions): SmsOutboxWorker {
  const deps = { db: options.db, retry: options.retry ?? DEFAULT_RETRY_POLICY };
  const owner = `${process.pid}:${randomUUID()}`;
  const batchSize = options.batchSize ?? 200;
  const leaseMs = options.leaseMs ?? 120_000;
  const pollMs = options.pollMs ?? 1000;
  const log = options.logger;
  const outage = createOutageWatch({ job: 'SMS sending', ...(log ? { logger: log } : {}) });
  const inFlight = new Set<number>();
  let running = false;
  let loop: Promise<void> | undefined;
  let sleeper: { timer: ReturnType<typeof setTimeout>; resolve: () => void } | undefined;

  // While the SMSC holds a message its claim must not run out, or another process would resend it.
  const renewer = setInterval(() => {
    if (inFlight.size === 0) return;
    renewOutboxLeases(deps, owner, [...inFlight], options.now(), leaseMs)
      .catch((error: unknown) => {
        // During an outage the poll loop has said so once; renewals resume with the database.
        if (!outage.failed(error)) log?.error({ reason: describe(error).message }, 'could not renew SMS claims');
      });
  }, Math.max(50, Math.floor(leaseMs / 3)));
  renewer.unref();

  async function send(claim: ClaimedSms, tally: Record<keyof RunResult, number>): Promise<void> {
    inFlight.add(claim.id);
    try {
      let result: { messageIds: readonly string[]; segments: number };
      try {
        result = await options.transport.submit({ destination: claim.msisdn, text: claim.body, source: options.sender });
      } catch (error) {
        const failure = describe(error);
        const outcome = await recordSmsFailure(deps, claim, owner, failure, options.now());
        if (outcome === 'retry') tally.retried += 1;
        else if (outcome === 'released') tally.released += 1;
        else if (outcome === 'failed') {
          tally.failed += 1;
          // The alert: a row in operator_alerts (written with the state) and this line in the log.
          log?.error({ alert: 'sms_failed', outboxId: claim.id, kind: claim.kind, attempts: claim.attempts, reason: failure.message }, 'SMS could not be sent; giving up');
        }
        return;
      }
      if (await recordPatiently(() => recordSmsSubmitted(deps, claim, owner, result, options.now()))) tally.submitted += 1;
      else log?.warn({ outboxId: claim.id }, 'SMS sent after its claim was taken over; it may arrive twice');
    } catch (error) {
      // The database failed us after the SMSC answered: the lease runs out and the claim is settled later.
      log?.error({ outboxId: claim.id, reason: describe(error).message }, 'could not record an SMS outcome');
    } finally {
      inFlight.delete(claim.id);
    }
  }

  // The SMSC has the message: if the database is away now, an unrecorded submit would be sent again
  // once the claim runs out. So keep trying (the claim stays ours and is renewed when it is back),
  // for up to half a lease; past that, another worker may settle the claim and we give up.
  // (runOnce() called by itself, not start(), never waits: `running` is false.)
  async function recordPatiently<T>(record: () => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + leaseMs * RECORD_PATIENCE_SHARE;
    for (;;) {
      try {
        return await record();
      } catch (error) {
        // A stopping worker does not linger: shutdown must not wait out an outage.
        if (!isConnectionError(error) || !running || Date.now() >= giveUpAt) throw error;
        outage.failed(error);
        await new Promise((resolve) => setTimeout(resolve, outage.retryInMs()));
      }
    }
  }

  async function runOnce(): Promise<RunResult> {
    const tally = { claimed: 0, submitted: 0, retried: 0, failed: 0, released: 0 };
    const settledDead = await reconcileExpiredClaims(deps, options.now());
    if (settledDead.requeued + settledDead.submitted + settledDead.failed > 0) {
      log?.warn({ ...settledDead }, 'settled SMS claims of a stopped worker');
    }
    const claims = await claimOutboxSms(deps, owner, options.now(), leaseMs, batchSize);
    tally.claimed = claims.length;
    await Promise.all(claims.map((claim) => send(claim, tally)));
    return tally;
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { sleeper = undefined; resolve(); }, ms);
      sleeper = { timer, resolve };
    });
  }

  function wake(): void {
    if (!sleeper) return;
    clearTimeout(sleeper.timer);
    const { resolve } = sleeper;
    sleeper = undefined;
    resolve();
  }

  async function poll(): Promise<void> {
    while (running) {
      let full = false;
      let waitMs = pollMs;
      try {
        const result = await runOnce();
        outage.succeeded();
        full = result.claimed >= batchSize;
      } catch (error) {
        // The database away: paused and logged once per outage, polled again soon after it returns.
        if (outage.failed(error)) waitMs = outage.retryInMs();
        else log?.error({ reason: describe(error).message }, 'SMS outbox pass failed');
      }
      if (running && !full) await sleep(waitMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = poll();
    },
    runOnce,
    wake,
    async stop() {
      running = false;
      wake();
      await loop;
      clearInterval(renewer);
    },
  };
}
