// Usage records, their sourceId claims and the packs' counters. A batch's writes are a few
// set-based statements (rows as JSON record sets), never a statement per record. The rows go as
// `json`, not `jsonb`: json_to_recordset reads the text once as it goes, where a jsonb cast first
// builds the whole 10,000-row document in binary form (measured about twice as slow).
import type { IsoDate } from '../domain/calendar.ts';
import type { Line } from '../domain/line.ts';
import type { UsageKind } from '../domain/vocabularies.ts';
import type { Sql } from './database.ts';
import { toLine, type LineRow } from './line-repository.ts';
import { claimSmsKeys, insertClaimedSms, type OutboxRow } from './sms-outbox-repository.ts';

export interface UsageLine {
  readonly line: Line;
  /** The plan's allowances as stored (checked by the domain where used); null without a plan. */
  readonly allowances: unknown;
  /** The validity end the plan was last paid up to: packs renew on its day of the month. */
  readonly packAnchor: IsoDate;
}

const usageLineSql = `
  select l.msisdn, l.iccid, l.status, l.balance, to_char(l.valid_until, 'YYYY-MM-DD') as valid_until, l.plan_code, l.language,
         p.allowances, coalesce(to_char(a.anchor, 'YYYY-MM-DD'), to_char(l.valid_until, 'YYYY-MM-DD')) as pack_anchor
    from lines l
    left join plans p on p.code = l.plan_code
    left join lateral (
      select e.valid_until_after as anchor from ledger_entries e
       where e.msisdn = l.msisdn and e.kind in ('plan_charge', 'opening_balance')
       order by e.id desc limit 1) a on true
   where l.msisdn = any($1::text[])`;

/**
 * The lines with their plan's allowances and pack anchor. With `lock`, their rows are locked first,
 * in number order (two batches naming the same lines never wait on each other in a cycle), by a
 * statement of its own: a lock that waited for another batch re-checks only the line row (not a
 * join per row), and the read after it sees what that batch committed.
 */
export async function findUsageLines(sql: Sql, msisdns: readonly string[], lock: boolean): Promise<Map<string, UsageLine>> {
  // Counted, not returned: the rows themselves come with the read below.
  if (lock) await sql.query('select count(*) from (select 1 from lines where msisdn = any($1::text[]) order by msisdn for update) locked', [msisdns]);
  const rows = await sql.query<LineRow & { allowances: unknown; pack_anchor: string }>(usageLineSql, [msisdns]);
  return new Map(rows.map((r) => [r.msisdn, { line: toLine(r), allowances: r.allowances, packAnchor: r.pack_anchor as IsoDate }]));
}

/**
 * Claims these sourceIds for this batch and returns those it won. Ids are inserted in sorted
 * order, so two batches that share ids wait on each other's claims in one order, never a cycle;
 * an id another batch holds uncommitted is decided when that batch ends.
 */
export async function claimUsageSources(sql: Sql, sourceIds: readonly string[], at: Date): Promise<Set<string>> {
  const sorted = sourceIds.toSorted();
  // JSON, not a text[]: the driver quotes array elements one by one, JSON.stringify is native.
  // Only the ids held already (by an earlier or a concurrent batch) come back, usually none.
  const lost = await sql.query<{ source_id: string }>(
    `with ids as (select s from json_array_elements_text($1::json) as s),
     won as (
       insert into usage_sources (source_id, received_at)
       select s, $2 from ids order by s
       on conflict (source_id) do nothing
       returning source_id)
     select s as source_id from ids where s not in (select source_id from won)`,
    [JSON.stringify(sorted), at],
  );
  const lostIds = new Set(lost.map((r) => r.source_id));
  return new Set(sorted.filter((id) => !lostIds.has(id)));
}

export interface PackUsedRow {
  readonly msisdn: string;
  readonly periodStart: IsoDate;
  readonly kind: UsageKind;
  readonly used: number;
}

