// Reversing a paid renewal or top-up when the operator refunds an order. The ledger is append-
// only, so the reversal is new `refund` entries. The extension is pulled back only while it is
// still unused: the line's validity end is exactly what this order set (nothing extended it
// since); otherwise the days stay, and the operator sees that in the result.
import type { IsoDate } from './calendar.ts';
import { DomainError } from './errors.ts';
import { statusOn } from './lifecycle.ts';
import type { LineChange, Line } from './line.ts';
import { qepik, subtractQepik, type Qepik } from './money.ts';
import type { ValidityPolicy } from './policy.ts';

export interface AppliedPayment {
  readonly kind: 'renewal' | 'top_up';
  readonly amount: Qepik;
  /** The line's validity end before and after the order extended it. */
  readonly validUntilBefore: IsoDate;
  readonly validUntilAfter: IsoDate;
}

export interface Reversal extends LineChange {
  readonly pulledBack: boolean;
}

export function reverseOrderPayment(line: Line, applied: AppliedPayment, reference: string, today: IsoDate, policy: ValidityPolicy): Reversal {
  if (applied.amount < 0) throw new DomainError('INVALID_AMOUNT', 'a refund cannot be negative');
  const pulledBack = line.validUntil === applied.validUntilAfter && applied.validUntilAfter !== applied.validUntilBefore;
  const validUntil = pulledBack ? applied.validUntilBefore : line.validUntil;
  const status = statusOn(validUntil, today, policy);
  if (applied.kind === 'top_up') {
    // The top-up credited the balance; what has been spent cannot go back to the card.
    if (line.balance < applied.amount) throw new DomainError('INSUFFICIENT_BALANCE', 'part of this top-up has been spent; refund it by hand');
    return {
      pulledBack,
      line: { ...line, balance: subtractQepik(line.balance, applied.amount), validUntil, status },
      entries: [{ kind: 'refund', amount: qepik(-applied.amount), validUntilBefore: line.validUntil, validUntilAfter: validUntil, description: `top-up refunded ${reference}`, details: { reverses: 'top_up' } }],
    };
  }
  // A renewal credited the payment and charged the plan in one breath; both are reversed.
  return {
    pulledBack,
    line: { ...line, validUntil, status },
    entries: [
      { kind: 'refund', amount: applied.amount, validUntilBefore: line.validUntil, validUntilAfter: validUntil, description: `plan charge reversed ${reference}`, details: { reverses: 'plan_charge' } },
      { kind: 'refund', amount: qepik(-applied.amount), validUntilBefore: validUntil, validUntilAfter: validUntil, description: `payment returned ${reference}`, details: { reverses: 'payment' } },
    ],
  };
}
