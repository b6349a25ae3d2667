// Lines and their ledger. Every write here runs inside a transaction opened by a service; the
// line row lock (select ... for update) is what serialises concurrent changes to one line.
import { parseIsoDate, type IsoDate } from '../domain/calendar.ts';
import type { LineStatus } from '../domain/lifecycle.ts';
import type { Line, LedgerEntryDraft } from '../domain/line.ts';
import { isLocale, qepik } from '../domain/money.ts';
import { trustedMsisdn, type Msisdn } from '../domain/msisdn.ts';
import type { ScheduledPlan } from '../domain/plan-change.ts';
import type { Sql } from './database.ts';
import { claimSmsKeys, insertClaimedSms, type OutboxRow } from './sms-outbox-repository.ts';

/** A lines row as selected with lineColumns (also by other repositories' joins). */
export interface LineRow {
  msisdn: string;
  iccid: string;
  status: LineStatus;
  balance: number;
  valid_until: string;
  plan_code: string | null;
  language: string;
}

const lineColumns = 'l.msisdn, l.iccid, l.status, l.balance, l.valid_until, l.plan_code, l.language';

export function toLine(row: LineRow): Line {
  return {
    msisdn: trustedMsisdn(row.msisdn),
    iccid: row.iccid,
    status: row.status,
    balance: qepik(row.balance),
    validUntil: row.valid_until as IsoDate,
    planCode: row.plan_code,
    language: isLocale(row.language) ? row.language : 'en',
  };
}

export async function findLine(sql: Sql, msisdn: Msisdn): Promise<Line | undefined> {
  const [row] = await sql.query<LineRow>(`select ${lineColumns} from lines l where l.msisdn = $1`, [msisdn]);
  return row ? toLine(row) : undefined;
}

export async function findLineByIccid(sql: Sql, iccid: string): Promise<Line | undefined> {
  const [row] = await sql.query<LineRow>(`select ${lineColumns} from lines l where l.iccid = $1`, [iccid]);
  return row ? toLine(row) : undefined;
}

/** The result an operation stored, by its idempotency key (what caused it). */
export async function findOperationResult<R>(sql: Sql, idempotencyKey: string): Promise<R | undefined> {
  const [row] = await sql.query<{ result: R }>(`select o.result from ledger_operation_keys k
       join ledger_operations o on o.id = k.operation_id and o.created_at = k.created_at
      where k.idempotency_key = $1`, [idempotencyKey]);
  return row?.result;
}

export interface StoredOperation {
  readonly msisdn: string;
  readonly requestHash: string;
  readonly result: unknown;
}

/**
 * Locks the line and, in the same round trip, looks up an earlier operation with this key.
 * `line` is undefined when the number is unknown; `operation` when the key is new.
 */
export async function lockLineWithOperation(sql: Sql, msisdn: Msisdn, idempotencyKey: string): Promise<{ line?: Line; operation?: StoredOperation; scheduled?: ScheduledPlan }> {
  const rows = await sql.query<LineRow & { op_msisdn: string | null; op_hash: string | null; op_result: unknown; next_plan: string | null; next_starts_on: string | null }>(
    `with l as (select * from lines where msisdn = $1 for update)
     select ${lineColumns}, o.msisdn as op_msisdn, o.request_hash as op_hash, o.result as op_result,
            s.plan_code as next_plan, s.starts_on::text as next_starts_on
       from (select 1) one
       left join l on true
       left join ledger_operation_keys ok on ok.idempotency_key = $2
       left join ledger_operations o on o.id = ok.operation_id and o.created_at = ok.created_at
       left join scheduled_plans s on s.msisdn = $1`,
    [msisdn, idempotencyKey],
  );
  const row = rows[0];
  if (!row) return {};
  return {
    ...(row.msisdn ? { line: toLine(row) } : {}),
    ...(row.next_plan !== null && row.next_starts_on !== null ? { scheduled: { planCode: row.next_plan, startsOn: parseIsoDate(row.next_starts_on) } } : {}),
    ...(row.op_hash !== null && row.op_msisdn !== null ? { operation: { msisdn: row.op_msisdn, requestHash: row.op_hash, result: row.op_result } } : {}),
  };
}

