// Balance transfers between lines (issue 13): who may receive, the policy's limits, and the two
// ledger changes (money leaves one line and arrives on the other, validity untouched). Pure: the
// service loads both lines locked, what the source sent today, and the relation between them.
import type { Line, LineChange } from './line.ts';
import { addQepik, qepik, subtractQepik, type Qepik } from './money.ts';
import type { BalanceTransferLimits } from './policy.ts';

/**
 * How the recipient is tied to the payer: a line on the payer's own account, a member of a group
 * the payer runs (family, multi-SIM), or nothing. Only `none` is refused; a group relation is
 * accepted as soon as groups report it.
 */
export type TransferRelation = 'own_line' | 'group_member' | 'none';

export type TransferRefusal =
  | 'TRANSFER_SAME_LINE'
  | 'TRANSFER_RECIPIENT_NOT_ALLOWED'
  | 'TRANSFER_LINE_CLOSED'
  | 'TRANSFER_BELOW_MINIMUM'
  | 'INSUFFICIENT_BALANCE'
  | 'TRANSFER_LEAVES_TOO_LITTLE'
  | 'TRANSFER_DAILY_CAP';

export interface TransferCheck {
  readonly from: Line;
  readonly to: Line;
  readonly amount: Qepik;
  /** What the source line has sent in completed transfers this Baku day. */
  readonly sentToday: Qepik;
  readonly relation: TransferRelation;
  readonly limits: BalanceTransferLimits;
}

export type TransferDecision =
  | { readonly ok: true }
  | { readonly ok: false; readonly refusal: TransferRefusal; /** The most that could be sent now, when a limit decided. */ readonly mostNow?: Qepik };

/** A number on its way to someone else neither sends nor receives: it would feed a stranger. */
function closed(line: Line): boolean {
  return line.status === 'quarantine' || line.status === 'recyclable';
}

/** What the source could send now: under its balance less what stays, and under today's cap. */
export function mostTransferableNow(from: Line, sentToday: Qepik, limits: BalanceTransferLimits): Qepik {
  const byBalance = subtractQepik(from.balance, limits.minLeftBehind);
  const byCap = subtractQepik(limits.dailyCapPerLine, sentToday);
  return qepik(Math.max(0, Math.min(byBalance, byCap)));
}

export function checkTransfer(check: TransferCheck): TransferDecision {
  const { from, to, amount, sentToday, relation, limits } = check;
  if (from.msisdn === to.msisdn) return { ok: false, refusal: 'TRANSFER_SAME_LINE' };
  if (relation === 'none') return { ok: false, refusal: 'TRANSFER_RECIPIENT_NOT_ALLOWED' };
  if (closed(from) || closed(to)) return { ok: false, refusal: 'TRANSFER_LINE_CLOSED' };
  if (!Number.isSafeInteger(amount) || amount < limits.minAmount) return { ok: false, refusal: 'TRANSFER_BELOW_MINIMUM' };
  const mostNow = mostTransferableNow(from, sentToday, limits);
  if (amount > from.balance) return { ok: false, refusal: 'INSUFFICIENT_BALANCE', mostNow };
  if (subtractQepik(from.balance, amount) < limits.minLeftBehind) return { ok: false, refusal: 'TRANSFER_LEAVES_TOO_LITTLE', mostNow };
  if (addQepik(sentToday, amount) > limits.dailyCapPerLine) return { ok: false, refusal: 'TRANSFER_DAILY_CAP', mostNow };
  return { ok: true };
}

/** The money leaving the source line; the entry names the recipient. */
export function transferOut(from: Line, to: Line, amount: Qepik): LineChange {
  return {
    line: { ...from, balance: subtractQepik(from.balance, amount) },
    entries: [{
      kind: 'transfer_out', amount: qepik(-amount), validUntilBefore: from.validUntil, validUntilAfter: from.validUntil,
      description: `balance transfer to ${to.msisdn}`, details: { counterpart: to.msisdn },
    }],
  };
}

/** The same money arriving on the recipient; a transfer buys no validity (only top-ups do). */
export function transferIn(to: Line, from: Line, amount: Qepik): LineChange {
  return {
    line: { ...to, balance: addQepik(to.balance, amount) },
    entries: [{
      kind: 'transfer_in', amount, validUntilBefore: to.validUntil, validUntilAfter: to.validUntil,
      description: `balance transfer from ${from.msisdn}`, details: { counterpart: from.msisdn },
    }],
  };
}
