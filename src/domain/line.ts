// A prepaid line and the decisions that change its balance or validity. Each decision returns
// the ledger entries to append and the line as it will be; services only load and save.
import { addDays, addMonths, laterOf, type IsoDate } from './calendar.ts';
import { DomainError } from './errors.ts';
import { statusOn, type LineStatus } from './lifecycle.ts';
import { addQepik, qepik, subtractQepik, multiplyQepik, type Qepik, type Locale } from './money.ts';
import type { Msisdn } from './msisdn.ts';
import { decidePlanChange, type PlanChange, type ScheduledPlan } from './plan-change.ts';
import { daysForTopUp, type ValidityPolicy } from './policy.ts';
import type { LedgerEntryDetails } from './statement.ts';

export interface Line {
  readonly msisdn: Msisdn;
  readonly iccid: string;
  readonly status: LineStatus;
  readonly balance: Qepik;
  readonly validUntil: IsoDate;
  readonly planCode: string | null;
  readonly language: Locale;
}

export const ledgerEntryKinds = [
  'opening_balance', 'top_up', 'payment', 'plan_charge', 'restore_fee', 'usage', 'refund', 'adjustment',
  'transfer_out', 'transfer_in',
] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];

/** One immutable ledger row: a balance delta and/or a validity change, with why. */
export interface LedgerEntryDraft {
  readonly kind: LedgerEntryKind;
  /** Balance change in qəpik: positive credits, negative debits, 0 for validity-only rows. */
  readonly amount: Qepik;
  readonly validUntilBefore: IsoDate;
  readonly validUntilAfter: IsoDate;
  /** A technical note in English, for operators; customers read a description built from `details`. */
  readonly description: string;
  /** The entry's facts (plan, months, payment…), from which each language describes it. */
  readonly details?: LedgerEntryDetails;
}

export interface LineChange {
  readonly line: Line;
  readonly entries: readonly LedgerEntryDraft[];
  /** A renewal's plan for a later day (saved with the change); null: drop any; absent: leave it. */
  readonly planSchedule?: ScheduledPlan | null;
  /** What a renewal with another plan does to the paid one (plan-change.ts), for quotes and replies. */
  readonly planChange?: PlanChange;
}

/** The plan part of a renewal's change, by the policy's plan-change rule. */
function renewedPlan(line: Line, planCode: string, scheduled: ScheduledPlan | null, today: IsoDate, policy: ValidityPolicy): Pick<LineChange, 'planSchedule' | 'planChange'> & { planCode: string } {
  const decision = decidePlanChange(line, scheduled, planCode, today, policy.planChange);
  return {
    planCode: decision.planCode,
    ...(decision.schedule === 'keep' ? {} : { planSchedule: decision.schedule }),
    ...(decision.change ? { planChange: decision.change } : {}),
  };
}

/** Stops a change the line's stage does not allow. Quarantine is only lifted at a store. */
function assertOpenForExtension(line: Line): void {
  if (line.status === 'quarantine') {
    throw new DomainError('LINE_IN_QUARANTINE', 'this number is in quarantine: it can be restored only at a store, with ID');
  }
  if (line.status === 'recyclable') {
    throw new DomainError('LINE_RECYCLABLE', 'this number has been released and can no longer be renewed');
  }
}

/** The Luhn sum of a digit string, doubling every second digit from the right (ITU-T E.118). */
function luhnSum(digits: string, doubleFirstFromRight: boolean): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if ((i % 2 === 0) === doubleFirstFromRight) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

/** ICCIDs are 19–20 digits starting 89 with a Luhn check digit (ITU-T E.118). */
export function isValidIccid(iccid: string): boolean {
  return /^89\d{17,18}$/.test(iccid) && luhnSum(iccid, false) % 10 === 0;
}

/** Appends the Luhn check digit to an ICCID body (18 or 19 digits): for demo data and tests. */
export function withIccidCheckDigit(body: string): string {
  return body + String((10 - (luhnSum(body, true) % 10)) % 10);
}

export interface NewLine {
  readonly msisdn: Msisdn;
  readonly iccid: string;
  readonly balance: Qepik;
  readonly validUntil: IsoDate;
  readonly planCode: string | null;
  readonly language: Locale;
}

/** A line taken into Saxla with its balance and validity as the operator's systems have them. */
export function provisionLine(input: NewLine, today: IsoDate, policy: ValidityPolicy): LineChange {
  if (!isValidIccid(input.iccid)) {
    throw new DomainError('INVALID_ICCID', `"${input.iccid}" is not an ICCID (19–20 digits from 89, Luhn check digit)`);
  }
  if (input.balance < 0) throw new DomainError('INVALID_AMOUNT', 'an opening balance cannot be negative');
  const line: Line = { ...input, status: statusOn(input.validUntil, today, policy) };
  return {
    line,
    entries: [{
      kind: 'opening_balance',
      amount: input.balance,
      validUntilBefore: input.validUntil,
      validUntilAfter: input.validUntil,
      description: 'opening balance and validity at provisioning',
    }],
  };
}

