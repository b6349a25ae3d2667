// A line's spending as stored: ledger entries with their Baku day and, for usage entries, what each
// usage kind charged; budgets; anomaly alerts and disputes; the watch job's window.
import type { IsoDate } from '../domain/calendar.ts';
import { qepik, type Qepik } from '../domain/money.ts';
import type { Anomaly, AnomalyCause, AnomalyKind, SpendingAlert as StoredAlert, UsageCharge } from '../domain/spending-anomalies.ts';

export type { StoredAlert };
import type { SpendingEntry } from '../domain/spending.ts';
import { isOneOf, usageKinds, type UsageKind } from '../domain/vocabularies.ts';
import type { Sql } from './database.ts';

const BAKU_DAY = `to_char(e.created_at at time zone 'Asia/Baku', 'YYYY-MM-DD')`;

interface EntryRow { msisdn: string; id: number; kind: string; amount: number; day: string; reverses: string | null; key: string; is_new: boolean }

/** What each usage kind charged in each of these usage operations (by their idempotency keys). */
async function usageSplits(sql: Sql, msisdns: readonly string[], keys: readonly string[]): Promise<Map<string, Map<UsageKind, Qepik>>> {
  const split = new Map<string, Map<UsageKind, Qepik>>();
  if (keys.length === 0) return split;
  const parts = await sql.query<{ key: string; kind: string; charged: number }>(
    `select ledger_key as key, kind, sum(charged)::bigint as charged from usage_records
      where msisdn = any($1::text[]) and ledger_key = any($2::text[]) group by ledger_key, kind`, [msisdns, keys]);
  for (const p of parts) {
    if (!isOneOf(usageKinds, p.kind)) continue;
    const m = split.get(p.key) ?? new Map<UsageKind, Qepik>();
    m.set(p.kind, qepik(Number(p.charged)));
    split.set(p.key, m);
  }
  return split;
}

export interface WatchedSpendingEntry extends SpendingEntry {
  /** Written after the watch's `since`. */
  readonly isNew: boolean;
}

/**
 * Ledger entries of these lines written from the start of `fromDay` (Baku), oldest first, usage
 * split by kind; those written after `since` are marked new. Two statements for any number of lines.
 */
export async function findSpendingEntriesOf(
  sql: Sql, msisdns: readonly string[], fromDay: IsoDate, since: Date, heldSince: Date | null = null,
): Promise<Map<string, WatchedSpendingEntry[]>> {
  const rows = await sql.query<EntryRow>(
    `select e.msisdn, e.id, e.kind, e.amount, ${BAKU_DAY} as day, e.details->>'reverses' as reverses, o.idempotency_key as key, e.created_at > $3 as is_new
       from ledger_entries e join ledger_operations o on o.id = e.operation_id
      where e.msisdn = any($1::text[]) and e.created_at >= ($2::date::timestamp at time zone 'Asia/Baku')
        and ($4::timestamptz is null or e.created_at >= $4)
      order by e.id`, [msisdns, fromDay, since, heldSince]);
  const split = await usageSplits(sql, msisdns, rows.filter((r) => r.kind === 'usage').map((r) => r.key));
  const byLine = new Map<string, WatchedSpendingEntry[]>(msisdns.map((m) => [m, []]));
  for (const r of rows) {
    byLine.get(r.msisdn)?.push({
      id: Number(r.id), kind: r.kind, amount: qepik(Number(r.amount)), day: r.day as IsoDate, reverses: r.reverses,
      usageByKind: split.get(r.key) ?? new Map(), isNew: r.is_new,
    });
  }
  return byLine;
}

/**
 * Ledger entries written from the start of `fromDay` (Baku) and not before `heldSince` (when the
 * reader's account proved the line: a previous holder's spending is not theirs to see), oldest
 * first, usage split by kind.
 */
export async function findSpendingEntries(sql: Sql, msisdn: string, fromDay: IsoDate, heldSince: Date): Promise<SpendingEntry[]> {
  // Which entries are new means nothing to the page: any moment will do.
  return (await findSpendingEntriesOf(sql, [msisdn], fromDay, new Date(0), heldSince)).get(msisdn) ?? [];
}

/** The Baku day of each line's first ledger entry (its known history starts there). */
export async function findHistoryStarts(sql: Sql, msisdns: readonly string[]): Promise<Map<string, IsoDate>> {
  const rows = await sql.query<{ msisdn: string; day: string }>(
    `select m.msisdn, (select ${BAKU_DAY} from ledger_entries e where e.msisdn = m.msisdn order by e.id limit 1) as day
       from unnest($1::text[]) as m (msisdn)`, [msisdns]);
  return new Map(rows.flatMap((r) => (r.day === null ? [] : [[r.msisdn, r.day as IsoDate] as const])));
}

/** Usage records of these lines that charged the balance, happened from `fromDay`; those received after `newSince` are new. */
export async function findUsageChargesOf(sql: Sql, msisdns: readonly string[], fromDay: IsoDate, newSince: Date): Promise<Map<string, UsageCharge[]>> {
  const rows = await sql.query<{ msisdn: string; source_id: string; kind: string; destination: string | null; day: string; at: Date; charged: number; is_new: boolean }>(
    `select msisdn, source_id, kind, destination, to_char(occurred_at at time zone 'Asia/Baku', 'YYYY-MM-DD') as day, occurred_at as at,
            charged, received_at > $3 as is_new
       from usage_records
      where msisdn = any($1::text[]) and occurred_at >= ($2::date::timestamp at time zone 'Asia/Baku') and charged > 0
      order by occurred_at, source_id`, [msisdns, fromDay, newSince]);
  const byLine = new Map<string, UsageCharge[]>(msisdns.map((m) => [m, []]));
  for (const r of rows) {
    if (!isOneOf(usageKinds, r.kind)) continue;
    byLine.get(r.msisdn)?.push({
      sourceId: r.source_id, kind: r.kind, destination: r.destination, day: r.day as IsoDate, at: new Date(r.at).getTime(),
      amount: qepik(Number(r.charged)), isNew: r.is_new,
    });
  }
  return byLine;
}

