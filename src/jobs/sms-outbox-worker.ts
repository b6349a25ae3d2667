// Sends the SMS outbox: claims due messages, hands them to the SMSC, records ids or retries, and
// settles the claims of workers that died. Polled on the scheduler. Every Saxla process may run
// one: claims take rows with `for update skip locked` under a lease, so two workers never hold
// one message. The outbox row is the job (its state, lease, not_before and attempts change in the
// same transaction as their cause), so no second queue has to be kept in step with it.
import { inSpan, SpanKind } from '../tracing.ts';
import { randomUUID } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { isDomainError, type ErrorCode } from '../domain/errors.ts';
import { isDatabaseOutage } from '../services/database-availability.ts';
import type { ClaimedSms, SmsOutboxSteps, SmsSubmitted } from '../services/send-outbox.ts';
import { createBatcher } from '../batching.ts';
import { createOutageWatch } from './database-outage.ts';
import { startScheduler, type Scheduler } from './scheduler.ts';

/** What the worker needs of the SMPP client. */
export interface SmsTransport {
  submit(request: { readonly destination: string; readonly text: string; readonly source?: string }): Promise<{ readonly messageIds: readonly string[]; readonly segments: number }>;
}

export interface WorkerLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

const SMS_JOB_NAME = 'SMS sending';

/** How long the worker keeps trying to record a sent message while the database is away. */
const RECORD_PATIENCE_SHARE = 0.5;

export interface SmsOutboxWorkerOptions {
  /** The outbox's use cases (smsOutboxSteps), with their retry policy. */
  readonly outbox: SmsOutboxSteps;
  readonly transport: SmsTransport;
  readonly now: () => Instant;
  /** SMS_SENDER. */
  readonly sender: string;
  readonly logger?: WorkerLogger;
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
  const { outbox } = options;
  const owner = `${process.pid}:${randomUUID()}`;
  const batchSize = options.batchSize ?? 200;
  const leaseMs = options.leaseMs ?? 120_000;
  const pollMs = options.pollMs ?? 1000;
  const log = options.logger;
  const outage = createOutageWatch({ job: SMS_JOB_NAME, ...(log ? { logger: log } : {}) });
  const inFlight = new Set<number>();
  let running = false;
  let scheduler: Scheduler | undefined;

  // What the SMSC took, recorded in batches: the answers that come while one batch is written go in the next.
  const submitted = createBatcher<SmsSubmitted, boolean>((items) => outbox.recordSubmitted(owner, items, options.now()), batchSize);

  // While the SMSC holds a message its claim must not run out, or another process would resend it.
  const renewer = setInterval(() => {
    if (inFlight.size === 0) return;
    outbox.renewLeases(owner, [...inFlight], options.now(), leaseMs)
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
        // A span per send, tied to what wrote the SMS by its request id (when traces are on).
        result = await inSpan('sms.submit', SpanKind.PRODUCER, { 'saxla.sms.kind': claim.kind, 'saxla.request_id': claim.request_id ?? '' },
          () => options.transport.submit({ destination: claim.msisdn, text: claim.body, source: options.sender }));
      } catch (error) {
        const failure = describe(error);
        const outcome = await outbox.recordFailure(claim, owner, failure, options.now());
        if (outcome === 'retry') tally.retried += 1;
        else if (outcome === 'released') tally.released += 1;
        else if (outcome === 'failed') {
          tally.failed += 1;
          // The alert: a row in operator_alerts (written with the state) and this line in the log.
          log?.error({ alert: 'sms_failed', outboxId: claim.id, kind: claim.kind, attempts: claim.attempts, reason: failure.message, requestId: claim.request_id ?? undefined }, 'SMS could not be sent; giving up');
        }
        return;
      }
      if (await recordPatiently(() => submitted.add({ claim, messageIds: result.messageIds, segments: result.segments }))) {
        tally.submitted += 1;
        // Traceable end to end: the request (or job pass) that wrote this SMS, and what the SMSC took.
        log?.info({ outboxId: claim.id, kind: claim.kind, segments: result.segments, requestId: claim.request_id ?? undefined }, 'SMS submitted');
      }
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
        if (!isDatabaseOutage(error) || !running || Date.now() >= giveUpAt) throw error;
        outage.failed(error);
        await new Promise((resolve) => setTimeout(resolve, outage.retryInMs()));
      }
    }
  }

  async function runOnce(): Promise<RunResult> {
    const tally = { claimed: 0, submitted: 0, retried: 0, failed: 0, released: 0 };
    const settledDead = await outbox.reconcileExpiredClaims(options.now());
    if (settledDead.requeued + settledDead.submitted + settledDead.failed > 0) {
      log?.warn({ ...settledDead }, 'settled SMS claims of a stopped worker');
    }
    const claims = await outbox.claim(owner, options.now(), leaseMs, batchSize);
    tally.claimed = claims.length;
    await Promise.all(claims.map((claim) => send(claim, tally)));
    return tally;
  }

  return {
    start() {
      if (running) return;
      running = true;
      // The scheduler pauses through an outage with this worker's own watch, which also hears of
      // failed lease renewals and recordings, so an outage is told once whoever meets it first.
      scheduler = startScheduler([{
        name: SMS_JOB_NAME,
        everyMs: pollMs,
        runAtStart: true,
        outage,
        // A full batch means more may be due: poll again at once.
        run: async () => ((await runOnce()).claimed >= batchSize ? 'more' : undefined),
        onError: (error) => log?.error({ reason: describe(error).message }, 'SMS outbox pass failed'),
      }], log);
    },
    runOnce,
    wake() {
      scheduler?.wake(SMS_JOB_NAME);
    },
    async stop() {
      running = false;
      await scheduler?.stop();
      clearInterval(renewer);
    },
  };
}
