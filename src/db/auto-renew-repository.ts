// Auto-renew's rows: each line's standing order, its runs (unique per line and period), and the
// payment methods customers saved at a provider. Writes run inside a service's transaction.
import type { IsoDate } from '../domain/calendar.ts';
import type { AutoRenewRule, AutoRenewSetting, AutoRenewSource, PeriodRun } from '../domain/auto-renew.ts';
import type { LineStatus } from '../domain/lifecycle.ts';
import { qepik, type Qepik } from '../domain/money.ts';
import { trustedMsisdn, type Msisdn } from '../domain/msisdn.ts';
import type { Sql } from './database.ts';

export interface StoredAutoRenew {
  readonly msisdn: Msisdn;
  readonly customerId: string;
  readonly setting: AutoRenewSetting;
  readonly paymentMethodId: string | null;
}

interface SettingRow {
  msisdn: string; customer_id: string; mode: 'renew' | 'top_up'; plan_code: string | null; months: number | null; days_before: number | null;
  amount: number | null; below_balance: number | null; day_of_month: number | null; monthly_cap: number; source: AutoRenewSource;
  payment_method_id: string | null;
}

function ruleOf(r: SettingRow): AutoRenewRule {
  if (r.mode === 'renew') return { kind: 'renew', planCode: r.plan_code ?? '', months: r.months ?? 1, daysBefore: r.days_before ?? 0 };
  const amount = qepik(r.amount ?? 0);
  return r.below_balance !== null
    ? { kind: 'top_up_below', amount, belowBalance: qepik(r.below_balance) }
    : { kind: 'top_up_monthly', amount, dayOfMonth: r.day_of_month ?? 1 };
}

const toStored = (r: SettingRow): StoredAutoRenew => ({
  msisdn: trustedMsisdn(r.msisdn), customerId: r.customer_id, paymentMethodId: r.payment_method_id,
  setting: { rule: ruleOf(r), monthlyCap: qepik(r.monthly_cap), source: r.source },
});

const settingColumns = 'msisdn, customer_id, mode, plan_code, months, days_before, amount, below_balance, day_of_month, monthly_cap, source, payment_method_id';

/** `lock`: the row lock that makes one process at a time decide a line's run. */
export async function findAutoRenew(sql: Sql, msisdn: Msisdn, lock = false): Promise<StoredAutoRenew | undefined> {
  const [row] = await sql.query<SettingRow>(`select ${settingColumns} from auto_renew_settings where msisdn = $1${lock ? ' for update' : ''}`, [msisdn]);
  return row ? toStored(row) : undefined;
}

export async function saveAutoRenew(sql: Sql, stored: StoredAutoRenew, at: Date): Promise<void> {
  const { rule, monthlyCap, source } = stored.setting;
  const renew = rule.kind === 'renew' ? rule : undefined;
  await sql.query(
    `insert into auto_renew_settings (${settingColumns}, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
     on conflict (msisdn) do update set customer_id = excluded.customer_id, mode = excluded.mode, plan_code = excluded.plan_code,
       months = excluded.months, days_before = excluded.days_before, amount = excluded.amount, below_balance = excluded.below_balance,
       day_of_month = excluded.day_of_month, monthly_cap = excluded.monthly_cap, source = excluded.source,
       payment_method_id = excluded.payment_method_id, updated_at = excluded.updated_at`,
    [stored.msisdn, stored.customerId, renew ? 'renew' : 'top_up', renew?.planCode ?? null, renew?.months ?? null, renew?.daysBefore ?? null,
      rule.kind === 'renew' ? null : rule.amount, rule.kind === 'top_up_below' ? rule.belowBalance : null,
      rule.kind === 'top_up_monthly' ? rule.dayOfMonth : null, monthlyCap, source, stored.paymentMethodId, at]);
}

export async function deleteAutoRenew(sql: Sql, msisdn: Msisdn): Promise<boolean> {
  const rows = await sql.query<{ msisdn: string }>('delete from auto_renew_settings where msisdn = $1 returning msisdn', [msisdn]);
  return rows.length > 0;
}

/** Numbers gone to new owners: the old owner's standing orders (and their card) end with them. */
export async function deleteAutoRenewForLines(sql: Sql, msisdns: readonly string[]): Promise<number> {
  const rows = await sql.query<{ msisdn: string }>('delete from auto_renew_settings where msisdn = any($1::text[]) returning msisdn', [msisdns]);
  return rows.length;
}

/** The lines with a standing order, in pages (the job walks them all each pass). */
/** A standing order with its line's state as last committed (no lock): for choosing whom to look at closely. */
export interface AutoRenewCandidate {
  readonly stored: StoredAutoRenew;
  readonly line: { readonly validUntil: IsoDate; readonly balance: Qepik; readonly status: LineStatus } | undefined;
}

