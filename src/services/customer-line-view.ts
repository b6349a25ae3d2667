// A line as its customer sees it: the operator's view without the SIM serial, with the plan's name
// in the reader's language beside its code (customers see names, never codes).
import type { IsoDate } from '../domain/calendar.ts';
import { planText } from '../domain/catalog.ts';
import type { Line } from '../domain/line.ts';
import type { Locale } from '../domain/money.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Sql } from '../db/database.ts';
import { findPlanSoldOrRetired } from '../db/plan-repository.ts';
import { viewLine, type LineView } from './line-view.ts';

export type CustomerLineView = Pick<LineView, 'msisdn' | 'status' | 'balance' | 'validUntil' | 'plan' | 'language' | 'countdown'> & {
  /** The plan's name in the reader's language (the page's or the session's), null without a plan. */
  readonly planName: string | null;
};

export async function viewCustomerLine(sql: Sql, line: Line, today: IsoDate, policy: ValidityPolicy, locale: Locale): Promise<CustomerLineView> {
  const { msisdn, status, balance, validUntil, plan, language, countdown } = viewLine(line, today, policy);
  const found = plan === null ? undefined : await findPlanSoldOrRetired(sql, plan);
  // lines.plan_code references plans, so a plan is always found; the code is the last resort only.
  const planName = plan === null ? null : found ? planText(found, locale).name : plan;
  return { msisdn, status, balance, validUntil, plan, planName, language, countdown };
}