/** What these lines' packs have used in these periods (pairs of msisdn and period start). */
export async function findPacksUsed(sql: Sql, msisdns: readonly string[], periodStarts: readonly string[]): Promise<PackUsedRow[]> {
  if (msisdns.length === 0) return [];
  const rows = await sql.query<{ msisdn: string; period_start: string; kind: UsageKind; used: number }>(
    `select u.msisdn, to_char(u.period_start, 'YYYY-MM-DD') as period_start, u.kind, u.used
       from usage_packs u
       join unnest($1::text[], $2::date[]) as k(msisdn, period_start) using (msisdn, period_start)`,
    [msisdns, periodStarts],
  );
  return rows.map((r) => ({ msisdn: r.msisdn, periodStart: r.period_start as IsoDate, kind: r.kind, used: r.used }));
}

/** Adds usage to pack counters, creating the period's row on its first record. */
export async function addPacksUsed(sql: Sql, rows: readonly PackUsedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `insert into usage_packs (msisdn, period_start, kind, used)
     select msisdn, period_start, kind, used from json_to_recordset($1::json) as r(msisdn text, period_start date, kind text, used bigint)
     on conflict (msisdn, period_start, kind) do update set used = usage_packs.used + excluded.used`,
    [JSON.stringify(rows.map((r) => ({ msisdn: r.msisdn, period_start: r.periodStart, kind: r.kind, used: r.used })))],
  );
}

export interface RatedUsageRow {
  readonly sourceId: string;
  readonly msisdn: string;
  readonly kind: UsageKind;
  readonly quantity: number;
  readonly occurredAt: Date;
  readonly destination: string | null;
  readonly periodStart: IsoDate | null;
  readonly billable: number;
  readonly fromPack: number;
  readonly cost: number;
  readonly charged: number;
  readonly ledgerKey: string | null;
}

/** Writes rated records in one statement: the rows as one JSON array, read as a record set. */
export async function insertRatedUsage(sql: Sql, rows: readonly RatedUsageRow[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  const input = rows.map((r) => ({
    s: r.sourceId, m: r.msisdn, k: r.kind, q: r.quantity, o: r.occurredAt.toISOString(), d: r.destination, p: r.periodStart,
    b: r.billable, f: r.fromPack, c: r.cost, ch: r.charged, l: r.ledgerKey,
  }));
  await sql.query(
    `insert into usage_records (source_id, msisdn, kind, quantity, occurred_at, destination, period_start, billable, from_pack, cost, charged, ledger_key, received_at)
     select s, m, k, q, o, d, p, b, f, c, ch, l, $2
       from json_to_recordset($1::json)
         as r(s text, m text, k text, q bigint, o timestamptz, d text, p date, b bigint, f bigint, c bigint, ch bigint, l text)`,
    [JSON.stringify(input), at],
  );
}

export interface UsageTotalRow {
  readonly kind: UsageKind;
  readonly quantity: number;
  readonly charged: number;
  readonly records: number;
}

/** A line's usage with start ≤ occurred_at < end, summed per kind. */
export async function sumUsageByKind(sql: Sql, msisdn: string, start: Date, end: Date): Promise<UsageTotalRow[]> {
  return sql.query<UsageTotalRow>(
    `select kind, sum(quantity)::int8 as quantity, sum(charged)::int8 as charged, count(*)::int8 as records
       from usage_records where msisdn = $1 and occurred_at >= $2 and occurred_at < $3
      group by kind order by kind`,
    [msisdn, start, end],
  );
}

/** Usage notices into the outbox in one statement; a dedupe key already there keeps its message. */
export async function insertOutboxRows(sql: Sql, rows: readonly OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `with sms_in as (
       select * from json_to_recordset($1::json) as s(msisdn text, kind text, language text, body text, check_code text, dedupe_key text, not_before timestamptz, created_at timestamptz)
     ), sms_key as (${claimSmsKeys('sms_in')})
     ${insertClaimedSms('sms_in', 'sms_key')}`,
    [JSON.stringify(rows.map((r) => ({
      msisdn: r.msisdn, kind: r.kind, language: r.language, body: r.body, check_code: r.checkCode, dedupe_key: r.dedupeKey,
      not_before: r.notBefore.toISOString(), created_at: r.createdAt.toISOString(),
    })))],
  );
}
