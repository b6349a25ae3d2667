// Support cases, their messages and the ledger entries they are about (migration 0056).
import type { CaseCategory, CaseMessageKind, CaseStatus } from '../domain/support-cases.ts';
import type { Sql } from './database.ts';

export interface SupportCase {
  readonly id: string;
  readonly customerId: string;
  readonly msisdn: string | null;
  readonly category: CaseCategory;
  readonly status: CaseStatus;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly firstAnsweredAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly disputeId: number | null;
}

export interface CaseMessage {
  readonly id: number;
  readonly kind: CaseMessageKind;
  readonly staffId: string | null;
  readonly staffName: string | null;
  readonly body: string;
  readonly createdAt: Date;
}

export interface CaseEntry {
  readonly id: number;
  readonly msisdn: string;
  readonly kind: string;
  readonly amount: number;
  readonly description: string;
  readonly createdAt: Date;
}

interface CaseRow {
  id: string; customer_id: string; msisdn: string | null; category: CaseCategory; status: CaseStatus; created_at: Date; updated_at: Date;
  first_answered_at: Date | null; resolved_at: Date | null; dispute_id: number | string | null;
}

const date = (v: Date | string): Date => new Date(v);
const maybeDate = (v: Date | string | null): Date | null => (v === null ? null : new Date(v));

function toCase(r: CaseRow): SupportCase {
  return {
    id: r.id, customerId: r.customer_id, msisdn: r.msisdn, category: r.category, status: r.status, createdAt: date(r.created_at),
    updatedAt: date(r.updated_at), firstAnsweredAt: maybeDate(r.first_answered_at), resolvedAt: maybeDate(r.resolved_at),
    disputeId: r.dispute_id === null ? null : Number(r.dispute_id),
  };
}

const caseColumns = 'id, customer_id, msisdn, category, status, created_at, updated_at, first_answered_at, resolved_at, dispute_id';

export interface NewCase {
  readonly id: string;
  readonly customerId: string;
  readonly msisdn: string | null;
  readonly category: CaseCategory;
  readonly text: string;
  readonly entryIds: readonly number[];
  readonly disputeId: number | null;
  readonly at: Date;
}

/** Inserts the case, its first message and its entries; a dispute already turned into a case inserts nothing (false). */
export async function insertCase(sql: Sql, c: NewCase): Promise<boolean> {
  const rows = await sql.query(
    `insert into support_cases (id, customer_id, msisdn, category, status, dispute_id, created_at, updated_at)
     values ($1, $2, $3, $4, 'open', $5, $6, $6) on conflict (dispute_id) do nothing returning 1`,
    [c.id, c.customerId, c.msisdn, c.category, c.disputeId, c.at]);
  if (rows.length === 0) return false;
  await sql.query(`insert into support_case_messages (case_id, kind, body, created_at) values ($1, 'text', $2, $3)`, [c.id, c.text, c.at]);
  if (c.entryIds.length > 0) {
    await sql.query('insert into support_case_entries (case_id, entry_id) select $1, unnest($2::int8[]) on conflict do nothing', [c.id, c.entryIds]);
  }
  return true;
}

export async function findCase(sql: Sql, id: string, lock = false): Promise<SupportCase | undefined> {
  // A malformed id is simply no case (the column is a uuid).
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const [row] = await sql.query<CaseRow>(`select ${caseColumns} from support_cases where id = $1${lock ? ' for update' : ''}`, [id]);
  return row ? toCase(row) : undefined;
}

export async function findCaseByDispute(sql: Sql, disputeId: number): Promise<SupportCase | undefined> {
  const [row] = await sql.query<CaseRow>(`select ${caseColumns} from support_cases where dispute_id = $1`, [disputeId]);
  return row ? toCase(row) : undefined;
}

export async function listCustomerCases(sql: Sql, customerId: string, limit: number): Promise<SupportCase[]> {
  const rows = await sql.query<CaseRow>(`select ${caseColumns} from support_cases where customer_id = $1 order by created_at desc, id limit $2`, [customerId, limit]);
  return rows.map(toCase);
}

/** The support queue: unresolved cases, oldest first (waiting longest on top). */
export async function listOpenCases(sql: Sql, limit: number): Promise<SupportCase[]> {
  const rows = await sql.query<CaseRow>(`select ${caseColumns} from support_cases where status <> 'resolved' order by created_at, id limit $1`, [limit]);
  return rows.map(toCase);
}

