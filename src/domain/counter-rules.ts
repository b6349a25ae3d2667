// Rules at the store counter: when an ID check stands behind a sale, and how a number comes back
// from quarantine (a restore: paid plan plus the policy's fee, validity counted from today).
import type { Limit } from './account-rules.ts';
import { addDays, operatorDay, type Instant, type IsoDate } from './calendar.ts';
import { DomainError } from './errors.ts';
import { statusOn } from './lifecycle.ts';
import { isValidIccid, validUntilAfterMonths, type Line, type LineChange, type PlanPurchase } from './line.ts';
import { qepik, type Qepik } from './money.ts';
import type { ValidityPolicy } from './policy.ts';
import type { StaffRole } from './vocabularies.ts';

export const documentTypes = ['passport', 'id_card', 'residence_permit', 'driving_licence'] as const;
export type DocumentType = (typeof documentTypes)[number];

/**
 * Failed staff sign-ins (wrong password or authenticator code, enrolment codes too). Staff accounts
 * open every line's sale, so far tighter than customers': 10 per account in 15 minutes (sliding,
 * so a locked-out agent waits minutes, not a shift); a store's few counters share an address.
 */
export const STAFF_LOGIN_FAILURES_PER_ACCOUNT: readonly Limit[] = [{ max: 10, windowMs: 15 * 60_000 }];
export const STAFF_LOGIN_FAILURES_PER_ADDRESS: readonly Limit[] = [{ max: 100, windowMs: 60 * 60_000 }];

/** An ID check covers sales on that line, at that store, for half an hour. */
export const ID_CHECK_VALID_MS = 30 * 60 * 1000;

export interface IdCheckFacts {
  readonly storeId: string;
  readonly msisdn: string;
  readonly iccidMatches: boolean;
  readonly documentExpires: IsoDate;
  readonly checkedAt: Instant;
}

/** Refuses what an agent types that cannot be a valid check: an expired document, a bad ICCID. */
export function assertCheckableDocument(input: { documentExpires: IsoDate; iccid: string; documentNumber: string }, today: IsoDate): void {
  if (input.documentExpires < today) throw new DomainError('VALIDATION_FAILED', 'the document has expired: it cannot be accepted', [{ path: 'documentExpires', message: 'expired' }]);
  if (!isValidIccid(input.iccid)) throw new DomainError('INVALID_ICCID', 'the ICCID on the SIM is not valid (19–20 digits from 89, Luhn check digit): read it again');
  if (input.documentNumber.replace(/[^A-Za-z0-9]/g, '').length < 5) {
    throw new DomainError('VALIDATION_FAILED', 'the document number is too short', [{ path: 'documentNumber', message: 'at least 5 letters or digits' }]);
  }
}

/** Whether a recorded check allows a sale now; the reason when it does not. */
export function idCheckAllowsSale(check: IdCheckFacts | undefined, sale: { storeId: string; msisdn: string; now: Instant; today: IsoDate }): { ok: true } | { ok: false; reason: string } {
  if (!check) return { ok: false, reason: 'check the customer’s ID document and the SIM first' };
  if (check.storeId !== sale.storeId || check.msisdn !== sale.msisdn) return { ok: false, reason: 'that ID check was for another line or store' };
  if (!check.iccidMatches) return { ok: false, reason: 'the SIM’s ICCID did not match this line' };
  if (check.documentExpires < sale.today) return { ok: false, reason: 'the document has expired' };
  if (sale.now - check.checkedAt > ID_CHECK_VALID_MS) return { ok: false, reason: 'the ID check is older than 30 minutes: check again' };
  return { ok: true };
}

/**
 * A number in quarantine comes back at a store: the payment is credited, the restore fee and the
 * plan charged, and validity runs from today. Only a quarantined line can be restored.
 */
export function restoreWithPayment(line: Line, purchase: PlanPurchase, restoreFee: Qepik, paymentReference: string, today: IsoDate, policy: ValidityPolicy): LineChange {
  if (line.status !== 'quarantine') throw new DomainError('ORDER_STATE_CONFLICT', 'only a number in quarantine is restored; renew this one instead');
  if (!Number.isSafeInteger(purchase.months) || purchase.months < 1 || purchase.months > 24) {
    throw new DomainError('PLAN_DURATION_NOT_OFFERED', 'months must be a whole number from 1 to 24');
  }
  const paid = qepik(purchase.price + restoreFee);
  // The validity restarts from yesterday's end so the months count from today.
  const validUntil = validUntilAfterMonths(addDays(today, -1), today, purchase.months);
  return {
    line: { ...line, validUntil, planCode: purchase.planCode, status: statusOn(validUntil, today, policy) },
    entries: [
      { kind: 'payment', amount: paid, validUntilBefore: line.validUntil, validUntilAfter: line.validUntil, description: `payment ${paymentReference}`, details: { payment: paymentReference } },
      { kind: 'restore_fee', amount: qepik(-restoreFee), validUntilBefore: line.validUntil, validUntilAfter: line.validUntil, description: 'restore from quarantine' },
      {
        kind: 'plan_charge', amount: qepik(-purchase.price), validUntilBefore: line.validUntil, validUntilAfter: validUntil,
        description: `${purchase.planCode} × ${purchase.months} months`, details: { planCode: purchase.planCode, months: purchase.months },
      },
    ],
  };
}

/** How long the agent who issued a receipt may void it alone; later, only a manager. */
export const AGENT_VOID_WINDOW_MS = 10 * 60_000;

export type VoidVerdict = { readonly ok: true } | { readonly ok: false; readonly code: 'FORBIDDEN' | 'VOID_WINDOW_CLOSED'; readonly reason: string };

/**
 * A void reverses a sale in the shift it was made (the same Baku day, before the shift report is
 * closed); afterwards it is a refund for the operator. Managers of the store (and admins) may void
 * any of the shift's receipts; an agent only their own, within AGENT_VOID_WINDOW_MS.
 */
export function mayVoidReceipt(
  receipt: { readonly staffId: string; readonly issuedAt: Instant },
  actor: { readonly id: string; readonly role: StaffRole },
  now: Instant,
): VoidVerdict {
  if (operatorDay(receipt.issuedAt) !== operatorDay(now)) {
    return { ok: false, code: 'VOID_WINDOW_CLOSED', reason: 'a receipt can be voided only in the shift it was issued; ask the operator for a refund' };
  }
  if (actor.role === 'manager' || actor.role === 'admin') return { ok: true };
  // Roles without counter work (support) never issued a receipt, so they void none.
  if (actor.role !== 'agent') return { ok: false, code: 'FORBIDDEN', reason: 'receipts are voided by the store\'s agents and managers' };
  if (receipt.staffId !== actor.id) return { ok: false, code: 'FORBIDDEN', reason: 'an agent voids only their own receipts; ask the store manager' };
  if (now - receipt.issuedAt > AGENT_VOID_WINDOW_MS) {
    return { ok: false, code: 'VOID_WINDOW_CLOSED', reason: `an agent may void a receipt for ${AGENT_VOID_WINDOW_MS / 60_000} minutes after issuing it; ask the store manager` };
  }
  return { ok: true };
}
