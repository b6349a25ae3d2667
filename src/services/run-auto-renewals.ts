// The auto-renew job's pass: for each line with a standing order whose run is due, charge it once
// per period — from the balance in one transaction with the renewal, or a saved method off-session
// and then the line — within the monthly cap. A failed try is retried on the lifecycle's
// checkpoints and the customer hears of each by SMS. Safe in several processes at once: the
// setting row is locked while a run is decided, and the run is unique per line and period.
import { operatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import {
  capAllows, capMonth, capRetryDay, currentPeriod, nextAttemptDay, runCost, runMoment, wantsRun, type AutoRenewRule, type PeriodRun,
} from '../domain/auto-renew.ts';
import { planText } from '../domain/catalog.ts';
import { convertQepik } from '../domain/fx.ts';
import { isDomainError } from '../domain/errors.ts';
import { sweptStatus } from '../domain/lifecycle.ts';
import { renewWithPayment, topUp, type Line } from '../domain/line.ts';
import { qepik, type Qepik } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import { formatSmsDate, smsAmount, smsText } from '../domain/sms-templates.ts';
import type { Database, Sql } from '../db/database.ts';
import {
  claimRun, claimStaleCharges, markRunForRefund, countChargedBelow, findAutoRenew, findMethod, findRun, finishRun, listAutoRenewCandidates, monthSpent,
  type AutoRenewRun, type RunPurchase,
} from '../db/auto-renew-repository.ts';
import { hasLiveLink } from '../db/account-repository.ts';
import { findLine } from '../db/line-repository.ts';
import { findPlan } from '../db/plan-repository.ts';
import type { FxRateSource } from '../payments/fx-rate-source.ts';
import type { ChargeAmount, OffSessionCharge, PaymentProviders, ProviderName } from '../payments/payment-provider.ts';
import { applyLineChange } from './apply-line-change.ts';
import { enqueueSms } from './enqueue-sms.ts';
import type { Logger } from './logger.ts';
import { renewLineFromBalance } from './renew-from-balance.ts';
import { hashRequest } from './request-hash.ts';

export interface AutoRenewJobDeps {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly now: () => Instant;
  readonly providers: PaymentProviders;
  /** PayPal does not settle in AZN: off-session charges there are converted at this rate. */
  readonly fx?: { readonly currency: string; readonly source: FxRateSource };
  readonly logger: Logger;
}

export type RunOutcome = 'charged' | 'declined' | 'held' | 'pending' | 'none';
export type AutoRenewPassResult = Readonly<Record<Exclude<RunOutcome, 'none'>, number>>;

const PAGE = 200;
/** A charge in flight this long was left by a process that stopped: asked again, same provider key. */
export const STALE_CHARGE_MS = 10 * 60 * 1000;

export async function runAutoRenewals(deps: AutoRenewJobDeps, at: Instant = deps.now()): Promise<AutoRenewPassResult> {
  const result = { charged: 0, declined: 0, held: 0, pending: 0 };
  const tally = (outcome: RunOutcome): void => {
    if (outcome !== 'none') result[outcome] += 1;
  };
  const stale = await deps.db.tx((sql) => claimStaleCharges(sql, new Date(at - STALE_CHARGE_MS), new Date(at), PAGE));
  for (const run of stale) tally(await chargeSavedMethod(deps, run.msisdn, run, at));
  if (at < runMoment(operatorDay(at))) return result;
  let after = '';
  const today = operatorDay(at);
  for (;;) {
    // A page read without locks says which lines may want a run today; only those are decided
    // under their setting's lock, in a transaction each (most standing orders, most days, are not
    // due: without this a pass cost a transaction per standing order). A line whose state changes
    // between the read and the next pass is seen on that pass.
    const page = await listAutoRenewCandidates(deps.db, after, PAGE);
    for (const { stored, line } of page) {
      if (line && mayWantRun(stored.setting.rule, line, today, deps.policy)) tally(await runLine(deps, stored.msisdn, at));
    }
    const last = page[page.length - 1];
    if (page.length < PAGE || last === undefined) return result;
    after = last.stored.msisdn;
  }
}

/**
 * runLine's own first test, on the line as last committed: false only where runLine would find
 * nothing to do. (A low-balance rule's period depends on this month's charges only for its key,
 * never for whether it is due, so the count is not needed here.)
 */
function mayWantRun(rule: AutoRenewRule, stored: Pick<Line, 'validUntil' | 'balance' | 'status'>, today: IsoDate, policy: ValidityPolicy): boolean {
  const line = { ...stored, status: sweptStatus(stored.status, stored.validUntil, today, policy) };
  return wantsRun(rule, line, currentPeriod(rule, line, today, 0), today);
}

function retryDue(run: PeriodRun, today: IsoDate): boolean {
  return (run.status === 'failed' || run.status === 'skipped_cap') && run.nextAttemptOn !== null && run.nextAttemptOn <= today;
}

type Step = { readonly outcome: RunOutcome } | { readonly outcome: 'charge'; readonly run: AutoRenewRun };

/** Decides and claims one line's run under its setting's row lock; a balance renewal completes here. */
export async function runLine(deps: AutoRenewJobDeps, msisdn: Msisdn, at: Instant): Promise<RunOutcome> {
  const step = await deps.db.tx(async (sql): Promise<Step> => {
    const stored = await findAutoRenew(sql, msisdn, true);
    const storedLine = stored && (await findLine(sql, msisdn));
    if (!stored || !storedLine) return { outcome: 'none' };
    // Only while the account that set it still holds the line: its card pays for nobody else's.
    if (!(await hasLiveLink(sql, stored.customerId, msisdn))) return { outcome: 'none' };
    const today = operatorDay(at);
    const month = capMonth(today);
    const line = { ...storedLine, status: sweptStatus(storedLine.status, storedLine.validUntil, today, deps.policy) };
    const { rule, monthlyCap, source } = stored.setting;
    const period = currentPeriod(rule, line, today, rule.kind === 'top_up_below' ? await countChargedBelow(sql, msisdn, month) : 0);
    if (!wantsRun(rule, line, period, today)) return { outcome: 'none' };
    const existing = await findRun(sql, msisdn, period.key);
    if (existing && !retryDue(existing.run, today)) return { outcome: 'none' };
    const plan = rule.kind === 'renew' ? await findPlan(sql, rule.planCode) : undefined;
    if (rule.kind === 'renew' && !plan) {
      deps.logger.warn({ msisdn, planCode: rule.planCode }, 'auto-renew names a plan no longer on sale; not run');
      return { outcome: 'none' };
    }
    const cost = runCost(rule, plan?.monthlyPrice);
    const purchase: RunPurchase = rule.kind === 'renew' ? { kind: 'renew', planCode: rule.planCode, months: rule.months } : { kind: 'top_up' };
    // The cap is read and the run reserved in this transaction, under the setting's lock: what
    // is charged or in flight this month plus this run never passes the cap.
    const allowed = capAllows(qepik(await monthSpent(sql, msisdn, month)), cost, monthlyCap);
    const run = await claimRun(sql, {
      msisdn, periodKey: period.key, capMonth: month, amount: cost, source, isTry: allowed, paymentMethodId: stored.paymentMethodId, purchase,
    }, today, new Date(at));
    if (!run) return { outcome: 'none' };
    if (!allowed) {
      const retryDate = capRetryDay(today);
      await finishRun(sql, run.id, { status: 'skipped_cap', nextAttemptOn: retryDate, failure: 'cap' }, new Date(at));
      await enqueueSms(sql, {
        msisdn, kind: 'auto_renew_notice', language: line.language, dedupeKey: `auto-renew:${msisdn}:${period.key}:cap:${month}`,
        text: smsText('auto_renew_notice.cap_reached', line.language, {
          msisdn, amount: smsAmount(cost), cap: smsAmount(monthlyCap), retryDate: formatSmsDate(retryDate, line.language),
        }),
      }, at);
      return { outcome: 'held' };
    }
    if (source === 'balance' && rule.kind === 'renew' && plan) {
      return { outcome: await renewFromBalanceRun(sql, deps, line, run, planText(plan, line.language).name, at) };
    }
    return { outcome: 'charge', run };
  });
  // The provider is asked outside any transaction: the run is claimed, so no one else charges it.
  return step.outcome === 'charge' && 'run' in step ? chargeSavedMethod(deps, msisdn, step.run, at) : step.outcome;
}

async function renewFromBalanceRun(sql: Sql, deps: AutoRenewJobDeps, line: Line, run: AutoRenewRun, planName: string, at: Instant): Promise<RunOutcome> {
  if (run.purchase.kind !== 'renew') return 'none';
  await sql.query('savepoint auto_renew_balance');
  try {
    await renewLineFromBalance(sql, { policy: deps.policy }, {
      msisdn: line.msisdn, planCode: run.purchase.planCode, planName, months: run.purchase.months, price: qepik(run.amount),
      // One renewal per period: the key is the period's, so a second pass can never renew again.
      idempotencyKey: `auto-renew:${line.msisdn}:${run.periodKey}`, cause: `auto-renew run ${run.id}`, now: at,
    });
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'INSUFFICIENT_BALANCE') throw error;
    await sql.query('rollback to savepoint auto_renew_balance');
    return failRun(sql, deps, line, run, 'insufficient_balance', at);
  }
  await finishRun(sql, run.id, { status: 'charged' }, new Date(at));
  return 'charged';
}

