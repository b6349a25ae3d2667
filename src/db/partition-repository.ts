// The monthly partitions of the growing tables (migration 0061): made ahead by
// saxla_ensure_month_partitions, listed from the catalogue, dropped whole.
import type { IsoDate } from '../domain/calendar.ts';
import type { PartitionedTable } from '../domain/partition-retention.ts';
import type { Sql } from './database.ts';

// One key for all partition upkeep: two job processes never create or drop at the same time
// (the second waits, then finds the work done). "saxlapart" in ASCII, as other locks here.
const PARTITION_LOCK_KEY = 0x73617870617274;

/**
 * Takes the upkeep lock and bounds how long a DDL statement may queue for the table's lock: the
 * detach and attach wait for running queries, and every writer would queue behind them. A
 * timeout fails this run (the next one tries again), never the customers' writes.
 */
export async function lockPartitionUpkeep(sql: Sql): Promise<void> {
  await sql.query('select pg_advisory_xact_lock($1)', [PARTITION_LOCK_KEY]);
  await sql.query("select set_config('lock_timeout', '5s', true)");
}

/** Makes the months [first, last] exist and re-homes rows the default partition caught; returns how many it made. */
export async function ensureMonthPartitions(sql: Sql, table: PartitionedTable, key: string, first: IsoDate, last: IsoDate): Promise<number> {
  const [row] = await sql.query<{ created: number }>('select saxla_ensure_month_partitions($1, $2, $3, $4) as created', [table, key, first, last]);
  return Number(row?.created ?? 0);
}

/** The months (their first days) of a table's month partitions, oldest first. */
export async function listMonthPartitions(sql: Sql, table: PartitionedTable): Promise<IsoDate[]> {
  const rows = await sql.query<{ month: string }>(
    `select to_char(to_date(substring(c.relname from '_p([0-9]{6})$'), 'YYYYMM'), 'YYYY-MM-DD') as month
       from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = $1::regclass and c.relname ~ '_p[0-9]{6}$'
      order by 1`, [table]);
  return rows.map((r) => r.month as IsoDate);
}

/** Detaches and drops one month of a table: its rows go at once, with no dead tuples left. */
export async function dropMonthPartition(sql: Sql, table: PartitionedTable, month: IsoDate): Promise<void> {
  const name = `${table}_p${month.slice(0, 4)}${month.slice(5, 7)}`;
  // Names come from the vocabulary of tables and a checked date, and are quoted all the same.
  await sql.query(`alter table ${quoteIdent(table)} detach partition ${quoteIdent(name)}`);
  await sql.query(`drop table ${quoteIdent(name)}`);
}

/**
 * Forgets up to `limit` SMS dedupe keys written before `before` (the months the outbox dropped);
 * returns how many. In batches, so one run never holds a long delete.
 */
export async function deleteSmsKeysBefore(sql: Sql, before: Date, limit: number): Promise<number> {
  const rows = await sql.query<{ n: number }>(
    `with gone as (
       delete from sms_outbox_keys where dedupe_key in (select dedupe_key from sms_outbox_keys where created_at < $1 limit $2)
       returning 1
     ) select count(*)::int8 as n from gone`, [before, limit]);
  return Number(rows[0]?.n ?? 0);
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
}
