// The one path by which balance or validity changes: lock the line, replay a known idempotency
// key, or decide with the domain and save operation + entries + line together. Every channel's
// top-up, renewal and refund goes through here, inside the caller's transaction.
import type { Instant } from '../domain/calendar.ts';
import { operatorDay, type IsoDate } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { Line, LineChange } from '../domain/line.ts';
import type { ScheduledPlan } from '../domain/plan-change.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import { isUniqueViolation, RetryTransaction, type Sql } from '../db/database.ts';
import { lockLineWithOperation, lockLinesWithOperations, saveLineChange, saveLineChanges, type LineChangeToSave } from '../db/line-repository.ts';
import { outboxRow, type SmsToSend } from './enqueue-sms.ts';

export interface LineChangeRequest<R> {
  readonly msisdn: Msisdn;
  /** What caused the change, unique forever: "admin-top-up:<key>", "order:<id>", "ussd:<session>". */
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly kind: string;
  readonly reference: string | null;
  readonly cause: string;
  readonly now: Instant;
  readonly policy: ValidityPolicy;
  /** `scheduled`: the plan the line will switch to on a later day, if any (renewals decide with it). */
  readonly decide: (line: Line, today: IsoDate, scheduled: ScheduledPlan | null) => { readonly change: LineChange; readonly result: R };
  /** The SMS that tells the customer, written in the same statement as the change (never without it). */
  readonly confirmation?: (change: LineChange, result: R) => SmsToSend;
  /** The change is the last thing the caller's transaction does: its commit is sent with the change's write. */
  readonly endsTransaction?: boolean;
}

export interface LineChangeOutcome<R> {
  readonly result: R;
  /** True when the key was seen before and nothing changed this time. */
  readonly replayed: boolean;
}

export async function applyLineChange<R>(sql: Sql, request: LineChangeRequest<R>): Promise<LineChangeOutcome<R>> {
  const { line, operation, scheduled } = await lockLineWithOperation(sql, request.msisdn, request.idempotencyKey);
  if (operation) {
    if (operation.requestHash !== request.requestHash || operation.msisdn !== request.msisdn) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used before with a different request');
    }
    return { result: operation.result as R, replayed: true };
  }
  if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${request.msisdn}`);
  const today = operatorDay(request.now);
  const { change, result } = request.decide(line, today, scheduled ?? null);
  try {
    const sms = request.confirmation ? outboxRow(request.confirmation(change, result), request.now) : null;
    await saveLineChange(sql, line, change.line, change.entries, {
      idempotencyKey: request.idempotencyKey,
      requestHash: request.requestHash,
      kind: request.kind,
      reference: request.reference,
      policyVersion: request.policy.version,
      result,
      at: new Date(request.now),
      cause: request.cause,
    }, sms, change.planSchedule, request.endsTransaction ?? false);
  } catch (error) {
    // Another transaction committed this key after our snapshot was taken (the line's lock made us
    // wait for it, but the statement that read the key had already looked), or the same key came
    // at the same moment for another line. Run again: the new snapshot sees it, and the request
    // is replayed (same request) or refused (another one).
    if (isUniqueViolation(error, 'ledger_operation_keys_pkey')) {
      throw new RetryTransaction('the same idempotency key was committed meanwhile');
    }
    throw error;
  }
  return { result, replayed: false };
}

/**
 * applyLineChange for many lines at once, with the same rules (one request per line): every line
 * locked and every key looked up in one statement, every change written in another. For batch
 * feeds (usage rating), where a round trip per line would cost more than the batch itself.
 */
export async function applyLineChanges<R>(sql: Sql, requests: readonly LineChangeRequest<R>[]): Promise<LineChangeOutcome<R>[]> {
  if (requests.length === 0) return [];
  if (new Set(requests.map((r) => r.msisdn)).size !== requests.length || new Set(requests.map((r) => r.idempotencyKey)).size !== requests.length) {
    throw new Error('applyLineChanges takes one request per line, each with its own key');
  }
  const found = await lockLinesWithOperations(sql, requests);
  const saves: LineChangeToSave[] = [];
  // One batch shares one moment: the Baku day is worked out once, not per line.
  const days = new Map<Instant, IsoDate>();
  const dayOf = (now: Instant): IsoDate => days.get(now) ?? days.set(now, operatorDay(now)).get(now) ?? operatorDay(now);
  const outcomes = requests.map((request): LineChangeOutcome<R> => {
    const { line, operation } = found.get(request.idempotencyKey) ?? {};
    if (operation) {
      if (operation.requestHash !== request.requestHash || operation.msisdn !== request.msisdn) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'this idempotency key was used before with a different request');
      }
      return { result: operation.result as R, replayed: true };
    }
    if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${request.msisdn}`);
    // Batches carry usage charges, which never touch plans: no scheduled plan is read or written.
    const { change, result } = request.decide(line, dayOf(request.now), null);
    if (change.planSchedule !== undefined) throw new Error('applyLineChanges does not schedule plans; renew through applyLineChange');
    const sms = request.confirmation ? outboxRow(request.confirmation(change, result), request.now) : null;
    saves.push({
      before: line, after: change.line, entries: change.entries, sms,
      op: {
        idempotencyKey: request.idempotencyKey, requestHash: request.requestHash, kind: request.kind, reference: request.reference,
        policyVersion: request.policy.version, result, at: new Date(request.now), cause: request.cause,
      },
    });
    return { result, replayed: false };
  });
  try {
    await saveLineChanges(sql, saves);
  } catch (error) {
    // As in applyLineChange: a key committed meanwhile is seen by the next attempt.
    if (isUniqueViolation(error, 'ledger_operation_keys_pkey')) {
      throw new RetryTransaction('the same idempotency key was committed meanwhile');
    }
    throw error;
  }
  return outcomes;
}