export interface TopUpOutcome extends LineChange {
  readonly daysAdded: number;
}

/** A cash or partner top-up: credits the balance and buys days from the policy's band table. */
export function topUp(line: Line, amount: Qepik, today: IsoDate, policy: ValidityPolicy): TopUpOutcome {
  if (amount <= 0) throw new DomainError('INVALID_AMOUNT', 'a top-up must be more than 0');
  assertOpenForExtension(line);
  const days = daysForTopUp(policy, amount);
  const validUntil = days === 0
    ? line.validUntil
    : policy.topUpExtension === 'add'
      ? addDays(laterOf(line.validUntil, addDays(today, -1)), days)
      : laterOf(line.validUntil, addDays(today, days));
  const next: Line = { ...line, balance: addQepik(line.balance, amount), validUntil, status: statusOn(validUntil, today, policy) };
  return {
    line: next,
    daysAdded: days,
    entries: [{ kind: 'top_up', amount, validUntilBefore: line.validUntil, validUntilAfter: validUntil, description: `top-up, ${days} days`, details: { days } }],
  };
}

/** The new validity end when a plan is bought for N months: from max(today, current end). */
export function validUntilAfterMonths(current: IsoDate, today: IsoDate, months: number): IsoDate {
  return addMonths(laterOf(today, current), months);
}

export interface PlanPurchase {
  readonly planCode: string;
  readonly months: number;
  /** What the plan costs for those months, after discounts. */
  readonly price: Qepik;
}

/**
 * Renewal paid from the line's own balance (USSD, auto-renew). The balance must cover the price;
 * a line in one-way or suspended comes back to active.
 */
export function renewFromBalance(line: Line, purchase: PlanPurchase, today: IsoDate, policy: ValidityPolicy, scheduled: ScheduledPlan | null = null): LineChange {
  assertPurchase(purchase);
  assertOpenForExtension(line);
  if (line.balance < purchase.price) {
    throw new DomainError('INSUFFICIENT_BALANCE', 'the balance does not cover this plan');
  }
  const validUntil = validUntilAfterMonths(line.validUntil, today, purchase.months);
  const { planCode, ...plan } = renewedPlan(line, purchase.planCode, scheduled, today, policy);
  return {
    ...plan,
    line: { ...line, balance: subtractQepik(line.balance, purchase.price), validUntil, planCode, status: statusOn(validUntil, today, policy) },
    entries: [{
      kind: 'plan_charge', amount: qepik(-purchase.price), validUntilBefore: line.validUntil, validUntilAfter: validUntil,
      description: `${purchase.planCode} × ${purchase.months} months`, details: { planCode: purchase.planCode, months: purchase.months },
    }],
  };
}

/**
 * Renewal paid outside the balance (card, PayPal, POS, QR): the payment is credited and the plan
 * charged in the same breath, so the statement shows both and the balance is unchanged.
 */
export function renewWithPayment(line: Line, purchase: PlanPurchase, paymentReference: string, today: IsoDate, policy: ValidityPolicy, scheduled: ScheduledPlan | null = null): LineChange {
  assertPurchase(purchase);
  assertOpenForExtension(line);
  const validUntil = validUntilAfterMonths(line.validUntil, today, purchase.months);
  const { planCode, ...plan } = renewedPlan(line, purchase.planCode, scheduled, today, policy);
  return {
    ...plan,
    line: { ...line, validUntil, planCode, status: statusOn(validUntil, today, policy) },
    entries: [
      { kind: 'payment', amount: purchase.price, validUntilBefore: line.validUntil, validUntilAfter: line.validUntil, description: `payment ${paymentReference}`, details: { payment: paymentReference } },
      {
        kind: 'plan_charge', amount: qepik(-purchase.price), validUntilBefore: line.validUntil, validUntilAfter: validUntil,
        description: `${purchase.planCode} × ${purchase.months} months`, details: { planCode: purchase.planCode, months: purchase.months },
      },
    ],
  };
}

function assertPurchase(purchase: PlanPurchase): void {
  if (!Number.isSafeInteger(purchase.months) || purchase.months < 1 || purchase.months > 24) {
    throw new DomainError('PLAN_DURATION_NOT_OFFERED', 'months must be a whole number from 1 to 24');
  }
  if (purchase.price < 0) throw new DomainError('INVALID_AMOUNT', 'a price cannot be negative');
}

/** Σ unit × months, for callers that price without promotions. */
export function listPrice(monthlyPrice: Qepik, months: number): Qepik {
  return multiplyQepik(monthlyPrice, months);
}
