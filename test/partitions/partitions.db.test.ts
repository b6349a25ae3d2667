// Monthly partitions (migration 0061) and their upkeep: idempotency keys stay unique across
// months, a row dated outside every month is kept and moved into its month later, and retention
// drops the outbox's old months whole while the ledger stays.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstant } from '../../src/domain/calendar.ts';
import { trustedMsisdn } from '../../src/domain/msisdn.ts';
import { enqueueSms } from '../../src/services/enqueue-sms.ts';
import { maintainPartitions } from '../../src/services/maintain-partitions.ts';
import { iccidFor, msisdnFor } from '../helpers/factories.ts';
import { adminHeaders, assertLedgerBalances, buildTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp('2026-11-26T10:00:00+04:00');
  // The migration made months around the real date; the test's clock lives in November 2026.
  await maintainPartitions({ db: t.db, now: t.clock.now });
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/admin/lines', headers: adminHeaders,
    payload: [1, 2].map((n) => ({ msisdn: msisdnFor(n), iccid: iccidFor(n), balance: { amount: 250, currency: 'AZN' }, validUntil: '2026-12-20', language: 'en' })),
  });
  assert.equal(res.statusCode, 201, res.body);
});
after(async () => { await t.close(); });

const count = async (query: string, params: unknown[] = []) => Number((await t.db.query<{ n: number }>(query, params))[0]?.n);
const partitionOf = async (table: string, where: string, params: unknown[]) =>
  (await t.db.query<{ p: string }>(`select tableoid::regclass::text as p from ${table} where ${where}`, params)).map((r) => r.p);
