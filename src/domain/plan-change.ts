// What a renewal with another plan does to the plan a line has paid for. A rule of the versioned
// policy (`planChange`): with 'at_paid_end' the paid plan runs to its end and the new one starts
// the day after (the months are appended, as every renewal's are); with 'immediate' the new plan
// replaces the old one at once. A line whose validity has already ended switches at once under
// either rule: nothing paid is left to keep.
import { addDays, type IsoDate } from './calendar.ts';

export const planChangeRules = ['at_paid_end', 'immediate'] as const;
export type PlanChangeRule = (typeof planChangeRules)[number];

/** A plan that takes over on a later day (one per line: the latest choice). */
export interface ScheduledPlan {
  readonly planCode: string;
  readonly startsOn: IsoDate;
}

/** What the customer is told before paying: the plan that ends, and when the new one starts. */
export interface PlanChange {
  readonly from: string;
  readonly to: string;
  /** The last day of the plan the line has now; null when the new plan starts today. */
  readonly paidUntil: IsoDate | null;
  readonly startsOn: IsoDate;
  readonly rule: PlanChangeRule;
}

export interface PlanDecision {
  /** The line's plan right after the renewal. */
  readonly planCode: string;
  /** 'keep': leave the line's scheduled plan as it is; null: none from now on. */
  readonly schedule: ScheduledPlan | null | 'keep';
  /** null when the plan stays what it is or will be. */
  readonly change: PlanChange | null;
}

/**
 * Decides the plan of a line renewed with `planCode`, given its plan, its validity end and any
 * plan already scheduled. Renewing with the plan the line has now drops a scheduled switch (the
 * customer chose to stay); renewing with the scheduled plan keeps its start day; a third plan
 * replaces the scheduled one on the same start day.
 */
export function decidePlanChange(
  line: { readonly planCode: string | null; readonly validUntil: IsoDate },
  scheduled: ScheduledPlan | null, planCode: string, today: IsoDate, rule: PlanChangeRule,
): PlanDecision {
  // A scheduled plan whose day has come is the line's plan already, whether or not the sweep ran.
  const due = scheduled !== null && scheduled.startsOn <= today;
  const current = due ? scheduled.planCode : line.planCode;
  const pending = due ? null : scheduled;
  if (current === null) return { planCode, schedule: null, change: null };
  if (planCode === current) return { planCode, schedule: null, change: null };
  if (pending !== null && pending.planCode === planCode) {
    return { planCode: current, schedule: 'keep', change: { from: current, to: planCode, paidUntil: addDays(pending.startsOn, -1), startsOn: pending.startsOn, rule } };
  }
  const paidOn = line.validUntil >= today;
  if (rule === 'at_paid_end' && paidOn) {
    const startsOn = pending?.startsOn ?? addDays(line.validUntil, 1);
    return { planCode: current, schedule: { planCode, startsOn }, change: { from: current, to: planCode, paidUntil: addDays(startsOn, -1), startsOn, rule } };
  }
  return { planCode, schedule: null, change: { from: current, to: planCode, paidUntil: null, startsOn: today, rule } };
}
