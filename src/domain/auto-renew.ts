// Auto-renew and auto top-up: when a line's standing order is due, what one run costs, whether the
// monthly budget cap allows it, and when a failed charge is tried again. Pure: the job and the
// services load the setting, the line and what was spent this Baku month, and ask these rules.
import { addDays, addMonths, type Instant, type IsoDate, startOfOperatorDay } from './calendar.ts';
import { DomainError } from './errors.ts';
import { stageCalendar } from './lifecycle.ts';
import type { Line } from './line.ts';
import type { Qepik } from './money.ts';
import type { ValidityPolicy } from './policy.ts';

export const autoRenewModes = ['renew', 'top_up'] as const;
export type AutoRenewMode = (typeof autoRenewModes)[number];
export const autoRenewSources = ['balance', 'saved_method'] as const;
export type AutoRenewSource = (typeof autoRenewSources)[number];

/** What the standing order does when it runs. */
export type AutoRenewRule =
  /** Renew plan P for N months, D days before the validity end. */
  | { readonly kind: 'renew'; readonly planCode: string; readonly months: number; readonly daysBefore: number }
  /** Top up X whenever the balance is below Y. */
  | { readonly kind: 'top_up_below'; readonly amount: Qepik; readonly belowBalance: Qepik }
  /** Top up X on day D of each month (the month's last day when it is shorter). */
  | { readonly kind: 'top_up_monthly'; readonly amount: Qepik; readonly dayOfMonth: number };

export interface AutoRenewSetting {
  readonly rule: AutoRenewRule;
  /** The most all runs of one Baku calendar month may cost together. */
  readonly monthlyCap: Qepik;
  readonly source: AutoRenewSource;
}

export const MAX_DAYS_BEFORE = 30;
/** One manat: the smallest top-up the band tables sell days for. */
export const MIN_AUTO_TOP_UP = 100 as Qepik;
/** A run's charge is tried at most this often per period before the order waits for the next one. */
export const MAX_ATTEMPTS = 4;
/** Runs start from 09:00 in Baku, so the charge and its SMS never come at night. */
export const RUN_HOUR = 9;
/** A top-up whose next lifecycle checkpoint is further away than this is retried sooner. */
const TOP_UP_RETRY_GAP_DAYS = 3;

/**
 * Refuses a setting that can never run: over the cap in a single run, or a top-up paid from the
 * very balance it would fill. `runCost` is what one run costs (a plan's price × months, or X).
 */
export function checkSetting(setting: AutoRenewSetting, runCost: Qepik): void {
  const { rule } = setting;
  if (rule.kind === 'renew' && (!Number.isSafeInteger(rule.daysBefore) || rule.daysBefore < 0 || rule.daysBefore > MAX_DAYS_BEFORE)) {
    throw new DomainError('VALIDATION_FAILED', `daysBefore must be a whole number from 0 to ${MAX_DAYS_BEFORE}`, [{ path: '/daysBefore', message: `0–${MAX_DAYS_BEFORE}` }]);
  }
  if (rule.kind !== 'renew') {
    if (setting.source === 'balance') {
      throw new DomainError('AUTO_RENEW_SOURCE_INVALID', 'a top-up cannot be paid from the balance it fills: choose a saved payment method', [{ path: '/source', message: 'saved_method' }]);
    }
    if (!Number.isSafeInteger(rule.amount) || rule.amount < MIN_AUTO_TOP_UP) {
      throw new DomainError('AMOUNT_BELOW_MINIMUM_TOP_UP', 'an automatic top-up is at least 1 AZN', [{ path: '/amount', message: '≥ 100 qəpik' }]);
    }
  }
  if (rule.kind === 'top_up_monthly' && (!Number.isSafeInteger(rule.dayOfMonth) || rule.dayOfMonth < 1 || rule.dayOfMonth > 31)) {
    throw new DomainError('VALIDATION_FAILED', 'dayOfMonth must be from 1 to 31', [{ path: '/dayOfMonth', message: '1–31' }]);
  }
  if (rule.kind === 'top_up_below' && (!Number.isSafeInteger(rule.belowBalance) || rule.belowBalance < 1)) {
    throw new DomainError('VALIDATION_FAILED', 'belowBalance must be more than 0', [{ path: '/belowBalance', message: '> 0' }]);
  }
  if (!Number.isSafeInteger(setting.monthlyCap) || setting.monthlyCap < 0) {
    throw new DomainError('INVALID_AMOUNT', 'monthlyCap must be whole qəpik ≥ 0', [{ path: '/monthlyCap', message: '≥ 0' }]);
  }
  if (runCost > setting.monthlyCap) {
    throw new DomainError('AUTO_RENEW_OVER_CAP', `one run costs ${runCost} qəpik, more than the monthly cap of ${setting.monthlyCap}`, [{ path: '/monthlyCap', message: `at least ${runCost}` }]);
  }
}

/** The Baku calendar month of a day, "2026-12": the cap's period. */
export function capMonth(day: IsoDate): string {
  return day.slice(0, 7);
}

/** The cap rule: a run is allowed only if everything spent or reserved this month plus it fits. */
export function capAllows(spentThisMonth: Qepik, runCost: Qepik, monthlyCap: Qepik): boolean {
  return spentThisMonth + runCost <= monthlyCap;
}

/** The day a monthly top-up falls on in the month of `day`: day D, or the month's last day. */
export function monthlyDueDay(day: IsoDate, dayOfMonth: number): IsoDate {
  const first = `${capMonth(day)}-01` as IsoDate;
  const last = addDays(addMonths(first, 1), -1);
  return addDays(first, Math.min(dayOfMonth, Number(last.slice(8, 10))) - 1);
}

