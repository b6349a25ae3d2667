// "Keep my number until DATE": the cheapest schedule of plan renewals and top-ups that keeps a line
// active through DATE, or — receiveOnly — that keeps it from reaching suspension (one-way, with
// incoming calls and SMS, is enough). Pure: the line, today, the catalogue, the promotions in force
// and the policy come in; the schedule comes out.
//
// The model, and why it is exact:
// - Each step is bought on the latest day that still keeps the goal: the last active day (or, for
//   receiveOnly, the last one-way day); a line already past that is served today. Every new validity
//   end (line.ts: renewals from max(today, end), top-ups by the band table) is non-decreasing in the
//   day bought and in the end before, so buying later never gives less — the property tests check it.
// - Prices are today's (the catalogue and the promotions running now, through priceOrder), so a
//   step costs the same whichever day it is bought; a top-up is a band's smallest amount within the
//   policy's online limits (any amount between two bands buys the lower band's days for more).
// - Every step moves the end strictly later, so the validity ends form a DAG ordered by date: a
//   forward pass over the ends in date order gives the exact cheapest cost (ties: fewer steps, then
//   the later end). The tests compare it with a brute-force search over every sequence of steps.
// - total is what the steps cost, however paid: a top-up's money stays on the balance for calls and
//   is not spent on later steps here.
import { addDays, laterOf, type Instant, type IsoDate } from './calendar.ts';
import { planText, type Plan } from './catalog.ts';
import { DomainError } from './errors.ts';
import { statusOn, type LineStatus } from './lifecycle.ts';
import { topUp, validUntilAfterMonths, type Line } from './line.ts';
import { qepik, type Locale, type Qepik } from './money.ts';
import { onlineTopUpChoices } from './online-top-up.ts';
import type { ValidityPolicy } from './policy.ts';
import { priceOrder } from './pricing.ts';
import type { Promotion } from './promotions.ts';

/** How far ahead a plan may reach: beyond it prices and policies are guesses. */
export const KEEP_UNTIL_MAX_DAYS = 5 * 366;

export type KeepOption =
  | { readonly kind: 'renewal'; readonly planCode: string; readonly planName: string; readonly months: number; readonly price: Qepik }
  | { readonly kind: 'top_up'; readonly amount: Qepik; readonly days: number; readonly price: Qepik };

export type KeepStep = KeepOption & {
  /** The day to buy it: the latest that keeps the goal. */
  readonly on: IsoDate;
  readonly validUntilAfter: IsoDate;
  /** It can be bought today with the same effect (the first step, or renewals stacking on an active line). */
  readonly buyNow: boolean;
};

export interface KeepPlan {
  readonly total: Qepik;
  readonly steps: readonly KeepStep[];
  readonly validUntilAfter: IsoDate;
}

export interface KeepUntilInput {
  readonly line: Pick<Line, 'msisdn' | 'validUntil' | 'status' | 'balance' | 'planCode' | 'language' | 'iccid'>;
  readonly today: IsoDate;
  readonly now: Instant;
  readonly date: IsoDate;
  readonly receiveOnly: boolean;
  /** Plans on sale; shared plans (family, multi-SIM) are not a single line's to buy. */
  readonly plans: readonly Plan[];
  readonly promotions: readonly Promotion[];
  readonly policy: ValidityPolicy;
  readonly locale: Locale;
}

/** What a customer can buy for one line, priced today: every plan × duration, every band. */
export function keepOptions(input: Pick<KeepUntilInput, 'plans' | 'promotions' | 'policy' | 'now' | 'today' | 'locale' | 'line'>): KeepOption[] {
  const options: KeepOption[] = [];
  for (const plan of input.plans) {
    if (plan.allowances.lines !== undefined) continue;
    for (const months of plan.durations) {
      const priced = priceOrder({
        items: [{ msisdn: input.line.msisdn, plan, months, currentValidUntil: input.line.validUntil }],
        promotions: input.promotions, now: input.now, today: input.today, locale: input.locale,
      });
      // Without a promo code priceOrder never refuses; the guard keeps the compiler honest.
      if (!priced.ok) continue;
      options.push({ kind: 'renewal', planCode: plan.code, planName: planText(plan, input.locale).name, months, price: priced.total });
    }
  }
  for (const choice of onlineTopUpChoices(input.policy)) {
    options.push({ kind: 'top_up', amount: choice.amount, days: choice.validityDays, price: choice.amount });
  }
  return options;
}

/** The last day a step may be bought with the goal still kept, for a line whose last active day is `validUntil`. */
export function lastBuyingDay(validUntil: IsoDate, receiveOnly: boolean, policy: ValidityPolicy): IsoDate {
  return receiveOnly ? addDays(validUntil, policy.stages.oneWayDays) : validUntil;
}

/** Whether a line whose last active day is `validUntil` meets the goal on `date`. */
export function keepsGoal(validUntil: IsoDate, date: IsoDate, receiveOnly: boolean, policy: ValidityPolicy): boolean {
  return lastBuyingDay(validUntil, receiveOnly, policy) >= date;
}

/** The validity end after buying `option` on `day`, by the same rules activation applies (line.ts). */
export function validUntilAfterStep(validUntil: IsoDate, option: KeepOption, day: IsoDate, policy: ValidityPolicy, line: KeepUntilInput['line']): IsoDate {
  if (option.kind === 'renewal') return validUntilAfterMonths(validUntil, day, option.months);
  const status: LineStatus = statusOn(validUntil, day, policy);
  return topUp({ ...line, validUntil, status }, option.amount, day, policy).line.validUntil;
}