/** A page of standing orders in number order, each with its line's validity, balance and stage. */
export async function listAutoRenewCandidates(sql: Sql, after: string, limit: number): Promise<AutoRenewCandidate[]> {
  const rows = await sql.query<SettingRow & { valid_until: string | null; balance: number | null; status: LineStatus | null }>(
    `select ${settingColumns.split(', ').map((c) => `s.${c}`).join(', ')}, l.valid_until, l.balance, l.status
       from auto_renew_settings s left join lines l on l.msisdn = s.msisdn
      where s.msisdn > $1 order by s.msisdn limit $2`,
    [after, limit],
  );
  return rows.map((r) => ({
    stored: toStored(r),
    line: r.valid_until !== null && r.balance !== null && r.status !== null ? { validUntil: r.valid_until as IsoDate, balance: qepik(r.balance), status: r.status } : undefined,
  }));
}

export interface AutoRenewRun {
  readonly id: number;
  readonly periodKey: string;
  readonly amount: number;
  readonly source: AutoRenewSource;
  readonly attempts: number;
  readonly run: PeriodRun;
  readonly paymentMethodId: string | null;
  /** Why the last try did not charge: "declined", "insufficient_balance", "cap". */
  readonly failure: string | null;
  readonly purchase: RunPurchase;
  readonly updatedAt: Date;
}

/** What a run's money buys, kept on the run so a charge in flight settles as it was meant. */
export type RunPurchase = { readonly kind: 'renew'; readonly planCode: string; readonly months: number } | { readonly kind: 'top_up' };

interface RunRow {
  id: number; period_key: string; amount: number; source: AutoRenewSource; status: PeriodRun['status']; attempts: number;
  next_attempt_on: string | null; payment_method_id: string | null; failure: string | null; purchase: RunPurchase; updated_at: Date;
}
const runColumns = 'id, period_key, amount, source, status, attempts, next_attempt_on, payment_method_id, failure, purchase, updated_at';
const toRun = (r: RunRow): AutoRenewRun => ({
  id: r.id, periodKey: r.period_key, amount: r.amount, source: r.source, attempts: r.attempts, paymentMethodId: r.payment_method_id,
  failure: r.failure, purchase: r.purchase, updatedAt: r.updated_at,
  run: r.status === 'failed' || r.status === 'skipped_cap'
    ? { status: r.status, nextAttemptOn: r.next_attempt_on as IsoDate | null }
    : { status: r.status },
});

export async function findRun(sql: Sql, msisdn: Msisdn, periodKey: string): Promise<AutoRenewRun | undefined> {
  const [row] = await sql.query<RunRow>(`select ${runColumns} from auto_renew_runs where msisdn = $1 and period_key = $2`, [msisdn, periodKey]);
  return row ? toRun(row) : undefined;
}

/** What the cap counts this month: money charged and money in flight. */
export async function monthSpent(sql: Sql, msisdn: Msisdn, capMonth: string): Promise<number> {
  const [row] = await sql.query<{ spent: number }>(
    `select coalesce(sum(amount), 0)::int8 as spent from auto_renew_runs
      where msisdn = $1 and cap_month = $2 and status in ('charging', 'charged')`, [msisdn, capMonth]);
  return row?.spent ?? 0;
}

/** How many low-balance top-ups this month were charged: the next one's ordinal. */
export async function countChargedBelow(sql: Sql, msisdn: Msisdn, capMonth: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `select count(*)::int8 as n from auto_renew_runs where msisdn = $1 and period_key like $2 and status = 'charged'`, [msisdn, `below:${capMonth}:%`]);
  return row?.n ?? 0;
}

export interface RunAttempt {
  readonly msisdn: Msisdn;
  readonly periodKey: string;
  readonly capMonth: string;
  readonly amount: number;
  readonly source: AutoRenewSource;
  /** false when the cap holds the run before any charge: not counted among the period's tries. */
  readonly isTry: boolean;
  readonly paymentMethodId: string | null;
  readonly purchase: RunPurchase;
}

/**
 * Starts the period's run (in flight: 'charging'), or takes its due retry; undefined when another process holds it or it
 * is not due. The unique (msisdn, period_key) and the status guard make this the one claim.
 */
export async function claimRun(sql: Sql, attempt: RunAttempt, today: IsoDate, at: Date): Promise<AutoRenewRun | undefined> {
  const [row] = await sql.query<RunRow>(
    `insert into auto_renew_runs (msisdn, period_key, cap_month, amount, source, purchase, status, attempts, payment_method_id, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
     on conflict (msisdn, period_key) do update
       set cap_month = excluded.cap_month, amount = excluded.amount, source = excluded.source, purchase = excluded.purchase,
           status = excluded.status, attempts = auto_renew_runs.attempts + excluded.attempts,
           payment_method_id = excluded.payment_method_id, next_attempt_on = null, updated_at = excluded.updated_at
       where auto_renew_runs.status in ('failed', 'skipped_cap') and auto_renew_runs.next_attempt_on <= $11
     returning ${runColumns}`,
    [attempt.msisdn, attempt.periodKey, attempt.capMonth, attempt.amount, attempt.source, JSON.stringify(attempt.purchase), 'charging',
      attempt.isTry ? 1 : 0, attempt.paymentMethodId, at, today]);
  return row ? toRun(row) : undefined;
}