/** The try failed: the next lifecycle checkpoint is set (or the period given up) and the customer told. */
async function failRun(sql: Sql, deps: AutoRenewJobDeps, line: Line, run: AutoRenewRun, failure: 'declined' | 'insufficient_balance', at: Instant): Promise<RunOutcome> {
  const today = operatorDay(at);
  const next = nextAttemptDay(run.purchase.kind, today, run.attempts, line.validUntil, deps.policy) ?? null;
  if (!(await finishRun(sql, run.id, { status: 'failed', nextAttemptOn: next, failure }, new Date(at)))) return 'none';
  const variant = next === null ? 'final' : failure === 'declined' ? 'declined' : 'balance_low';
  await enqueueSms(sql, {
    msisdn: line.msisdn, kind: 'auto_renew_notice', language: line.language, dedupeKey: `auto-renew:${line.msisdn}:${run.periodKey}:try:${run.attempts}`,
    text: smsText(`auto_renew_notice.${variant}`, line.language, {
      msisdn: line.msisdn, amount: smsAmount(qepik(run.amount)), balance: smsAmount(line.balance),
      validUntil: formatSmsDate(line.validUntil, line.language), retryDate: next === null ? '' : formatSmsDate(next, line.language),
    }),
  }, at);
  return 'declined';
}

