// A line's spending for its customer: this month and the 12 before by kind against the monthly
// budget, the latest anomaly alerts; setting or clearing the budget; "this wasn't me" on an
// alert. A line the customer has not proven, or an alert of another line, answers 404.
import { operatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { qepik, type Qepik } from '../domain/money.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import { BUDGET_ALERT_BP, lastMonths, summariseMonths, type MonthSpending } from '../domain/spending.ts';
import type { Database, Sql } from '../db/database.ts';
import { findLiveLinkVerifiedAt } from '../db/statement-repository.ts';
import { openDisputeCase } from './support-cases.ts';
import {
  deleteBudget, findAlert, findAlerts, findBudget, findSpendingEntries, insertDispute, saveBudget, type StoredAlert,
} from '../db/spending-repository.ts';

export interface LineSpendingDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

export interface LineSpending {
  readonly msisdn: Msisdn;
  readonly budget: Qepik | null;
  /** The spend at which the budget SMS goes (80 %), null without a budget. */
  readonly alertAt: Qepik | null;
  /** This month first, then the 12 before it. */
  readonly months: readonly MonthSpending[];
  readonly alerts: readonly StoredAlert[];
}

/** How many alerts the page lists. */
const ALERTS_SHOWN = 20;
/** The largest budget accepted: 100,000 AZN, far above any prepaid month. */
export const MAX_BUDGET = qepik(10_000_000);

/** The line, if this account holds a live link to it, and since when (what happened before is not theirs). */
async function provenLine(sql: Sql, customerId: string, msisdnText: string): Promise<{ msisdn: Msisdn; heldSince: Date }> {
  const msisdn = parseMsisdn(msisdnText);
  const heldSince = await findLiveLinkVerifiedAt(sql, customerId, msisdn);
  if (!heldSince) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  return { msisdn, heldSince };
}

export async function getLineSpending(deps: LineSpendingDeps, customerId: string, msisdnText: string): Promise<LineSpending> {
  return deps.db.tx(async (sql) => {
    const { msisdn, heldSince } = await provenLine(sql, customerId, msisdnText);
    const months = lastMonths(operatorDay(deps.now()));
    const oldest = months.at(-1) ?? months[0] ?? '';
    const entries = await findSpendingEntries(sql, msisdn, `${oldest}-01` as IsoDate, heldSince);
    const budget = await findBudget(sql, msisdn);
    return {
      msisdn, budget, alertAt: budget === null ? null : qepik(Math.ceil((budget * BUDGET_ALERT_BP) / 10_000)),
      months: summariseMonths(entries, months), alerts: await findAlerts(sql, msisdn, ALERTS_SHOWN, heldSince),
    };
  });
}

/** Sets the line's monthly budget (qəpik, 1 qəpik to 100,000 AZN) or, with null, clears it. */
export async function setLineBudget(deps: LineSpendingDeps, customerId: string, msisdnText: string, budget: number | null): Promise<LineSpending> {
  if (budget !== null && (!Number.isSafeInteger(budget) || budget <= 0 || budget > MAX_BUDGET)) {
    throw new DomainError('INVALID_AMOUNT', 'a monthly budget is a whole number of qəpik from 1 to 10000000 (100,000 AZN)');
  }
  await deps.db.tx(async (sql) => {
    const { msisdn } = await provenLine(sql, customerId, msisdnText);
    if (budget === null) await deleteBudget(sql, msisdn);
    else await saveBudget(sql, msisdn, customerId, qepik(budget), new Date(deps.now()));
  });
  return getLineSpending(deps, customerId, msisdnText);
}

/** Records "this wasn't me" on one of the line's alerts (once; pressing again changes nothing). */
export async function disputeSpendingAlert(deps: LineSpendingDeps, customerId: string, msisdnText: string, alertId: number): Promise<StoredAlert> {
  return deps.db.tx(async (sql) => {
    const { msisdn, heldSince } = await provenLine(sql, customerId, msisdnText);
    const alert = Number.isSafeInteger(alertId) && alertId > 0 ? await findAlert(sql, msisdn, alertId, heldSince) : undefined;
    if (!alert) throw new DomainError('NOT_FOUND', `no alert ${alertId} on ${msisdn}`);
    await insertDispute(sql, alert.id, customerId, new Date(deps.now()));
    // The support team sees it as a case, with the charges that caused the alert attached.
    await openDisputeCase(sql, customerId, msisdn, alert, new Date(deps.now()));
    const recorded = await findAlert(sql, msisdn, alert.id, heldSince);
    if (!recorded) throw new DomainError('NOT_FOUND', `no alert ${alertId} on ${msisdn}`);
    return recorded;
  });
}
