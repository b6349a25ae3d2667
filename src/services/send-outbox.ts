// The outbox worker's steps, each one short transaction: claim due messages under a lease, record
// what the SMSC said, and settle the claims of a worker that died.
//
// Delivery to the SMSC is at least once, narrowed as far as the protocol allows. A claim is written
// (status 'submitting', lease) before anything is sent, so no second worker can take the message
// while its owner lives; the owner renews the lease while the SMSC has the message. If the owner
// dies, its claim is settled when the lease runs out: with message ids recorded the SMSC has it
// (submitted, never resent); without, we cannot tell "never sent" from "sent, answer lost", and we
// send again. At most once would mean losing a one-time code or a reminder the customer needs
// whenever a process stops at the wrong moment; a rare duplicate costs less. The window is the
// time between the SMSC's answer and our write: milliseconds.
import type { Instant } from '../domain/calendar.ts';
import { isLocale } from '../domain/money.ts';
import { smsTextForLine } from '../domain/sms-cost.ts';
import { DEFAULT_SMS_QUIET_HOURS, kindsHeldInQuietHours, parseQuietHours, quietHoursEnd, type QuietHours } from '../domain/sms-quiet-hours.ts';
import type { ErrorCode } from '../domain/errors.ts';
import { DEFAULT_RETRY_POLICY, failureAction, redactOneTimeCodes, retryDelayMs, type RetryPolicy } from '../domain/sms-delivery.ts';
import type { Database } from '../db/database.ts';
import {
  claimDue, deferDue, rewriteBodies, lockExpiredClaims, lockMessageIds, markFailed, markSubmittedMany, pruneUnmatchedReceipts, renewLeases, requeue,
  settleAsSubmitted, type ClaimedSms,
} from '../db/sms-outbox-repository.ts';
import { applyWaitingReceipts } from './record-delivery-receipt.ts';

export interface OutboxDeps {
  readonly db: Database;
  readonly retry: RetryPolicy;
  /** SMS_QUIET_HOURS; unset: the default window (22:00-09:00 Baku). */
  readonly quietHours?: QuietHours;
}

const defaultQuietHours = parseQuietHours(DEFAULT_SMS_QUIET_HOURS).quietHours;

export type { ClaimedSms };

/**
 * Claims due messages. Quiet hours are applied here, when a message would go, not when it was
 * written: a reminder queued at 21:59, a retry falling due at 23:00 or a backlog after an outage
 * wait just the same. Held kinds that fell due are moved to the window's end in the same
 * transaction, so the claim never sees them and later polls do not scan them again.
 */
export function claimOutboxSms(deps: OutboxDeps, owner: string, now: Instant, leaseMs: number, limit: number): Promise<ClaimedSms[]> {
  const quietUntil = quietHoursEnd(deps.quietHours ?? defaultQuietHours, now);
  return deps.db.tx(async (sql) => {
    if (quietUntil !== undefined) await deferDue(sql, new Date(now), kindsHeldInQuietHours, new Date(quietUntil));
    const rows = await claimDue(sql, new Date(now), owner, new Date(now + leaseMs), limit);
    // A line that chose Latin letters gets its Azerbaijani SMS so, whichever use case wrote them;
    // the stored body becomes the text sent, so the record shows what the customer received.
    const claims: ClaimedSms[] = [];
    const rewritten: { id: number; body: string }[] = [];
    for (const { language, az_latin: azLatin, ...claim } of rows) {
      const body = isLocale(language) ? smsTextForLine(claim.body, language, azLatin) : claim.body;
      if (body !== claim.body) rewritten.push({ id: claim.id, body });
      claims.push({ ...claim, body });
    }
    await rewriteBodies(sql, rewritten);
    return claims;
  });
}

export function renewOutboxLeases(deps: OutboxDeps, owner: string, ids: readonly number[], now: Instant, leaseMs: number): Promise<number> {
  return deps.db.tx((sql) => renewLeases(sql, ids, owner, new Date(now + leaseMs)));
}

export interface SmsSubmitted {
  readonly claim: ClaimedSms;
  readonly messageIds: readonly string[];
  readonly segments: number;
}

/**
 * The SMSC accepted every part of these messages: ids and parts recorded in one transaction, each
 * answered true, or false when its claim was taken over meanwhile. A one-time code's digits leave
 * the table as they leave us. Receipts that overtook their message's ids are applied now.
 */
export async function recordSmsSubmittedMany(deps: OutboxDeps, owner: string, submits: readonly SmsSubmitted[], now: Instant): Promise<boolean[]> {
  if (submits.length === 0) return [];
  return deps.db.tx(async (sql) => {
    await lockMessageIds(sql, submits.flatMap((s) => s.messageIds));
    const held = await markSubmittedMany(sql, owner, submits.map((s) => ({
      id: s.claim.id, messageIds: s.messageIds, segments: s.segments, body: s.claim.kind === 'otp' ? redactOneTimeCodes(s.claim.body) : s.claim.body,
    })), new Date(now));
    await applyWaitingReceipts(sql, submits.filter((s) => held.has(s.claim.id)).map((s) => ({ id: s.claim.id, messageIds: s.messageIds })), now);
    return submits.map((s) => held.has(s.claim.id));
  });
}

