// What happens to an outbox message after the worker hands it to the SMSC: its state from the
// delivery receipts of all its parts, how long to wait before trying again, and what a failure
// means. Pure: the worker and the receipt handler apply these decisions in the database.
import type { ErrorCode } from './errors.ts';
import { receiptStats, type ReceiptStat } from './delivery-receipt.ts';

export type OutboxStatus = 'queued' | 'submitting' | 'submitted' | 'delivered' | 'failed' | 'undeliverable' | 'expired';

export interface DeliveryState {
  readonly status: 'submitted' | 'delivered' | 'undeliverable' | 'expired';
  /** Set for a failed part: "UNDELIV err:001". */
  readonly error?: string;
}

export interface PartReceipt {
  readonly stat: ReceiptStat;
  readonly error: string;
}

function isReceiptStat(value: string): value is ReceiptStat {
  return (receiptStats as readonly string[]).includes(value);
}

/** Reads the part_receipts column ({id: "STAT err"}) back, ignoring anything unreadable. */
export function readPartReceipts(stored: Readonly<Record<string, unknown>>): Map<string, PartReceipt> {
  const parts = new Map<string, PartReceipt>();
  for (const [id, value] of Object.entries(stored)) {
    if (typeof value !== 'string') continue;
    const [stat = '', error = ''] = value.split(' ');
    if (isReceiptStat(stat)) parts.set(id, { stat, error });
  }
  return parts;
}

export function writePartReceipt(receipt: PartReceipt): string {
  return `${receipt.stat} ${receipt.error}`;
}

/**
 * A message is delivered when every part is; one part that failed fails the whole text (the
 * handset cannot show half of it). ACCEPTD and UNKNOWN prove nothing, so the message stays
 * submitted until a final receipt comes.
 */
export function deliveryStateFromReceipts(messageIds: readonly string[], receipts: ReadonlyMap<string, PartReceipt>): DeliveryState {
  let delivered = 0;
  for (const id of messageIds) {
    const part = receipts.get(id);
    if (!part) continue;
    if (part.stat === 'EXPIRED') return { status: 'expired', error: `EXPIRED err:${part.error}` };
    if (part.stat === 'UNDELIV' || part.stat === 'REJECTD' || part.stat === 'DELETED') {
      return { status: 'undeliverable', error: `${part.stat} err:${part.error}` };
    }
    if (part.stat === 'DELIVRD') delivered += 1;
  }
  return messageIds.length > 0 && delivered === messageIds.length ? { status: 'delivered' } : { status: 'submitted' };
}

/**
 * What to do with a message whose submit was refused or never happened:
 * - retry: the SMSC or the network said no for now (throttling, a full queue, a refused part);
 * - give_up: no retry can succeed (the text is too long, the number is not one we can address);
 * - release: it never left this process (shutting down, or the SMSC refused our bind): back to
 *   the queue without counting an attempt.
 */
export type FailureAction = 'retry' | 'give_up' | 'release';

const actionByCode: Partial<Record<ErrorCode, FailureAction>> = {
  SMPP_CLOSED: 'release',
  SMPP_BIND_FAILED: 'release',
  SMS_TOO_LONG: 'give_up',
  INVALID_MSISDN: 'give_up',
  NOT_AZ_MOBILE: 'give_up',
  SMS_PDU_INVALID: 'give_up',
  // The transport refuses the destination or sender as written: no retry changes that.
  VALIDATION_FAILED: 'give_up',
};

export function failureAction(code: ErrorCode | undefined): FailureAction {
  return (code && actionByCode[code]) ?? 'retry';
}

export interface RetryPolicy {
  /** Submits one message may take, counting the first. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 30_000, maxDelayMs: 30 * 60_000 };

/** Wait after the `attempt`-th failed submit: base, 2×base, 4×base … capped. */
export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * A one-time code has done its job once the SMSC has it; the stored copy only helps whoever reads
 * the database. Runs of 4–8 digits standing alone are masked (the code, whatever its length), so
 * "10 minutes" and the check code, which always holds a letter, stay readable.
 */
export function redactOneTimeCodes(body: string): string {
  return body.replace(/(?<![\p{L}\p{N}])\p{Nd}{4,8}(?![\p{L}\p{N}])/gu, (digits) => '•'.repeat(digits.length));
}
