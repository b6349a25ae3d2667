// Operator validity policy as versioned data: operators change band tables and stage lengths
// yearly, so none of these numbers live in code paths, only in policy files.
import { DomainError, type ErrorDetail } from './errors.ts';
import { qepik, type Qepik } from './money.ts';
import { isIsoDate, type IsoDate } from './calendar.ts';
import { planChangeRules, type PlanChangeRule } from './plan-change.ts';
import { readUsageRates, type UsageRates } from './usage-rating.ts';

export interface TopUpBand {
  /** The smallest amount that buys these days. */
  readonly minAmount: Qepik;
  readonly days: number;
}

export interface StageLengths {
  /** Days after validity ends with incoming calls only. */
  readonly oneWayDays: number;
  /** Then days fully blocked. */
  readonly suspendedDays: number;
  /** Then days terminated but the number is not reassignable (regulators ask ≥ 90). */
  readonly quarantineDays: number;
}

export interface ValidityPolicy {
  readonly version: string;
  readonly name: string;
  readonly effectiveFrom: IsoDate;
  /** Ascending by minAmount; an amount buys the days of the highest band it reaches. */
  readonly topUpBands: readonly TopUpBand[];
  /** 'max': new end = max(current end, today + days); 'add': the days add to what is left. */
  readonly topUpExtension: 'max' | 'add';
  readonly stages: StageLengths;
  /**
   * Days before the validity end that a reminder SMS goes out, least urgent first (30, 7, 1): the
   * one list of reminder milestones, for the sweep, the settings API and customers' opt-outs.
   */
  readonly reminderDays: readonly number[];
  /** Fee to restore a quarantined number at a store. */
  readonly restoreFee: Qepik;
  /** What one online top-up (card, PayPal) may be: below buys nothing, above is likely a typo. */
  readonly onlineTopUp: OnlineTopUpLimits;
  /**
   * Overage per usage kind: block size in the kind's unit and price per started block. Policies
   * recorded before usage was rated have none, and usage is refused while such a policy is in force.
   */
  readonly usage?: UsageRates;
  /** What renewing with another plan does to the paid one: see plan-change.ts. */
  readonly planChange: PlanChangeRule;
  /** What a customer may move from one line to another (issue 13). */
  readonly balanceTransfer: BalanceTransferLimits;
}

export interface BalanceTransferLimits {
  /** The smallest transfer. */
  readonly minAmount: Qepik;
  /** What must stay on the line the money leaves. */
  readonly minLeftBehind: Qepik;
  /** The most one line may send in one Baku calendar day, all transfers together. */
  readonly dailyCapPerLine: Qepik;
}

export interface OnlineTopUpLimits {
  readonly minAmount: Qepik;
  readonly maxAmount: Qepik;
}

export const MIN_QUARANTINE_DAYS = 90;
/** A reminder further ahead than a year would speak of a validity end nobody plans for yet. */
export const MAX_REMINDER_DAYS = 366;
/**
 * What policies recorded before reminders were part of the policy sent: they stay readable, and a
 * stored version keeps its meaning. A policy file names its own `reminderDays`.
 */
const REMINDER_DAYS_BEFORE_POLICY = [30, 7, 1] as const;
const PLAN_CHANGE_BEFORE_POLICY: PlanChangeRule = 'at_paid_end';
/**
 * The same for online top-up limits: 1 AZN (what operators in Azerbaijan accept) to 500 AZN. A
 * policy file may name its own `onlineTopUp`.
 */
const ONLINE_TOP_UP_BEFORE_POLICY = { minAmount: 100, maxAmount: 50_000 } as const;
/**
 * Balance transfers for policies recorded before transfers existed: at least 1 AZN, 1 AZN left
 * behind, 50 AZN a day per line. A policy file may name its own `balanceTransfer`.
 */