/** The day a step is bought: the latest that keeps the goal, or today for a line already past it. */
export function buyingDay(validUntil: IsoDate, today: IsoDate, receiveOnly: boolean, policy: ValidityPolicy): IsoDate {
  return laterOf(today, lastBuyingDay(validUntil, receiveOnly, policy));
}

function assertPlannable(input: KeepUntilInput): void {
  if (input.date < input.today) throw new DomainError('INVALID_DATE', `${input.date} is in the past`, [{ path: '/date', message: 'today or later' }]);
  if (input.date > addDays(input.today, KEEP_UNTIL_MAX_DAYS)) {
    throw new DomainError('INVALID_DATE', `plans reach at most ${String(KEEP_UNTIL_MAX_DAYS)} days ahead`, [{ path: '/date', message: 'within five years' }]);
  }
  if (input.line.status === 'quarantine') throw new DomainError('LINE_IN_QUARANTINE', 'this number is in quarantine: it can be restored only at a store, with ID');
  if (input.line.status === 'recyclable') throw new DomainError('LINE_RECYCLABLE', 'this number has been released and can no longer be renewed');
}

interface Best {
  readonly cost: number;
  readonly count: number;
  readonly from: IsoDate | null;
  readonly option: KeepOption | null;
  readonly day: IsoDate | null;
}

/**
 * A renewal moves the validity end by its months alone, whatever the plan, so only the cheapest
 * plan for each number of months can be part of a cheapest schedule (the first listed on a tie).
 */
function withoutDominated(options: readonly KeepOption[]): KeepOption[] {
  const cheapest = new Map<number, KeepOption>();
  const topUps: KeepOption[] = [];
  for (const option of options) {
    if (option.kind !== 'renewal') {
      topUps.push(option);
      continue;
    }
    const known = cheapest.get(option.months);
    if (known === undefined || option.price < known.price) cheapest.set(option.months, option);
  }
  return [...cheapest.values(), ...topUps];
}

/** Lower cost first, then fewer steps. */
function better(a: Pick<Best, 'cost' | 'count'>, b: Pick<Best, 'cost' | 'count'>): boolean {
  return a.cost < b.cost || (a.cost === b.cost && a.count < b.count);
}

/** The cheapest schedule that keeps the line until `date`; no steps when it already does. */
export function planKeepUntil(input: KeepUntilInput): KeepPlan {
  assertPlannable(input);
  const { policy, receiveOnly, date, today, line } = input;
  const start = line.validUntil;
  if (keepsGoal(start, date, receiveOnly, policy)) return { total: qepik(0), steps: [], validUntilAfter: start };
  const options = withoutDominated(keepOptions(input));
  const best = new Map<IsoDate, Best>([[start, { cost: 0, count: 0, from: null, option: null, day: null }]]);
  // Ends from this day on keep the goal; the ends before it are expanded in date order, each once
  // its best is final (every step moves the end later, so nothing after it can improve it).
  const goalFrom = addDays(date, receiveOnly ? -policy.stages.oneWayDays : 0);
  let goal: { end: IsoDate; best: Best } | null = null;
  for (let end = start; end < goalFrom; end = addDays(end, 1)) {
    const here = best.get(end);
    if (!here) continue;
    const day = buyingDay(end, today, receiveOnly, policy);
    for (const option of options) {
      const next = validUntilAfterStep(end, option, day, policy, line);
      if (next <= end) continue;
      const candidate: Best = { cost: here.cost + option.price, count: here.count + 1, from: end, option, day };
      if (next >= goalFrom) {
        if (goal === null || better(candidate, goal.best) || (!better(goal.best, candidate) && next > goal.end)) goal = { end: next, best: candidate };
        continue;
      }
      const known = best.get(next);
      if (known === undefined || better(candidate, known)) best.set(next, candidate);
    }
  }
  if (goal === null) throw new DomainError('PLAN_NOT_FOUND', 'nothing on sale can keep this number until that day');
  best.set(goal.end, goal.best);
  return { total: qepik(goal.best.cost), steps: stepsTo(goal.end, best, input), validUntilAfter: goal.end };
}

function stepsTo(end: IsoDate, best: ReadonlyMap<IsoDate, Best>, input: KeepUntilInput): KeepStep[] {
  const reversed: { option: KeepOption; day: IsoDate; after: IsoDate }[] = [];
  let at: IsoDate | null = end;
  while (at !== null) {
    const node = best.get(at);
    if (!node || node.option === null || node.day === null || node.from === null) break;
    reversed.push({ option: node.option, day: node.day, after: at });
    at = node.from;
  }
  const steps = reversed.reverse();
  // Renewals on an active line stack on its end whenever they are bought, so each renewal before
  // the first top-up can be bought today; a top-up counts only from its own day.
  const activeNow = input.line.validUntil >= input.today;
  let stacking = activeNow && !input.receiveOnly;
  return steps.map((s) => {
    const buyNow = s.day === input.today || (stacking && s.option.kind === 'renewal');
    if (s.option.kind !== 'renewal') stacking = false;
    return { ...s.option, on: s.day, validUntilAfter: s.after, buyNow };
  });
}