async function chargeFor(deps: AutoRenewJobDeps, provider: string, amount: Qepik): Promise<ChargeAmount> {
  if (provider !== 'paypal' || !deps.fx) return { amount, currency: 'AZN' };
  const rate = await deps.fx.source.rateFor(deps.fx.currency);
  return { amount: convertQepik(amount, rate, deps.fx.currency), currency: deps.fx.currency };
}

/** Charges the run's saved method off-session, then settles the line and the run in one transaction. */
async function chargeSavedMethod(deps: AutoRenewJobDeps, msisdn: Msisdn, run: AutoRenewRun, at: Instant): Promise<RunOutcome> {
  const method = run.paymentMethodId ? await findMethod(deps.db, run.paymentMethodId) : undefined;
  const saved = method?.status === 'saved' ? deps.providers[method.provider as ProviderName]?.savedMethods : undefined;
  let result: OffSessionCharge;
  if (!method?.token || !saved) {
    result = { status: 'declined', reason: 'the saved payment method is gone' };
  } else {
    try {
      result = await saved.chargeOffSession({
        token: method.token, providerCustomer: method.providerCustomer, charge: await chargeFor(deps, method.provider, qepik(run.amount)),
        description: `Saxla ${msisdn}`, idempotencyKey: `saxla-auto-${run.id}-${run.attempts}`,
      });
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'PAYMENT_PROVIDER_UNAVAILABLE') throw error;
      // Left in flight: a later pass asks again with the same key, so it is still one charge.
      deps.logger.warn({ msisdn, runId: run.id, err: error }, 'auto-renew charge could not reach the provider; asked again later');
      return 'pending';
    }
  }
  const provider = method?.provider ?? 'unknown';
  return deps.db.tx(async (sql) => {
    const line = await findLine(sql, msisdn);
    if (!line) return 'none';
    if (result.status === 'declined') return failRun(sql, deps, line, run, 'declined', at);
    if (!(await finishRun(sql, run.id, { status: 'charged', providerPaymentId: result.paymentId }, new Date(at)))) return 'none';
    await creditLine(sql, deps, msisdn, run, `${provider}:${result.paymentId}`, at);
    return 'charged';
  });
}