// The ledger's two tables, written by every change below: one operation per cause, its entries.
const operationColumns = 'msisdn, idempotency_key, request_hash, kind, reference, policy_version, result, created_at';
const entryColumns = 'operation_id, msisdn, kind, amount, valid_until_before, valid_until_after, description, created_at';

export interface OperationToSave {
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly kind: string;
  readonly reference: string | null;
  readonly policyVersion: string;
  readonly result: unknown;
  readonly at: Date;
  readonly cause: string;
}

/**
 * Writes the operation, its entries, the line's new state, (when the stage changed) a lifecycle
 * event, (when given) the confirming SMS and (planSchedule null) the end of a scheduled plan change
 * in one statement: one round trip keeps the row lock short. The SMS is skipped when its dedupe
 * key is in the outbox already.
 */
export async function saveLineChange(
  sql: Sql, before: Line, after: Line, entries: readonly LedgerEntryDraft[], op: OperationToSave, sms: OutboxRow | null, planSchedule?: ScheduledPlan | null,
  /** Nothing follows in the caller's transaction: the commit goes with this statement. */
  endsTransaction = false,
): Promise<number> {
  const entryRows = entries.map((e) => ({ kind: e.kind, amount: e.amount, vb: e.validUntilBefore, va: e.validUntilAfter, description: e.description, details: e.details ?? null }));
  const smsRows = sms ? [{
    msisdn: sms.msisdn, kind: sms.kind, language: sms.language, body: sms.body, check_code: sms.checkCode, dedupe_key: sms.dedupeKey,
    not_before: sms.notBefore.toISOString(), created_at: sms.createdAt.toISOString(),
  }] : [];
  const last = endsTransaction && !planSchedule;
  const [row] = await (last ? sql.queryAndCommit.bind(sql) : sql.query.bind(sql))<{ id: number }>(
    `with op as (
       insert into ledger_operations (${operationColumns})
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id
     ), op_key as (
       insert into ledger_operation_keys (idempotency_key, operation_id, created_at) select $2, id, $8 from op
     ), entries as (
       insert into ledger_entries (${entryColumns}, details)
       select op.id, $1, e.kind, e.amount, e.vb, e.va, e.description, $8, e.details
         from op, jsonb_to_recordset($9::jsonb) as e(kind text, amount bigint, vb date, va date, description text, details jsonb)
     ), line as (
       update lines set balance = $10, valid_until = $11, status = $12, plan_code = $13, updated_at = $8,
              status_changed_at = case when status <> $12 then $8 else status_changed_at end
        where msisdn = $1
     ), event as (
       insert into lifecycle_events (msisdn, from_status, to_status, valid_until, cause, occurred_at)
       select $1, $14, $12, $11, $15, $8 where $14 <> $12
     ), sms_in as (
       select * from jsonb_to_recordset($16::jsonb) as s(msisdn text, kind text, language text, body text, check_code text, dedupe_key text, not_before timestamptz, created_at timestamptz)
     ), sms_key as (${claimSmsKeys('sms_in')}
     ), sms as (${insertClaimedSms('sms_in', 'sms_key')}
     ), unscheduled as (
       delete from scheduled_plans where msisdn = $1 and $17
     )
     select id from op`,
    [before.msisdn, op.idempotencyKey, op.requestHash, op.kind, op.reference, op.policyVersion, JSON.stringify(op.result), op.at,
      JSON.stringify(entryRows), after.balance, after.validUntil, after.status, after.planCode, before.status, op.cause, JSON.stringify(smsRows),
      // null: the line's scheduled plan change is dropped (a renewal decided so), in the same statement.
      planSchedule === null],
  );
  if (!row) throw new Error('ledger operation was not written');
  // Only renewals that schedule a plan change say more, so every other change keeps its one round trip.
  if (planSchedule) {
    await sql.query(
      `insert into scheduled_plans (msisdn, plan_code, starts_on, updated_at) values ($1, $2, $3, $4)
       on conflict (msisdn) do update set plan_code = excluded.plan_code, starts_on = excluded.starts_on, updated_at = excluded.updated_at`,
      [before.msisdn, planSchedule.planCode, planSchedule.startsOn, op.at]);
  }
  return row.id;
}