const BALANCE_TRANSFER_BEFORE_POLICY = { minAmount: 100, minLeftBehind: 100, dailyCapPerLine: 5_000 } as const;

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}
function isNonNegativeInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Checks a policy document (JSON from a file or the database) and returns it typed. */
export function parseValidityPolicy(doc: unknown): ValidityPolicy {
  const problems: ErrorDetail[] = [];
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  const need = (ok: boolean, path: string, message: string): void => {
    if (!ok) problems.push({ path, message });
  };
  need(typeof d.version === 'string' && d.version.length > 0, '/version', 'a non-empty string');
  need(typeof d.name === 'string' && d.name.length > 0, '/name', 'a non-empty string');
  need(typeof d.effectiveFrom === 'string' && isIsoDate(d.effectiveFrom), '/effectiveFrom', 'a calendar day YYYY-MM-DD');
  need(d.topUpExtension === 'max' || d.topUpExtension === 'add', '/topUpExtension', '"max" or "add"');
  need(isNonNegativeInt(d.restoreFee), '/restoreFee', 'whole qəpik ≥ 0');
  const bands = Array.isArray(d.topUpBands) ? (d.topUpBands as unknown[]) : [];
  need(bands.length > 0, '/topUpBands', 'at least one band');
  let previous = -1;
  bands.forEach((band, i) => {
    const b = (typeof band === 'object' && band !== null ? band : {}) as Record<string, unknown>;
    need(isPositiveInt(b.minAmount), `/topUpBands/${i}/minAmount`, 'whole qəpik > 0');
    need(isPositiveInt(b.days), `/topUpBands/${i}/days`, 'whole days > 0');
    if (isPositiveInt(b.minAmount)) {
      need(b.minAmount > previous, `/topUpBands/${i}/minAmount`, 'bands must ascend by amount');
      previous = b.minAmount;
    }
  });
  const s = (typeof d.stages === 'object' && d.stages !== null ? d.stages : {}) as Record<string, unknown>;
  need(isPositiveInt(s.oneWayDays), '/stages/oneWayDays', 'whole days > 0');
  need(isPositiveInt(s.suspendedDays), '/stages/suspendedDays', 'whole days > 0');
  need(isPositiveInt(s.quarantineDays) && s.quarantineDays >= MIN_QUARANTINE_DAYS, '/stages/quarantineDays', `whole days ≥ ${MIN_QUARANTINE_DAYS}`);
  const reminderDays = d.reminderDays === undefined ? [...REMINDER_DAYS_BEFORE_POLICY] : d.reminderDays;
  const reminderList = Array.isArray(reminderDays) ? (reminderDays as unknown[]) : [];
  need(reminderList.length > 0, '/reminderDays', 'a non-empty list of whole days');
  reminderList.forEach((days, i) => {
    need(isPositiveInt(days) && days <= MAX_REMINDER_DAYS, `/reminderDays/${i}`, `whole days from 1 to ${MAX_REMINDER_DAYS}`);
  });
  need(new Set(reminderList).size === reminderList.length, '/reminderDays', 'each day once');
  const limits = (typeof d.onlineTopUp === 'object' && d.onlineTopUp !== null ? d.onlineTopUp : ONLINE_TOP_UP_BEFORE_POLICY) as Record<string, unknown>;
  need(isPositiveInt(limits.minAmount), '/onlineTopUp/minAmount', 'whole qəpik > 0');
  need(isPositiveInt(limits.maxAmount) && isPositiveInt(limits.minAmount) && limits.maxAmount >= limits.minAmount, '/onlineTopUp/maxAmount', 'whole qəpik ≥ minAmount');
  const usage = d.usage === undefined ? undefined : readUsageRates(d.usage, problems);
  // Policies recorded before the rule replaced the plan at once, silently (issue 11): they read as
  // the rule every policy file now names, so no paid plan is ever cut short again.
  const planChange = d.planChange ?? PLAN_CHANGE_BEFORE_POLICY;
  need((planChangeRules as readonly unknown[]).includes(planChange), '/planChange', planChangeRules.map((r) => `"${r}"`).join(' or '));
  const transfer = (typeof d.balanceTransfer === 'object' && d.balanceTransfer !== null ? d.balanceTransfer : BALANCE_TRANSFER_BEFORE_POLICY) as Record<string, unknown>;
  need(isPositiveInt(transfer.minAmount), '/balanceTransfer/minAmount', 'whole qəpik > 0');
  need(isNonNegativeInt(transfer.minLeftBehind), '/balanceTransfer/minLeftBehind', 'whole qəpik ≥ 0');
  need(isPositiveInt(transfer.dailyCapPerLine) && isPositiveInt(transfer.minAmount) && transfer.dailyCapPerLine >= transfer.minAmount,
    '/balanceTransfer/dailyCapPerLine', 'whole qəpik ≥ minAmount');
  if (problems.length > 0) {
    throw new DomainError('POLICY_INVALID', 'the validity policy is not valid', problems);
  }
  return {
    version: d.version as string,
    name: d.name as string,
    effectiveFrom: d.effectiveFrom as IsoDate,
    topUpExtension: d.topUpExtension as 'max' | 'add',
    restoreFee: qepik(d.restoreFee as number),
    topUpBands: bands.map((band) => {
      const b = band as { minAmount: number; days: number };
      return { minAmount: qepik(b.minAmount), days: b.days };
    }),
    stages: { oneWayDays: s.oneWayDays as number, suspendedDays: s.suspendedDays as number, quarantineDays: s.quarantineDays as number },
    // Least urgent first, whatever order the file gives.
    reminderDays: (reminderList as number[]).toSorted((a, b) => b - a),
    onlineTopUp: { minAmount: qepik(limits.minAmount as number), maxAmount: qepik(limits.maxAmount as number) },
    ...(usage ? { usage } : {}),
    planChange: planChange as PlanChangeRule,
    balanceTransfer: {
      minAmount: qepik(transfer.minAmount as number), minLeftBehind: qepik(transfer.minLeftBehind as number), dailyCapPerLine: qepik(transfer.dailyCapPerLine as number),
    },
  };
}

/** Days of validity an amount buys: the highest band it reaches, 0 below the first band. */
export function daysForTopUp(policy: ValidityPolicy, amount: Qepik): number {
  let days = 0;
  for (const band of policy.topUpBands) {
    if (amount >= band.minAmount) days = band.days;
    else break;
  }
  return days;
}