/** Ends a try that is in flight; false when another process already ended it (nothing to do). */
export async function finishRun(sql: Sql, id: number, outcome: { status: PeriodRun['status']; nextAttemptOn?: IsoDate | null; failure?: string; providerPaymentId?: string }, at: Date): Promise<boolean> {
  const rows = await sql.query<{ id: number }>(
    `update auto_renew_runs set status = $2, next_attempt_on = $3, failure = $4, provider_payment_id = coalesce($5, provider_payment_id), updated_at = $6
      where id = $1 and status = 'charging' returning id`,
    [id, outcome.status, outcome.nextAttemptOn ?? null, outcome.failure ?? null, outcome.providerPaymentId ?? null, at]);
  return rows.length > 0;
}

/** Charged, but the line could not take it: the operator refunds by hand (found by this mark). */
export async function markRunForRefund(sql: Sql, id: number): Promise<void> {
  await sql.query(`update auto_renew_runs set failure = 'charged_line_not_renewable' where id = $1`, [id]);
}

/** Charges left in flight by a process that stopped: taken again (with the same provider key) after `olderThan`. */
export async function claimStaleCharges(sql: Sql, olderThan: Date, at: Date, limit: number): Promise<(AutoRenewRun & { readonly msisdn: Msisdn })[]> {
  const rows = await sql.query<RunRow & { msisdn: string }>(
    `update auto_renew_runs set updated_at = $2
      where id in (select id from auto_renew_runs where status = 'charging' and source = 'saved_method' and updated_at < $1 order by id limit $3 for update skip locked)
      returning msisdn, ${runColumns}`, [olderThan, at, limit]);
  return rows.map((r) => ({ ...toRun(r), msisdn: trustedMsisdn(r.msisdn) }));
}

// Saved payment methods

export interface SavedPaymentMethod {
  readonly id: string;
  readonly customerId: string;
  readonly provider: string;
  readonly setupReference: string;
  readonly status: 'pending' | 'saved' | 'failed' | 'removed';
  readonly providerCustomer: string | null;
  readonly token: string | null;
  readonly label: string | null;
}

interface MethodRow { id: string; customer_id: string; provider: string; setup_reference: string; status: SavedPaymentMethod['status']; provider_customer: string | null; token: string | null; label: string | null }
const methodColumns = 'id, customer_id, provider, setup_reference, status, provider_customer, token, label';
const toMethod = (r: MethodRow): SavedPaymentMethod => ({
  id: r.id, customerId: r.customer_id, provider: r.provider, setupReference: r.setup_reference, status: r.status,
  providerCustomer: r.provider_customer, token: r.token, label: r.label,
});

export async function insertPendingMethod(sql: Sql, method: { id: string; customerId: string; provider: string; setupReference: string }, at: Date): Promise<void> {
  await sql.query(
    `insert into saved_payment_methods (id, customer_id, provider, setup_reference, status, created_at, updated_at) values ($1, $2, $3, $4, 'pending', $5, $5)`,
    [method.id, method.customerId, method.provider, method.setupReference, at]);
}

export async function findMethod(sql: Sql, id: string): Promise<SavedPaymentMethod | undefined> {
  const [row] = await sql.query<MethodRow>(`select ${methodColumns} from saved_payment_methods where id = $1`, [id]);
  return row ? toMethod(row) : undefined;
}

export async function settleMethod(sql: Sql, id: string, outcome: { status: 'saved' | 'failed'; token?: string; providerCustomer?: string | null; label?: string }, at: Date): Promise<void> {
  await sql.query(
    `update saved_payment_methods set status = $2, token = $3, provider_customer = $4, label = $5, updated_at = $6 where id = $1 and status = 'pending'`,
    [id, outcome.status, outcome.token ?? null, outcome.providerCustomer ?? null, outcome.label ?? null, at]);
}

/**
 * The customer removed a saved method: it is marked removed and every standing order it paid is
 * cancelled with it (none may fall back to something the customer did not choose).
 */
export async function removeMethod(sql: Sql, id: string, at: Date): Promise<string[]> {
  await sql.query(`update saved_payment_methods set status = 'removed', updated_at = $2 where id = $1`, [id, at]);
  const rows = await sql.query<{ msisdn: string }>('delete from auto_renew_settings where payment_method_id = $1 returning msisdn', [id]);
  return rows.map((r) => r.msisdn);
}

/** The customer's saved methods, newest first. */
export async function listSavedMethods(sql: Sql, customerId: string): Promise<SavedPaymentMethod[]> {
  const rows = await sql.query<MethodRow>(`select ${methodColumns} from saved_payment_methods where customer_id = $1 and status = 'saved' order by created_at desc, id`, [customerId]);
  return rows.map(toMethod);
}
