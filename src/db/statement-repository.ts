// A line's ledger between two moments, and its balance at the first: what a statement is made of.
import type { Sql } from './database.ts';

export interface StatementEntryRow {
  readonly id: number;
  readonly kind: string;
  readonly amount: number;
  readonly valid_until_before: string;
  readonly valid_until_after: string;
  readonly description: string;
  /** ledger_entries.details as stored (null before migration 0020). */
  readonly details: unknown;
  /** The operation's kind: `top_up`, `top_up_payment`, `renewal_payment`, `refund`… */
  readonly operation: string;
  readonly reference: string | null;
  /** The store of a counter sale (paid by `pos` or `qr`), else null. */
  readonly store_id: string | null;
  readonly created_at: Date;
}

export interface StatementRows {
  /** Sum of every entry before `start`: the balance brought forward. */
  readonly opening: number;
  readonly entries: readonly StatementEntryRow[];
}

// One statement, so the opening balance and the entries come from one snapshot even under
// read committed. Both halves walk ledger_entries_msisdn (msisdn, id): a line's own entries only.
// The opening row has id null and sorts first.
const statementSql = `
  with scoped as (
    select e.id, e.operation_id, e.kind, e.amount, e.valid_until_before, e.valid_until_after, e.description, e.details, e.created_at
      from ledger_entries e
     where e.msisdn = $1 and e.created_at < $3)
  select null::int8 as id, 'opening' as kind, coalesce(sum(s.amount), 0)::int8 as amount,
         null as valid_until_before, null as valid_until_after, '' as description, null::jsonb as details, '' as operation,
         null as reference, null as store_id, null::timestamptz as created_at
    from scoped s where s.created_at < $2
  union all
  select s.id, s.kind, s.amount, to_char(s.valid_until_before, 'YYYY-MM-DD'), to_char(s.valid_until_after, 'YYYY-MM-DD'),
         s.description, s.details, o.kind, o.reference, sale.store_id, s.created_at
    from scoped s join ledger_operations o on o.id = s.operation_id
    -- A counter sale's store, found through its payment ("pos:<id>" → payments → counter_sales).
    left join lateral (
      select cs.store_id from payments p join counter_sales cs on cs.order_id = p.order_id
       where (o.reference like 'pos:%' or o.reference like 'qr:%')
         and p.provider = split_part(o.reference, ':', 1) and p.provider_payment_id = substr(o.reference, strpos(o.reference, ':') + 1)
       limit 1) sale on true
   where s.created_at >= $2
   order by id nulls first`;

/** Entries with start ≤ created_at < end, in the order they were written. */
export async function readStatementRows(sql: Sql, msisdn: string, start: Date, end: Date): Promise<StatementRows> {
  const rows = await sql.query<Omit<StatementEntryRow, 'id'> & { id: number | null }>(statementSql, [msisdn, start, end]);
  const [first, ...rest] = rows;
  if (!first || first.id !== null) throw new Error('statement query lost its opening row');
  const entries = rest.map((r): StatementEntryRow => {
    if (r.id === null) throw new Error('statement query returned two opening rows');
    return { ...r, id: r.id, created_at: new Date(r.created_at) };
  });
  return { opening: first.amount, entries };
}

/** When this account proved the line (its live link), or undefined when it holds no live link. */
export async function findLiveLinkVerifiedAt(sql: Sql, customerId: string, msisdn: string): Promise<Date | undefined> {
  const [row] = await sql.query<{ verified_at: Date }>(
    'select verified_at from customer_lines where customer_id = $1 and msisdn = $2 and detached_at is null',
    [customerId, msisdn],
  );
  return row ? new Date(row.verified_at) : undefined;
}

/** The names (all languages) of these plans, sold or not: a statement may name a plan no longer offered. */
export async function findPlanTexts(sql: Sql, codes: readonly string[]): Promise<Map<string, unknown>> {
  if (codes.length === 0) return new Map();
  const rows = await sql.query<{ code: string; texts: unknown }>('select code, texts from plans where code = any($1::text[])', [codes]);
  return new Map(rows.map((r) => [r.code, r.texts]));
}

/** The names (az, en, ru) of these stores, open or closed since. */
export async function findStoreNames(sql: Sql, ids: readonly string[]): Promise<Map<string, unknown>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.query<{ id: string; names: unknown }>('select id, names from stores where id = any($1::text[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.names]));
}

/** The line's language: its statements and receipts are written in it unless the reader asks otherwise. */
export async function findLineLanguage(sql: Sql, msisdn: string): Promise<string | undefined> {
  const [row] = await sql.query<{ language: string }>('select language from lines where msisdn = $1', [msisdn]);
  return row?.language;
}