/** One run's period: the unique key (with the line) that makes two runs of it one charge. */
export interface RunPeriod {
  readonly key: string;
  /** The first day the run may happen. */
  readonly dueOn: IsoDate;
}

/**
 * The period the line is in today. A renewal's period is the validity end it renews (once renewed,
 * the end moves and so does the period); a monthly top-up's is the month; a low-balance top-up's is
 * its ordinal within the month (`chargedThisMonth` of them done), so it may fire again next month
 * or after the balance is spent down, but never twice for one fall below Y.
 */
export function currentPeriod(rule: AutoRenewRule, line: Pick<Line, 'validUntil'>, today: IsoDate, chargedThisMonth: number): RunPeriod {
  switch (rule.kind) {
    case 'renew':
      return { key: `renew:${line.validUntil}`, dueOn: addDays(line.validUntil, -rule.daysBefore) };
    case 'top_up_monthly':
      return { key: `month:${capMonth(today)}`, dueOn: monthlyDueDay(today, rule.dayOfMonth) };
    case 'top_up_below':
      return { key: `below:${capMonth(today)}:${chargedThisMonth + 1}`, dueOn: today };
  }
}

/** Whether the rule wants a run today, before the cap and the period's history are asked. */
export function wantsRun(rule: AutoRenewRule, line: Pick<Line, 'validUntil' | 'balance' | 'status'>, period: RunPeriod, today: IsoDate): boolean {
  if (line.status === 'quarantine' || line.status === 'recyclable') return false;
  if (today < period.dueOn) return false;
  return rule.kind === 'top_up_below' ? line.balance < rule.belowBalance : true;
}

export function modeOf(rule: AutoRenewRule): AutoRenewMode {
  return rule.kind === 'renew' ? 'renew' : 'top_up';
}

/** What one run costs: a renewal's price for its months, a top-up's amount. */
export function runCost(rule: AutoRenewRule, monthlyPrice: Qepik | undefined): Qepik {
  if (rule.kind !== 'renew') return rule.amount;
  if (monthlyPrice === undefined) throw new DomainError('PLAN_NOT_FOUND', `plan ${rule.planCode} is not on sale`);
  return (monthlyPrice * rule.months) as Qepik;
}

/**
 * The lifecycle's checkpoints for a line ending on `validUntil`: 3 days before the end, the day
 * before, the last active day (before one-way) and the last day before suspension.
 */
export function lifecycleCheckpoints(validUntil: IsoDate, policy: ValidityPolicy): IsoDate[] {
  const { suspendedFrom } = stageCalendar(validUntil, policy);
  const days = [addDays(validUntil, -3), addDays(validUntil, -1), validUntil, addDays(suspendedFrom, -1)];
  return [...new Set(days)].sort();
}

/**
 * When a charge that failed on `failedOn` (its `attempts`-th try) is tried again: the next
 * lifecycle checkpoint; a top-up far from the end is tried again a few days later instead, so a
 * passing decline does not skip the month. undefined: the period is given up (too many tries, or
 * no checkpoint left), and the customer hears so.
 */
export function nextAttemptDay(mode: AutoRenewMode, failedOn: IsoDate, attempts: number, validUntil: IsoDate, policy: ValidityPolicy): IsoDate | undefined {
  if (attempts >= MAX_ATTEMPTS) return undefined;
  const next = lifecycleCheckpoints(validUntil, policy).find((day) => day > failedOn);
  if (mode === 'renew') return next;
  const soon = addDays(failedOn, TOP_UP_RETRY_GAP_DAYS);
  return next === undefined || next > soon ? soon : next;
}

/** The moment a run due on `day` may start (09:00 in Baku). */
export function runMoment(day: IsoDate): Instant {
  return (startOfOperatorDay(day) + RUN_HOUR * 3600_000) as Instant;
}

/** The state of the current period's run, as stored. */
export type PeriodRun =
  | { readonly status: 'charging' | 'charged' }
  /** Declined, or held by the cap (tried again when the month and its budget turn over). */
  | { readonly status: 'failed' | 'skipped_cap'; readonly nextAttemptOn: IsoDate | null };

/**
 * When the standing order next runs, for the dashboard and the API: null when it waits on the
 * balance falling (a low-balance top-up above its threshold) or the period is over.
 */
export function nextRunDay(rule: AutoRenewRule, line: Pick<Line, 'validUntil' | 'balance' | 'status'>, today: IsoDate, period: RunPeriod, run: PeriodRun | undefined): IsoDate | null {
  if (line.status === 'quarantine' || line.status === 'recyclable') return null;
  if (run?.status === 'failed' || run?.status === 'skipped_cap') return run.nextAttemptOn === null ? followingPeriodDay(rule, today) : laterDay(run.nextAttemptOn, today);
  if (run === undefined) {
    if (rule.kind === 'top_up_below' && line.balance >= rule.belowBalance) return null;
    return laterDay(period.dueOn, today);
  }
  if (run.status === 'charging') return today;
  return followingPeriodDay(rule, today);
}

function followingPeriodDay(rule: AutoRenewRule, today: IsoDate): IsoDate | null {
  // A renewal's next period starts when the end moves, which the run itself does.
  if (rule.kind !== 'top_up_monthly') return null;
  return monthlyDueDay(addMonths(`${capMonth(today)}-01` as IsoDate, 1), rule.dayOfMonth);
}

/** A run the cap held is tried again on the 1st of next month, when the budget is new. */
export function capRetryDay(today: IsoDate): IsoDate {
  return addMonths(`${capMonth(today)}-01` as IsoDate, 1);
}

function laterDay(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
