// A line's auto-renew or auto top-up as its customer sets, reads and cancels it. A setting whose
// one run costs more than its monthly cap is refused (AUTO_RENEW_OVER_CAP), and so is a saved
// method the customer has not saved yet. The job (run-auto-renewals.ts) does the charging.
import { formatInstant, operatorDay, type Instant } from '../domain/calendar.ts';
import {
  capMonth, checkSetting, currentPeriod, nextRunDay, runCost, runMoment,
  type AutoRenewMode, type AutoRenewRule, type AutoRenewSetting, type AutoRenewSource,
} from '../domain/auto-renew.ts';
import { offersDuration } from '../domain/catalog.ts';
import { DomainError } from '../domain/errors.ts';
import { sweptStatus } from '../domain/lifecycle.ts';
import { azn, qepik, type Money } from '../domain/money.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Database, Sql } from '../db/database.ts';
import {
  countChargedBelow, deleteAutoRenew, findAutoRenew, findMethod, findRun, listSavedMethods, monthSpent, saveAutoRenew, type StoredAutoRenew,
} from '../db/auto-renew-repository.ts';
import { findLine } from '../db/line-repository.ts';
import { findPlan } from '../db/plan-repository.ts';
import type { PaymentProviders } from '../payments/payment-provider.ts';
import { findLinkedLine } from './get-customer-line.ts';

export interface AutoRenewSettingsDeps {
  readonly db: Database;
  readonly now: () => Instant;
  readonly policy: ValidityPolicy;
  readonly providers: PaymentProviders;
}

/** The contract's shape, amounts as {amount, currency}. */
export interface AutoRenewBody {
  readonly mode: AutoRenewMode;
  readonly planCode?: string;
  readonly months?: number;
  readonly daysBefore?: number;
  readonly amount?: Money;
  readonly belowBalance?: Money;
  readonly dayOfMonth?: number;
  readonly monthlyCap: Money;
  readonly source: AutoRenewSource;
}

/** The setting as stored (the body's fields), with what the job knows of it. */
export interface AutoRenewView extends AutoRenewBody {
  readonly msisdn: string;
  /** When the job next tries; null while a low-balance top-up waits for the balance to fall. */
  readonly nextRunAt: string | null;
  readonly spentThisMonth: Money;
  /** The saved method that pays, as the customer recognises it ("•••• 4242"). */
  readonly paymentMethod: { readonly provider: string; readonly label: string } | null;
  /** Set when the last try failed or the cap held it: "declined", "insufficient_balance", "cap". */
  readonly lastProblem: string | null;
}

/** The body turned into the domain's rule; a combination that names no rule is a 400. */
export function ruleFromBody(body: AutoRenewBody): AutoRenewRule {
  const missing = (path: string): never => {
    throw new DomainError('VALIDATION_FAILED', `${path.slice(1)} is required for this mode`, [{ path, message: 'required' }]);
  };
  if (body.mode === 'renew') {
    if (body.amount !== undefined || body.belowBalance !== undefined || body.dayOfMonth !== undefined) {
      throw new DomainError('VALIDATION_FAILED', 'renew takes planCode, months and daysBefore, not top-up fields', [{ path: '/mode', message: 'renew' }]);
    }
    return { kind: 'renew', planCode: body.planCode ?? missing('/planCode'), months: body.months ?? missing('/months'), daysBefore: body.daysBefore ?? 3 };
  }
  if (body.planCode !== undefined || body.months !== undefined || body.daysBefore !== undefined) {
    throw new DomainError('VALIDATION_FAILED', 'top_up takes amount and belowBalance or dayOfMonth, not plan fields', [{ path: '/mode', message: 'top_up' }]);
  }
  const amount = qepik((body.amount ?? missing('/amount')).amount);
  if ((body.belowBalance === undefined) === (body.dayOfMonth === undefined)) {
    throw new DomainError('VALIDATION_FAILED', 'a top-up runs either when the balance falls below belowBalance or on dayOfMonth: give exactly one', [{ path: '/belowBalance', message: 'exactly one of belowBalance, dayOfMonth' }]);
  }
  return body.belowBalance !== undefined
    ? { kind: 'top_up_below', amount, belowBalance: qepik(body.belowBalance.amount) }
    : { kind: 'top_up_monthly', amount, dayOfMonth: body.dayOfMonth ?? 1 };
}

async function linkedLine(sql: Sql, customerId: string, msisdnText: string): Promise<Msisdn> {
  const msisdn = parseMsisdn(msisdnText);
  if (!(await findLinkedLine(sql, customerId, msisdn))) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  return msisdn;
}