/** Each line's language and monthly budget (null without one). */
export async function findWatchedLines(sql: Sql, msisdns: readonly string[]): Promise<Map<string, { language: string; budget: Qepik | null }>> {
  const rows = await sql.query<{ msisdn: string; language: string; monthly_budget: number | null }>(
    `select l.msisdn, l.language, b.monthly_budget from lines l left join line_budgets b on b.msisdn = l.msisdn where l.msisdn = any($1::text[])`, [msisdns]);
  return new Map(rows.map((r) => [r.msisdn, { language: r.language, budget: r.monthly_budget === null ? null : qepik(Number(r.monthly_budget)) }]));
}

export async function findBudget(sql: Sql, msisdn: string): Promise<Qepik | null> {
  const rows = await sql.query<{ monthly_budget: number }>('select monthly_budget from line_budgets where msisdn = $1', [msisdn]);
  const row = rows[0];
  return row ? qepik(Number(row.monthly_budget)) : null;
}

export async function saveBudget(sql: Sql, msisdn: string, customerId: string, budget: Qepik, at: Date): Promise<void> {
  await sql.query(
    `insert into line_budgets (msisdn, monthly_budget, customer_id, updated_at) values ($1, $2, $3, $4)
     on conflict (msisdn) do update set monthly_budget = excluded.monthly_budget, customer_id = excluded.customer_id, updated_at = excluded.updated_at`,
    [msisdn, budget, customerId, at]);
}

export async function deleteBudget(sql: Sql, msisdn: string): Promise<void> {
  await sql.query('delete from line_budgets where msisdn = $1', [msisdn]);
}

/** Stores an anomaly unless the line has it already; its id when this call stored it. */
export async function insertAlert(sql: Sql, msisdn: string, a: Anomaly, at: Date): Promise<number | undefined> {
  const rows = await sql.query<{ id: number }>(
    `insert into spending_alerts (msisdn, alert_key, kind, day, amount, baseline, causes, more_causes, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (msisdn, alert_key) do nothing returning id`,
    [msisdn, a.key, a.kind, a.day, a.amount, a.baseline === null ? null : JSON.stringify(a.baseline), JSON.stringify(a.causes), a.moreCauses, at]);
  return rows[0] ? Number(rows[0].id) : undefined;
}


interface AlertRow { id: number; kind: AnomalyKind; day: string; amount: number; causes: AnomalyCause[]; more_causes: number; created_at: Date; disputed_at: Date | null }

const alertSelect = `select a.id, a.kind, to_char(a.day, 'YYYY-MM-DD') as day, a.amount, a.causes, a.more_causes, a.created_at, d.created_at as disputed_at
  from spending_alerts a left join spending_disputes d on d.alert_id = a.id`;

function toAlert(r: AlertRow): StoredAlert {
  return {
    id: Number(r.id), kind: r.kind, day: r.day as IsoDate, amount: qepik(Number(r.amount)), causes: r.causes, moreCauses: Number(r.more_causes),
    createdAt: new Date(r.created_at), disputedAt: r.disputed_at === null ? null : new Date(r.disputed_at),
  };
}

/** A line's latest alerts raised since `heldSince`, newest first. */
export async function findAlerts(sql: Sql, msisdn: string, limit: number, heldSince: Date): Promise<StoredAlert[]> {
  const rows = await sql.query<AlertRow>(`${alertSelect} where a.msisdn = $1 and a.created_at >= $3 order by a.id desc limit $2`, [msisdn, limit, heldSince]);
  return rows.map(toAlert);
}

export async function findAlert(sql: Sql, msisdn: string, id: number, heldSince: Date): Promise<StoredAlert | undefined> {
  const rows = await sql.query<AlertRow>(`${alertSelect} where a.msisdn = $1 and a.id = $2 and a.created_at >= $3`, [msisdn, id, heldSince]);
  return rows[0] ? toAlert(rows[0]) : undefined;
}

/** Records "this wasn't me" once; a second press finds it recorded. */
export async function insertDispute(sql: Sql, alertId: number, customerId: string, at: Date): Promise<void> {
  await sql.query('insert into spending_disputes (alert_id, customer_id, created_at) values ($1, $2, $3) on conflict (alert_id) do nothing',
    [alertId, customerId, at]);
}

/**
 * Takes the watch window under the row's lock (passes in several processes run one after another)
 * and moves its end to `until`; returns where the last pass ended (or `firstFrom` on the first).
 */
export async function advanceWatchWindow(sql: Sql, until: Date, firstFrom: Date): Promise<Date> {
  await sql.query('insert into spending_watch (id, checked_until) values (true, $1) on conflict (id) do nothing', [firstFrom]);
  const rows = await sql.query<{ checked_until: Date }>('select checked_until from spending_watch where id for update');
  const from = rows[0] ? new Date(rows[0].checked_until) : firstFrom;
  if (until > from) await sql.query('update spending_watch set checked_until = $1 where id', [until]);
  return from;
}

/** Lines with ledger entries written in (from, until]. */
export async function findLinesWrittenBetween(sql: Sql, from: Date, until: Date): Promise<string[]> {
  const rows = await sql.query<{ msisdn: string }>(
    'select distinct msisdn from ledger_entries where created_at > $1 and created_at <= $2 order by msisdn', [from, until]);
  return rows.map((r) => r.msisdn);
}