async function creditLine(sql: Sql, deps: AutoRenewJobDeps, msisdn: Msisdn, run: AutoRenewRun, reference: string, at: Instant): Promise<void> {
  const { purchase } = run;
  const price = qepik(run.amount);
  const plan = purchase.kind === 'renew' ? await findPlan(sql, purchase.planCode) : undefined;
  await sql.query('savepoint auto_renew_credit');
  try {
    await applyLineChange(sql, {
      msisdn,
      // Keyed on the provider's payment: one payment can never extend the line twice.
      idempotencyKey: `auto-renew-payment:${reference}`,
      requestHash: hashRequest({ runId: run.id, reference }),
      kind: purchase.kind === 'renew' ? 'auto_renewal' : 'auto_top_up',
      reference, cause: `auto-renew run ${run.id}`, now: at, policy: deps.policy,
      decide: (line, today, scheduled) => {
        const change = purchase.kind === 'renew'
          ? renewWithPayment(line, { planCode: purchase.planCode, months: purchase.months, price }, reference, today, deps.policy, scheduled)
          : topUp(line, price, today, deps.policy);
        return { change, result: { runId: run.id, validUntilBefore: line.validUntil, validUntilAfter: change.line.validUntil } };
      },
      confirmation: (change) => {
        const l = change.line;
        const validUntil = formatSmsDate(l.validUntil, l.language);
        const text = purchase.kind === 'renew'
          ? smsText('renewal_confirmation', l.language, { msisdn: l.msisdn, plan: plan ? planText(plan, l.language).name : purchase.planCode, months: purchase.months, amount: smsAmount(price), validUntil })
          : smsText('top_up_confirmation', l.language, { amount: smsAmount(price), msisdn: l.msisdn, balance: smsAmount(l.balance), validUntil });
        return { msisdn: l.msisdn, kind: purchase.kind === 'renew' ? 'renewal_confirmation' : 'top_up_confirmation', language: l.language, text, dedupeKey: `auto-renew-payment:${reference}` };
      },
    });
  } catch (error) {
    if (!isDomainError(error) || !['LINE_IN_QUARANTINE', 'LINE_RECYCLABLE'].includes(error.code)) throw error;
    // Charged, but the line lapsed past renewal meanwhile: recorded for the operator to refund.
    await sql.query('rollback to savepoint auto_renew_credit');
    await markRunForRefund(sql, run.id);
    deps.logger.error({ runId: run.id, reference }, 'auto-renew charged a line that can no longer be renewed: refund it');
  }
}
