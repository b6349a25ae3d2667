// `npm run partitions:migrate-test`: migration 0061 (monthly partitions) on a copy with
// 1,000,000 lines. A new PostgreSQL database gets every other migration (as a deployment that
// ran Saxla before 0061 has), then 1,000,000 lines with their provisioning operation and entry,
// a top-up each spread over two years, 1,000,000 SMS (one keyed reminder per line) and 1,000,000
// rated usage records over the last year; then 0061 alone is timed, and the copy is checked: the
// same rows, every balance equal to its ledger, every key found through the key tables, reads
// pruned to one month. PARTITION_LINES changes the size; SAXLA_TEST_PG_URL the server.
import { randomBytes } from 'node:crypto';
import { loadMigrations, migrate } from '../src/db/migrate.ts';
import { fillVocabularyTables } from '../src/db/vocabulary-tables.ts';
import { openPostgres } from '../src/db/postgres.ts';
import type { Database } from '../src/db/database.ts';

const LINES = Number(process.env.PARTITION_LINES ?? 1_000_000);
const adminUrl = process.env.SAXLA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const say = (text: string): void => { process.stdout.write(`${text}\n`); };
const seconds = (from: number): string => `${((performance.now() - from) / 1000).toFixed(1)} s`;
const TABLES = ['ledger_operations', 'ledger_entries', 'sms_outbox', 'usage_records'] as const;

const name = `saxla_partitions_${randomBytes(4).toString('hex')}`;
const admin = await openPostgres(adminUrl, { max: 1 });
await admin.query(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const db = await openPostgres(url.toString(), { max: 2 });
let failed: boolean | undefined;
try {
  const all = await loadMigrations();
  const target = all.find((m) => m.version === '0061');
  if (!target) throw new Error('migration 0061 is missing');
  const before = all.filter((m) => m.version !== '0061' && m.version < '0061');
  const laterThan = all.filter((m) => m.version > '0061');
  await db.tx(async (sql) => {
    await sql.query(`create table schema_migrations (version text primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`);
    // The migrations landed before 0061 did, later numbers included: the order an existing deployment saw.
    for (const m of [...before, ...laterThan]) {
      await sql.exec(m.sql);
      await sql.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, m.checksum]);
    }
    await fillVocabularyTables(sql);
  });
  say(`database ${name}: ${before.length + laterThan.length} migrations applied, 0061 held back`);

  let t = performance.now();
  await fill(db, LINES);
  await db.query('vacuum analyze');
  say(`filled ${LINES.toLocaleString('en')} lines: ${(await counts(db)).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')} (${seconds(t)})`);
  const sizes = await db.query<{ t: string; mb: number }>(
    `select c::text as t, (pg_total_relation_size(c)::float8 / 1048576)::int8 as mb from unnest($1::regclass[]) c`, [TABLES]);
  say(`sizes with indexes: ${sizes.map((r) => `${r.t} ${r.mb} MB`).join(', ')}; ${sizes.reduce((a, r) => a + Number(r.mb), 0)} MB in all`);
  const countsBefore = new Map(await counts(db));
  const balanceBefore = await db.query<{ sum: number }>('select sum(balance)::int8 as sum from lines');

  t = performance.now();
  await migrate(db);
  const migrationTime = seconds(t);
  say(`migration 0061 (and the vocabulary refill): ${migrationTime}`);

  t = performance.now();
  const problems: string[] = [];
  for (const [table, n] of await counts(db)) {
    if (countsBefore.get(table) !== n) problems.push(`${table}: ${countsBefore.get(table)} rows before, ${n} after`);
  }
  const [mismatch] = await db.query<{ n: number }>(
    `select count(*)::int8 as n from (select l.msisdn from lines l left join ledger_entries e on e.msisdn = l.msisdn
      group by l.msisdn, l.balance having l.balance <> coalesce(sum(e.amount), 0)) m`);
  if (Number(mismatch?.n) !== 0) problems.push(`${mismatch?.n} balances differ from their ledger`);
  const [balanceAfter] = await db.query<{ sum: number }>('select sum(balance)::int8 as sum from lines');
  if (Number(balanceAfter?.sum) !== Number(balanceBefore[0]?.sum)) problems.push('the total balance changed');
  const [keys] = await db.query<{ ops: number; keys: number; sms: number; smsKeys: number }>(
    `select (select count(*) from ledger_operations)::int8 as ops, (select count(*) from ledger_operation_keys)::int8 as keys,
            (select count(*) from sms_outbox where dedupe_key is not null)::int8 as sms, (select count(*) from sms_outbox_keys)::int8 as "smsKeys"`);
  if (Number(keys?.ops) !== Number(keys?.keys)) problems.push(`operations ${keys?.ops}, keys ${keys?.keys}`);
  if (Number(keys?.sms) !== Number(keys?.smsKeys)) problems.push(`keyed SMS ${keys?.sms}, keys ${keys?.smsKeys}`);
  const [partitions] = await db.query<{ n: number }>(
    `select count(*)::int8 as n from pg_inherits where inhparent = any($1::regclass[])`, [TABLES]);
  say(`checks (${seconds(t)}): ${problems.length === 0 ? 'same rows, every balance = Σ ledger, one key per operation and keyed SMS' : problems.join('; ')}; ${partitions?.n} partitions`);
  // A statement for one line and one month reads one month's partition only.
  const plan = await db.query<{ 'QUERY PLAN': string }>(
    `explain select amount from ledger_entries where msisdn = '+994500000001' and created_at >= saxla_month_start(current_date) and created_at < now()`);
  const scanned = new Set(plan.flatMap((r) => [...r['QUERY PLAN'].matchAll(/on (ledger_entries_p\d{6}|ledger_entries_default)/g)].map((m) => m[1])));
  say(`a one-month statement reads: ${[...scanned].join(', ')}`);
  t = performance.now();
  const lookups = 2000;
  for (let i = 0; i < lookups; i++) {
    const n = 1 + Math.floor(Math.random() * LINES);
    await db.query(`select o.result from ledger_operation_keys k join ledger_operations o on o.id = k.operation_id and o.created_at = k.created_at
      where k.idempotency_key = $1`, [`top-up:bench:${n}`]);
  }
  const lookupMs = (performance.now() - t) / lookups;
  // The same number of bare round trips, for what the machine's load adds to each.
  t = performance.now();
  for (let i = 0; i < lookups; i++) await db.query('select 1');
  say(`idempotency lookup through the key table: ${lookupMs.toFixed(2)} ms each; a bare round trip: ${((performance.now() - t) / lookups).toFixed(2)} ms (${lookups} sequential each)`);
  failed = problems.length > 0;
} finally {
  await db.close();
  if (process.env.PARTITION_KEEP !== '1') await admin.query(`drop database ${name}`);
  await admin.close();
}
process.exit(failed === false ? 0 : 1);

