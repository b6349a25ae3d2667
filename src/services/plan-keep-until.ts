// "Keep my number until DATE" for one of the customer's lines: the line, the plans on sale and the
// promotions in force, handed to the planner (domain/keep-until.ts). Reads only; nothing is bought.
import { operatorDay, parseIsoDate, type Instant, type IsoDate } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { planKeepUntil, type KeepStep } from '../domain/keep-until.ts';
import { azn, type Locale, type Money } from '../domain/money.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Database } from '../db/database.ts';
import { listActivePlans } from '../db/plan-repository.ts';
import { listActivePromotions } from '../db/promotion-repository.ts';
import { findLinkedLine } from './get-customer-line.ts';

export interface KeepUntilDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
}

export interface KeepUntilRequest {
  readonly msisdn: string;
  /** YYYY-MM-DD, as typed. */
  readonly date: string;
  readonly receiveOnly: boolean;
}

export interface KeepUntilStepView {
  readonly kind: 'renewal' | 'top_up';
  readonly planCode?: string;
  readonly planName?: string;
  readonly months?: number;
  /** A top-up: the amount and the days the band table gives for it. */
  readonly amount?: Money;
  readonly days?: number;
  /** The day to buy it (Asia/Baku). */
  readonly on: IsoDate;
  readonly price: Money;
  readonly validUntilAfter: IsoDate;
  readonly buyNow: boolean;
}

export interface KeepUntilView {
  readonly msisdn: string;
  readonly date: IsoDate;
  readonly receiveOnly: boolean;
  readonly validUntil: IsoDate;
  readonly total: Money;
  readonly steps: readonly KeepUntilStepView[];
  readonly validUntilAfter: IsoDate;
}

function viewStep(step: KeepStep): KeepUntilStepView {
  const common = { on: step.on, price: azn(step.price), validUntilAfter: step.validUntilAfter, buyNow: step.buyNow };
  return step.kind === 'renewal'
    ? { kind: 'renewal', planCode: step.planCode, planName: step.planName, months: step.months, ...common }
    : { kind: 'top_up', amount: azn(step.amount), days: step.days, ...common };
}

export async function planKeepLineUntil(deps: KeepUntilDeps, customerId: string, request: KeepUntilRequest, locale: Locale): Promise<KeepUntilView> {
  const msisdn = parseMsisdn(request.msisdn);
  const date = parseIsoDate(request.date);
  const line = await findLinkedLine(deps.db, customerId, msisdn);
  if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  const [plans, promotions] = await Promise.all([listActivePlans(deps.db), listActivePromotions(deps.db)]);
  const now = deps.now();
  const plan = planKeepUntil({
    line, today: operatorDay(now), now, date, receiveOnly: request.receiveOnly, plans, promotions, policy: deps.policy, locale,
  });
  return {
    msisdn: line.msisdn, date, receiveOnly: request.receiveOnly, validUntil: line.validUntil,
    total: azn(plan.total), steps: plan.steps.map(viewStep), validUntilAfter: plan.validUntilAfter,
  };
}