/** The stored numbers and ICCIDs among these, as (msisdn, iccid) pairs: who already has what. */
export async function findStoredLineKeys(sql: Sql, msisdns: readonly string[], iccids: readonly string[]): Promise<{ msisdn: string; iccid: string }[]> {
  return sql.query<{ msisdn: string; iccid: string }>(
    'select msisdn, iccid from lines where msisdn = any($1::text[]) or iccid = any($2::text[])', [msisdns, iccids]);
}

/**
 * Writes new lines with their opening ledger operation ("provision:<msisdn>") and entry (the
 * opening balance and validity) in one statement; a number already stored is left as it is.
 */
export async function insertProvisionedLines(sql: Sql, lines: readonly Line[], at: Date, policyVersion: string): Promise<void> {
  const input = lines.map((l) => ({ msisdn: l.msisdn, iccid: l.iccid, status: l.status, balance: l.balance, valid_until: l.validUntil, plan_code: l.planCode, language: l.language }));
  await sql.query(
    `with input as (
       select * from jsonb_to_recordset($1::jsonb)
         as r(msisdn text, iccid text, status text, balance bigint, valid_until date, plan_code text, language text)
     ), ins as (
       insert into lines (msisdn, iccid, status, balance, valid_until, plan_code, language, status_changed_at, created_at, updated_at)
       select msisdn, iccid, status, balance, valid_until, plan_code, language, $2, $2, $2 from input
       on conflict (msisdn) do nothing
       returning msisdn, balance, valid_until
     ), op as (
       insert into ledger_operations (${operationColumns})
       select msisdn, 'provision:' || msisdn, '', 'provision', null, $3, jsonb_build_object('msisdn', msisdn), $2 from ins
       returning id, msisdn, idempotency_key
     ), op_key as (
       insert into ledger_operation_keys (idempotency_key, operation_id, created_at) select idempotency_key, id, $2 from op
     )
     insert into ledger_entries (${entryColumns})
     select op.id, op.msisdn, 'opening_balance', ins.balance, ins.valid_until, ins.valid_until, 'opening balance and validity at provisioning', $2
       from op join ins using (msisdn)`,
    [JSON.stringify(input), at, policyVersion],
  );
}

/**
 * lockLineWithOperation for many lines in one round trip: the lines locked in number order (two
 * batches never wait on each other in a cycle) and each key's earlier operation, by key.
 */
export async function lockLinesWithOperations(sql: Sql, requests: readonly { msisdn: Msisdn; idempotencyKey: string }[]): Promise<Map<string, { line?: Line; operation?: StoredOperation }>> {
  const rows = await sql.query<LineRow & { key: string; op_msisdn: string | null; op_hash: string | null; op_result: unknown }>(
    `with k as (select * from unnest($1::text[], $2::text[]) as k(msisdn, key)),
     l as (select * from lines where msisdn in (select msisdn from k) order by msisdn for update)
     select k.key, ${lineColumns}, o.msisdn as op_msisdn, o.request_hash as op_hash, o.result as op_result
       from k
       left join l on l.msisdn = k.msisdn
       left join ledger_operation_keys ok on ok.idempotency_key = k.key
       left join ledger_operations o on o.id = ok.operation_id and o.created_at = ok.created_at`,
    [requests.map((r) => r.msisdn), requests.map((r) => r.idempotencyKey)],
  );
  return new Map(rows.map((row) => [row.key, {
    ...(row.msisdn ? { line: toLine(row) } : {}),
    ...(row.op_hash !== null && row.op_msisdn !== null ? { operation: { msisdn: row.op_msisdn, requestHash: row.op_hash, result: row.op_result } } : {}),
  }]));
}