async function counts(sql: Database): Promise<[string, number][]> {
  const rows = await sql.query<{ t: string; n: number }>(TABLES.map((table) => `select '${table}' as t, count(*)::int8 as n from ${table}`).join(' union all '));
  return rows.map((r) => [r.t, Number(r.n)]);
}

/**
 * The copy, in set-based statements: lines +994 50 000 00 01…, each provisioned two years ago
 * with its opening entry, topped up once on a day of the last two years (so balance = Σ ledger),
 * sent one keyed reminder and rated one usage record in the last year.
 */
async function fill(sql: Database, lines: number): Promise<void> {
  await sql.query(`insert into plans (code, kind, monthly_price, durations, texts) values ('BENCH', 'keep_number', 100, '{1}', '{}') on conflict do nothing`);
  await sql.query(
    `insert into lines (msisdn, iccid, status, balance, valid_until, plan_code, language, status_changed_at, created_at, updated_at)
     select '+99450' || lpad(n::text, 7, '0'), '8999400' || lpad(n::text, 12, '0'), 'active', 250 + (n % 1000), current_date + (n % 90),
            null, (array['az','en','ru','zh','tr'])[1 + n % 5], now() - interval '2 years', now() - interval '2 years', now()
       from generate_series(1, $1::int) n`, [lines]);
  await sql.query(
    `with ops as (
       insert into ledger_operations (msisdn, idempotency_key, request_hash, kind, reference, policy_version, result, created_at)
       select '+99450' || lpad(n::text, 7, '0'), 'provision:+99450' || lpad(n::text, 7, '0'), '', 'provision', null, 'bench',
              '{}'::jsonb, now() - interval '2 years'
         from generate_series(1, $1::int) n
       returning id, msisdn, created_at)
     insert into ledger_entries (operation_id, msisdn, kind, amount, valid_until_before, valid_until_after, description, created_at)
     select id, msisdn, 'opening_balance', 250, current_date, current_date, 'opening balance and validity at provisioning', created_at from ops`, [lines]);
  await sql.query(
    `with ops as (
       insert into ledger_operations (msisdn, idempotency_key, request_hash, kind, reference, policy_version, result, created_at)
       select '+99450' || lpad(n::text, 7, '0'), 'top-up:bench:' || n, 'x', 'top_up', 'bench-' || n, 'bench',
              jsonb_build_object('amount', n % 1000), now() - (n % 730) * interval '1 day'
         from generate_series(1, $1::int) n
       returning id, msisdn, created_at, (result ->> 'amount')::bigint as amount)
     insert into ledger_entries (operation_id, msisdn, kind, amount, valid_until_before, valid_until_after, description, created_at)
     select id, msisdn, 'top_up', amount, current_date, current_date, 'top-up', created_at from ops`, [lines]);
  await sql.query(
    `insert into sms_outbox (msisdn, kind, language, body, check_code, dedupe_key, not_before, status, created_at, done_at)
     select '+99450' || lpad(n::text, 7, '0'), 'reminder', 'en', 'Saxla: your number needs renewing. Check: ABCDEF', 'ABCDEF',
            'reminder:+99450' || lpad(n::text, 7, '0') || ':bench:30', now() - (n % 365) * interval '1 day', 'delivered',
            now() - (n % 365) * interval '1 day', now() - (n % 365) * interval '1 day'
       from generate_series(1, $1::int) n`, [lines]);
  await sql.query(
    `insert into usage_records (source_id, msisdn, kind, quantity, occurred_at, period_start, billable, from_pack, cost, charged, ledger_key, received_at)
     select 'msc-' || n, '+99450' || lpad(n::text, 7, '0'), 'voice', 61, now() - (n % 365) * interval '1 day', null, 120, 120, 0, 0, null,
            now() - (n % 365) * interval '1 day'
       from generate_series(1, $1::int) n`, [lines]);
}
