// applyLineChanges: applyLineChange's rules for many lines in two statements — every change
// written with its operation and entries, a known key replayed, a reused key refused, all or nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { fixedClock, iccidFor, msisdnFor, policy } from '../../test/helpers/factories.ts';
import { assertLedgerBalances } from '../../test/helpers/test-app.ts';
import { isDomainError } from '../domain/errors.ts';
import { trustedMsisdn, type Msisdn } from '../domain/msisdn.ts';
import { qepik } from '../domain/money.ts';
import { chargeUsage } from '../domain/usage-rating.ts';
import { applyLineChanges, type LineChangeRequest } from './apply-line-change.ts';
import { provisionLines } from './provision-lines.ts';

let t: TestDatabase;
const clock = fixedClock('2026-11-26T10:00:00+04:00');
const lines = [1, 2, 3].map((n) => trustedMsisdn(msisdnFor(300 + n)));

before(async () => {
  t = await openTestDatabase();
  await provisionLines({ db: t.db, policy, now: clock.now }, lines.map((msisdn, i) => ({
    row: i + 1, msisdn, iccid: iccidFor(300 + i + 1), balance: 1000, validUntil: '2026-12-31',
  })));
});
after(async () => { await t.close(); });

const charge = (msisdn: Msisdn, key: string, amount: number, hash = `h-${amount}`): LineChangeRequest<{ amount: number }> => ({
  msisdn, idempotencyKey: key, requestHash: hash, kind: 'usage', reference: null, cause: 'test', now: clock.now(), policy,
  decide: (line) => ({ change: chargeUsage(line, qepik(amount), 1), result: { amount } }),
});
const balances = async () => (await t.db.query<{ balance: number }>('select balance from lines where msisdn = any($1) order by msisdn', [lines])).map((r) => r.balance);
const operations = async () => Number((await t.db.query<{ n: number }>("select count(*)::int8 as n from ledger_operations where kind = 'usage'"))[0]?.n);

test('writes every line\'s change at once, and a repeat replays without writing', async () => {
  const [a, b, c] = lines as [Msisdn, Msisdn, Msisdn];
  const first = await t.db.tx((sql) => applyLineChanges(sql, [charge(a, 'k-a', 100), charge(b, 'k-b', 250), charge(c, 'k-c', 1)]));
  assert.deepEqual(first.map((o) => o.replayed), [false, false, false]);
  assert.deepEqual(await balances(), [900, 750, 999]);
  const again = await t.db.tx((sql) => applyLineChanges(sql, [charge(a, 'k-a', 100), charge(b, 'k-b2', 50)]));
  assert.deepEqual(again.map((o) => [o.replayed, o.result.amount]), [[true, 100], [false, 50]]);
  assert.deepEqual(await balances(), [900, 700, 999]);
  assert.equal(await operations(), 4);
  await assertLedgerBalances(t.db);
});

test('a reused key with another request, or an unknown line, refuses the whole call', async () => {
  const [a, b] = lines as [Msisdn, Msisdn];
  const before = await balances();
  await assert.rejects(t.db.tx((sql) => applyLineChanges(sql, [charge(b, 'k-new', 10), charge(a, 'k-a', 100, 'other')])),
    (error: unknown) => isDomainError(error) && error.code === 'IDEMPOTENCY_KEY_REUSED');
  await assert.rejects(t.db.tx((sql) => applyLineChanges(sql, [charge(b, 'k-new', 10), charge(trustedMsisdn(msisdnFor(399)), 'k-x', 10)])),
    (error: unknown) => isDomainError(error) && error.code === 'LINE_NOT_FOUND');
  await assert.rejects(t.db.tx((sql) => applyLineChanges(sql, [charge(b, 'k-1', 10), charge(b, 'k-2', 10)])), /one request per line/);
  assert.deepEqual(await balances(), before);
  await assertLedgerBalances(t.db);
});

// Migration 0067 dropped the ledger's foreign keys (a trigger call per row of a usage batch): what
// they guarded is kept by the write path and by lines never being deleted. Checked here, so a
// write path that broke it would fail a test rather than leave an orphan.
test('every operation names a stored line, every entry a stored operation, and lines are never deleted', async () => {
  const orphans = await t.db.query<{ n: number }>(
    `select (select count(*) from ledger_operations o where not exists (select 1 from lines l where l.msisdn = o.msisdn))
          + (select count(*) from ledger_entries e where not exists (select 1 from ledger_operations o where o.id = e.operation_id)
                                                      or not exists (select 1 from ledger_operations o where o.id = e.operation_id and o.msisdn = e.msisdn)
                                                      or not exists (select 1 from ledger_operation_keys k where k.operation_id = e.operation_id)) as n`);
  assert.equal(Number(orphans[0]?.n), 0);
  assert.ok((await operations()) > 0, 'the tests above wrote usage operations');
  await assert.rejects(t.db.query('delete from lines where msisdn = $1', [lines[2]]), /never deleted/);
  await assert.rejects(t.db.query('delete from ledger_operations'), /append-only/);
  assert.equal((await balances()).length, 3);
});