const topUp = (key: string, amount: number) => t.app.inject({
  method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(msisdnFor(1))}/top-ups`,
  headers: { ...adminHeaders, 'idempotency-key': key }, payload: { amount: { amount, currency: 'AZN' }, reference: 'emanat-1' },
});
const upkeep = (): ReturnType<typeof maintainPartitions> => maintainPartitions({ db: t.db, now: t.clock.now });

test('the growing tables are partitioned by Baku month, with months made ahead', async () => {
  for (const table of ['ledger_operations', 'ledger_entries', 'sms_outbox', 'usage_records']) {
    const parts = (await t.db.query<{ name: string }>(
      'select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = $1::regclass', [table])).map((r) => r.name);
    assert.ok(parts.includes(`${table}_default`), `${table} has a default partition`);
    assert.ok(parts.some((p) => p.endsWith('_p202611')), `${table} has November 2026: ${parts.join()}`);
  }
  // 23:30 in Baku on 30 November is 19:30 UTC: still November's row.
  assert.deepEqual(await t.db.query<{ p: string }>(`select saxla_month_start('2026-11-15')::text as p`).then((r) => r[0]?.p.startsWith('2026-10-31 20:00:00')), true);
});

test('an idempotency key stays unique across months: a retry two months later replays, never books again', async () => {
  const first = await topUp('across-months', 1000);
  assert.equal(first.statusCode, 201, first.body);
  assert.deepEqual(await partitionOf('ledger_operations', "idempotency_key like '%across-months'", []), ['ledger_operations_p202611']);
  // The HTTP layer's stored answer is long gone by then; only the ledger's key can answer.
  await t.db.query('delete from idempotency_records');
  t.clock.set('2027-01-15T12:00:00+04:00');
  const again = await topUp('across-months', 1000);
  assert.equal(again.statusCode, 200, again.body);
  assert.deepEqual(again.json(), first.json());
  const reused = await topUp('across-months', 500);
  assert.equal(reused.statusCode, 409);
  assert.equal(await count("select count(*)::int8 as n from ledger_operations where idempotency_key like '%across-months'"), 1);
  assert.equal(await count("select count(*)::int8 as n from ledger_operation_keys where idempotency_key like '%across-months'"), 1);
  await assertLedgerBalances(t.db);
});

test('one key sent many times at once books once', async () => {
  t.clock.set('2027-01-20T12:00:00+04:00');
  const answers = await Promise.all(Array.from({ length: 6 }, () => topUp('at-once', 300)));
  assert.deepEqual(answers.map((a) => a.statusCode).filter((s) => s >= 300), [], answers.map((a) => a.body).join('\n'));
  assert.equal(await count("select count(*)::int8 as n from ledger_operations where idempotency_key like '%at-once'"), 1);
  assert.equal(await count("select count(*)::int8 as n from ledger_entries e join ledger_operation_keys k on k.operation_id = e.operation_id where k.idempotency_key like '%at-once'"), 1);
  await assertLedgerBalances(t.db);
});

test('an SMS dedupe key stays unique across months and at once', async () => {
  const sms = { msisdn: trustedMsisdn(msisdnFor(2)), kind: 'reminder' as const, language: 'en' as const, text: 'Saxla: renew', dedupeKey: 'reminder:test:1' };
  const first = await t.db.tx((sql) => enqueueSms(sql, sms, parseInstant('2026-11-27T10:00:00+04:00')));
  assert.ok(first);
  const later = await t.db.tx((sql) => enqueueSms(sql, sms, parseInstant('2027-02-03T10:00:00+04:00')));
  assert.equal(later, undefined, 'a month later the key is still known');
  const together = await Promise.all(Array.from({ length: 4 }, () => t.db.tx((sql) => enqueueSms(sql, { ...sms, dedupeKey: 'reminder:test:2' }, parseInstant('2027-01-02T10:00:00+04:00')))));
  assert.equal(together.filter(Boolean).length, 1);
  assert.equal(await count("select count(*)::int8 as n from sms_outbox where dedupe_key like 'reminder:test:%'"), 2);
  // Messages without a key are never merged.
  await t.db.tx((sql) => enqueueSms(sql, { ...sms, dedupeKey: undefined as never }, parseInstant('2027-01-02T10:00:00+04:00')));
  await t.db.tx((sql) => enqueueSms(sql, { ...sms, dedupeKey: undefined as never }, parseInstant('2027-01-02T10:00:00+04:00')));
  assert.equal(await count("select count(*)::int8 as n from sms_outbox where dedupe_key is null and body like 'Saxla: renew%'"), 2);
});

test('retention drops the outbox months older than six months and forgets their keys; the ledger stays', async () => {
  t.clock.set('2027-08-15T12:00:00+04:00');
  const ledgerBefore = await count('select count(*)::int8 as n from ledger_entries');
  const result = await upkeep();
  const droppedOutbox = result.dropped.filter((d) => d.table === 'sms_outbox').map((d) => d.month);
  assert.ok(droppedOutbox.includes('2026-11-01' as never) && droppedOutbox.includes('2027-01-01' as never), droppedOutbox.join());
  assert.deepEqual(result.dropped.filter((d) => d.table.startsWith('ledger')), []);
  assert.equal(await count("select count(*)::int8 as n from sms_outbox where dedupe_key like 'reminder:test:%'"), 0);
  assert.ok(result.smsKeysForgotten >= 2);
  assert.equal(await count("select count(*)::int8 as n from sms_outbox_keys where dedupe_key like 'reminder:test:%'"), 0);
  assert.equal(await count('select count(*)::int8 as n from ledger_entries'), ledgerBefore);
  assert.equal(await count("select count(*)::int8 as n from pg_class where relname = 'sms_outbox_p202611'"), 0);
  await assertLedgerBalances(t.db);
});

test('a row dated past every month is kept in the default partition and moved into its month by the upkeep', async () => {
  t.clock.set('2031-05-10T12:00:00+04:00');
  const res = await topUp('far-ahead', 200);
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(await partitionOf('ledger_operations', "idempotency_key like '%far-ahead'", []), ['ledger_operations_default']);
  const result = await upkeep();
  assert.ok(result.created >= 4 * 4, `made this month and three ahead of each table: ${result.created}`);
  assert.deepEqual(await partitionOf('ledger_operations', "idempotency_key like '%far-ahead'", []), ['ledger_operations_p203105']);
  assert.equal(await count('select count(*)::int8 as n from ledger_entries_default'), 0);
  assert.equal(await count('select count(*)::int8 as n from ledger_operations_default'), 0);
  // Still append-only after the move, and the replay still answers.
  await assert.rejects(t.db.query("update ledger_operations set kind = 'x' where idempotency_key like '%far-ahead'"), /append-only/);
  assert.equal((await topUp('far-ahead', 200)).statusCode, 200);
  assert.equal((await upkeep()).created, 0, 'a second pass finds nothing to do');
  await assertLedgerBalances(t.db);
});
