// A line's ledger between two moments, and its balance at the first: what a statement is made of.
import type { Sql } from './database.ts';

export interface StatementEntryRow {
  readonly id: number;
  readonly kind: string;
  readonly amount: number;
  readonly valid_until_before: string;
  readonly valid_until_after: string;
  readonly description: string;
  readonly reference: string | null;
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
    select e.id, e.operation_id, e.kind, e.amount, e.valid_until_before, e.valid_until_after, e.description, e.created_at
      from ledger_entries e
     where e.msisdn = $1 and e.created_at < $3)
  select null::int8 as id, 'opening' as kind, coalesce(sum(s.amount), 0)::int8 as amount,
         null as valid_until_before, null as valid_until_after, '' as description, null as reference, null::timestamptz as created_at
    from scoped s where s.created_at < $2
  union all
  select s.id, s.kind, s.amount, to_char(s.valid_until_before, 'YYYY-MM-DD'), to_char(s.valid_until_after, 'YYYY-MM-DD'),
         s.description, o.reference, s.created_at
    from scoped s join ledger_operations o on o.id = s.operation_id
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