export async function listCaseMessages(sql: Sql, caseId: string): Promise<CaseMessage[]> {
  const rows = await sql.query<{ id: number | string; kind: CaseMessageKind; staff_id: string | null; staff_name: string | null; body: string; created_at: Date }>(
    `select m.id, m.kind, m.staff_id, s.name as staff_name, m.body, m.created_at
       from support_case_messages m left join staff s on s.id = m.staff_id where m.case_id = $1 order by m.id`, [caseId]);
  return rows.map((r) => ({ id: Number(r.id), kind: r.kind, staffId: r.staff_id, staffName: r.staff_name, body: r.body, createdAt: date(r.created_at) }));
}

export async function listCaseEntries(sql: Sql, caseId: string): Promise<CaseEntry[]> {
  const rows = await sql.query<{ id: number | string; msisdn: string; kind: string; amount: number | string; description: string; created_at: Date }>(
    `select e.id, e.msisdn, e.kind, e.amount, e.description, e.created_at
       from support_case_entries c join ledger_entries e on e.id = c.entry_id where c.case_id = $1 order by e.id`, [caseId]);
  return rows.map((r) => ({ id: Number(r.id), msisdn: r.msisdn, kind: r.kind, amount: Number(r.amount), description: r.description, createdAt: date(r.created_at) }));
}

/** Of these ledger entry ids, those written on one of these numbers (the customer's own). */
export async function entriesOnLines(sql: Sql, entryIds: readonly number[], msisdns: readonly string[]): Promise<Set<number>> {
  const rows = await sql.query<{ id: number | string }>(
    'select id from ledger_entries where id = any($1::int8[]) and msisdn = any($2::text[])', [entryIds, msisdns]);
  return new Set(rows.map((r) => Number(r.id)));
}

export async function addCaseMessage(sql: Sql, caseId: string, kind: CaseMessageKind, staffId: string | null, body: string, at: Date): Promise<void> {
  await sql.query('insert into support_case_messages (case_id, kind, staff_id, body, created_at) values ($1, $2, $3, $4, $5)', [caseId, kind, staffId, body, at]);
}

/** Moves a case to `status`; the first staff message stamps first_answered_at, a resolution resolved_at. */
export async function updateCaseStatus(sql: Sql, caseId: string, status: CaseStatus, byStaff: string | null, at: Date): Promise<void> {
  await sql.query(
    `update support_cases set status = $2, updated_at = $4,
        first_answered_at = case when $3::text is not null and first_answered_at is null then $4 else first_answered_at end,
        resolved_at = case when $2 = 'resolved' then $4 else null end,
        resolved_by = case when $2 = 'resolved' then $3 else null end
      where id = $1`, [caseId, status, byStaff, at]);
}

/** Opening, first-answer and resolution moments of the cases opened in [from, to). */
export async function caseTimesBetween(sql: Sql, from: Date, to: Date): Promise<{ createdAt: Date; firstAnsweredAt: Date | null; resolvedAt: Date | null }[]> {
  const rows = await sql.query<{ created_at: Date; first_answered_at: Date | null; resolved_at: Date | null }>(
    'select created_at, first_answered_at, resolved_at from support_cases where created_at >= $1 and created_at < $2', [from, to]);
  return rows.map((r) => ({ createdAt: date(r.created_at), firstAnsweredAt: maybeDate(r.first_answered_at), resolvedAt: maybeDate(r.resolved_at) }));
}

/** The live numbers of an account, its login number first (where SMS about a case go when it names none). */
export async function customerNumbers(sql: Sql, customerId: string): Promise<string[]> {
  const rows = await sql.query<{ msisdn: string }>(
    'select msisdn from customer_lines where customer_id = $1 and detached_at is null order by is_login desc, msisdn', [customerId]);
  return rows.map((r) => r.msisdn);
}

/** The language SMS to this number are written in. */
export async function lineLanguage(sql: Sql, msisdn: string): Promise<string | undefined> {
  const [row] = await sql.query<{ language: string }>('select language from lines where msisdn = $1', [msisdn]);
  return row?.language;
}

export async function countCaseMessages(sql: Sql, caseId: string): Promise<number> {
  const [row] = await sql.query<{ n: number | string }>('select count(*) as n from support_case_messages where case_id = $1', [caseId]);
  return Number(row?.n ?? 0);
}

/** The "this wasn't me" recorded on a spending alert, if any. */
export async function disputeOfAlert(sql: Sql, alertId: number): Promise<number | undefined> {
  const [row] = await sql.query<{ id: number | string }>('select id from spending_disputes where alert_id = $1', [alertId]);
  return row ? Number(row.id) : undefined;
}