async function view(sql: Sql, deps: AutoRenewSettingsDeps, stored: StoredAutoRenew): Promise<AutoRenewView> {
  const now = deps.now();
  const today = operatorDay(now);
  const { rule, monthlyCap, source } = stored.setting;
  const line = await findLine(sql, stored.msisdn);
  if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${stored.msisdn}`);
  const current = { ...line, status: sweptStatus(line.status, line.validUntil, today, deps.policy) };
  const charged = rule.kind === 'top_up_below' ? await countChargedBelow(sql, stored.msisdn, capMonth(today)) : 0;
  const period = currentPeriod(rule, current, today, charged);
  const run = await findRun(sql, stored.msisdn, period.key);
  const day = nextRunDay(rule, current, today, period, run?.run);
  const method = stored.paymentMethodId ? await findMethod(sql, stored.paymentMethodId) : undefined;
  const failure = run && (run.run.status === 'failed' || run.run.status === 'skipped_cap') ? run.failure : null;
  return {
    msisdn: stored.msisdn,
    mode: rule.kind === 'renew' ? 'renew' : 'top_up',
    ...(rule.kind === 'renew' ? { planCode: rule.planCode, months: rule.months, daysBefore: rule.daysBefore } : { amount: azn(rule.amount) }),
    ...(rule.kind === 'top_up_below' ? { belowBalance: azn(rule.belowBalance) } : {}),
    ...(rule.kind === 'top_up_monthly' ? { dayOfMonth: rule.dayOfMonth } : {}),
    monthlyCap: azn(monthlyCap),
    source,
    nextRunAt: day === null ? null : formatInstant(Math.max(runMoment(day), now) as Instant),
    spentThisMonth: azn(qepik(await monthSpent(sql, stored.msisdn, capMonth(today)))),
    paymentMethod: method?.label ? { provider: method.provider, label: method.label } : null,
    lastProblem: failure,
  };
}

export async function getAutoRenew(deps: AutoRenewSettingsDeps, customerId: string, msisdnText: string): Promise<AutoRenewView> {
  const msisdn = await linkedLine(deps.db, customerId, msisdnText);
  const stored = await findAutoRenew(deps.db, msisdn);
  if (!stored) throw new DomainError('NOT_FOUND', `no auto-renew on ${msisdn}`);
  return view(deps.db, deps, stored);
}

export async function setAutoRenew(deps: AutoRenewSettingsDeps, customerId: string, msisdnText: string, body: AutoRenewBody): Promise<AutoRenewView> {
  return deps.db.tx(async (sql) => {
    const msisdn = await linkedLine(sql, customerId, msisdnText);
    const rule = ruleFromBody(body);
    const setting: AutoRenewSetting = { rule, monthlyCap: qepik(body.monthlyCap.amount), source: body.source };
    let monthlyPrice;
    if (rule.kind === 'renew') {
      const plan = await findPlan(sql, rule.planCode);
      if (!plan) throw new DomainError('PLAN_NOT_FOUND', `no plan ${rule.planCode} on sale`);
      if (!offersDuration(plan, rule.months)) throw new DomainError('PLAN_DURATION_NOT_OFFERED', `${rule.planCode} is not sold for ${rule.months} months`);
      monthlyPrice = plan.monthlyPrice;
    }
    checkSetting(setting, runCost(rule, monthlyPrice));
    let paymentMethodId: string | null = null;
    if (setting.source === 'saved_method') {
      // The newest method this customer saved at a provider that can still charge it.
      const usable = (await listSavedMethods(sql, customerId)).find((m) => deps.providers[m.provider as keyof PaymentProviders]?.savedMethods);
      if (!usable) throw new DomainError('PAYMENT_METHOD_NOT_SAVED', 'save a payment method first, then choose it for automatic payments');
      paymentMethodId = usable.id;
    }
    const stored: StoredAutoRenew = { msisdn, customerId, setting, paymentMethodId };
    await saveAutoRenew(sql, stored, new Date(deps.now()));
    return view(sql, deps, stored);
  });
}

/** Cancel any time: the next pass finds no order. A charge already in flight still settles. */
export async function cancelAutoRenew(deps: AutoRenewSettingsDeps, customerId: string, msisdnText: string): Promise<void> {
  const msisdn = await linkedLine(deps.db, customerId, msisdnText);
  if (!(await deleteAutoRenew(deps.db, msisdn))) throw new DomainError('NOT_FOUND', `no auto-renew on ${msisdn}`);
}