export interface LineChangeToSave {
  readonly before: Line;
  readonly after: Line;
  readonly entries: readonly LedgerEntryDraft[];
  readonly op: OperationToSave;
  readonly sms: OutboxRow | null;
}

/**
 * saveLineChange for many lines (one change each) in one statement: the same writes, set-based.
 * The rows go as `json` (read as they are parsed), not `jsonb` (built whole in binary form first),
 * and the entries as a flat list of their own beside the operations, joined by key: a nested
 * array would be one more json_to_recordset call per line.
 */
export async function saveLineChanges(sql: Sql, changes: readonly LineChangeToSave[]): Promise<void> {
  if (changes.length === 0) return;
  const input = changes.map((c) => ({
    msisdn: c.before.msisdn, idempotency_key: c.op.idempotencyKey, request_hash: c.op.requestHash, kind: c.op.kind, reference: c.op.reference,
    policy_version: c.op.policyVersion, result: c.op.result, at: c.op.at.toISOString(), cause: c.op.cause,
    balance: c.after.balance, valid_until: c.after.validUntil, status: c.after.status, plan_code: c.after.planCode, before_status: c.before.status,
  }));
  // In each change's order, so a change's entries keep their order in the ledger (ids follow it).
  const entryRows = changes.flatMap((c) => c.entries.map((e) => ({
    idempotency_key: c.op.idempotencyKey, kind: e.kind, amount: e.amount, vb: e.validUntilBefore, va: e.validUntilAfter, description: e.description,
    details: e.details ?? null,
  })));
  const smsRows = changes.flatMap((c) => c.sms ? [{
    msisdn: c.sms.msisdn, kind: c.sms.kind, language: c.sms.language, body: c.sms.body, check_code: c.sms.checkCode, dedupe_key: c.sms.dedupeKey,
    not_before: c.sms.notBefore.toISOString(), created_at: c.sms.createdAt.toISOString(),
  }] : []);
  await sql.query(
    `with input as (
       select * from json_to_recordset($1::json) as r(msisdn text, idempotency_key text, request_hash text, kind text, reference text,
         policy_version text, result jsonb, at timestamptz, cause text, balance bigint, valid_until date, status text, plan_code text,
         before_status text)
     ), op as (
       insert into ledger_operations (${operationColumns})
       select msisdn, idempotency_key, request_hash, kind, reference, policy_version, result, at from input
       returning id, msisdn, idempotency_key, created_at
     ), op_key as (
       insert into ledger_operation_keys (idempotency_key, operation_id, created_at) select idempotency_key, id, created_at from op
     ), entries as (
       insert into ledger_entries (${entryColumns}, details)
       select op.id, op.msisdn, e.kind, e.amount, e.vb, e.va, e.description, op.created_at, e.details
         from rows from (json_to_recordset($2::json) as (idempotency_key text, kind text, amount bigint, vb date, va date, description text, details jsonb))
                with ordinality as e(idempotency_key, kind, amount, vb, va, description, details, n)
         join op using (idempotency_key)
        order by e.n
     ), line as (
       update lines l set balance = i.balance, valid_until = i.valid_until, status = i.status, plan_code = i.plan_code, updated_at = i.at,
              status_changed_at = case when l.status <> i.status then i.at else l.status_changed_at end
         from input i where l.msisdn = i.msisdn
     ), event as (
       insert into lifecycle_events (msisdn, from_status, to_status, valid_until, cause, occurred_at)
       select msisdn, before_status, status, valid_until, cause, at from input where before_status <> status
     ), sms_in as (
       select * from json_to_recordset($3::json) as s(msisdn text, kind text, language text, body text, check_code text, dedupe_key text, not_before timestamptz, created_at timestamptz)
     ), sms_key as (${claimSmsKeys('sms_in')}
     )
     ${insertClaimedSms('sms_in', 'sms_key')}`,
    [JSON.stringify(input), JSON.stringify(entryRows), JSON.stringify(smsRows)],
  );
}