export type FailureOutcome = 'retry' | 'failed' | 'released' | 'lost_claim';

/**
 * The submit was refused or never happened. Retries wait base × 2^(attempt-1); after the last
 * attempt, or for an error no retry can mend, the message fails and leaves an alert.
 */
export async function recordSmsFailure(
  deps: OutboxDeps, claim: ClaimedSms, owner: string, failure: { code: ErrorCode | undefined; message: string }, now: Instant,
): Promise<FailureOutcome> {
  const action = failureAction(failure.code);
  const error = `${failure.code ?? 'ERROR'}: ${failure.message}`.slice(0, 500);
  return deps.db.tx(async (sql) => {
    if (action === 'release') {
      // Never left this process: try again soon, without spending an attempt.
      return await requeue(sql, claim.id, owner, new Date(now + deps.retry.baseDelayMs), error, false) ? 'released' : 'lost_claim';
    }
    if (action === 'retry' && claim.attempts < deps.retry.maxAttempts) {
      const wait = retryDelayMs(claim.attempts, deps.retry);
      return await requeue(sql, claim.id, owner, new Date(now + wait), error, true) ? 'retry' : 'lost_claim';
    }
    const body = claim.kind === 'otp' ? redactOneTimeCodes(claim.body) : null;
    return await markFailed(sql, claim.id, owner, error, body, new Date(now)) ? 'failed' : 'lost_claim';
  });
}

export interface ReconcileResult {
  readonly submitted: number;
  readonly requeued: number;
  readonly failed: number;
}

/** Claims whose lease ran out: their worker died. See the file's comment for the choice made here. */
export async function reconcileExpiredClaims(deps: OutboxDeps, now: Instant, limit = 500): Promise<ReconcileResult> {
  return deps.db.tx(async (sql) => {
    let submitted = 0;
    let requeued = 0;
    let failed = 0;
    for (const claim of await lockExpiredClaims(sql, new Date(now), limit)) {
      if (claim.has_ids) {
        await settleAsSubmitted(sql, claim.id, new Date(now));
        submitted += 1;
      } else if (claim.attempts < deps.retry.maxAttempts) {
        await requeue(sql, claim.id, null, new Date(now), 'worker stopped before recording the submit', true);
        requeued += 1;
      } else {
        const body = claim.kind === 'otp' ? redactOneTimeCodes(claim.body) : null;
        await markFailed(sql, claim.id, null, 'worker stopped before recording the submit, attempts exhausted', body, new Date(now));
        failed += 1;
      }
    }
    await pruneUnmatchedReceipts(sql, new Date(now - 7 * 86_400_000));
    return { submitted, requeued, failed };
  });
}

/** The worker's steps bound to their dependencies: src/jobs polls with these and never sees the database. */
export interface SmsOutboxSteps {
  claim(owner: string, now: Instant, leaseMs: number, limit: number): Promise<ClaimedSms[]>;
  renewLeases(owner: string, ids: readonly number[], now: Instant, leaseMs: number): Promise<number>;
  /** Many submits in one transaction: the worker gathers those the SMSC answered while the last batch was written. */
  recordSubmitted(owner: string, submits: readonly SmsSubmitted[], now: Instant): Promise<boolean[]>;
  recordFailure(claim: ClaimedSms, owner: string, failure: { code: ErrorCode | undefined; message: string }, now: Instant): Promise<FailureOutcome>;
  reconcileExpiredClaims(now: Instant): Promise<ReconcileResult>;
}

export function smsOutboxSteps(deps: { readonly db: Database; readonly retry?: RetryPolicy; readonly quietHours?: QuietHours }): SmsOutboxSteps {
  const bound: OutboxDeps = { db: deps.db, retry: deps.retry ?? DEFAULT_RETRY_POLICY, quietHours: deps.quietHours ?? defaultQuietHours };
  return {
    claim: (owner, now, leaseMs, limit) => claimOutboxSms(bound, owner, now, leaseMs, limit),
    renewLeases: (owner, ids, now, leaseMs) => renewOutboxLeases(bound, owner, ids, now, leaseMs),
    recordSubmitted: (owner, submits, now) => recordSmsSubmittedMany(bound, owner, submits, now),
    recordFailure: (claim, owner, failure, now) => recordSmsFailure(bound, claim, owner, failure, now),
    reconcileExpiredClaims: (now) => reconcileExpiredClaims(bound, now),
  };
}
