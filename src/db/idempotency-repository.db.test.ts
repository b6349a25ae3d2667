// The idempotency repository: a key is claimed once, a repeat with the same body replays the
// stored result, another body is a conflict, a concurrent repeat waits for the first and replays
// it, and keys are pruned only after their time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, testEngine, type TestDatabase } from '../../test/helpers/database.ts';
import { claimIdempotencyKey, deleteIdempotencyKeysBefore, recordIdempotentResult } from './idempotency-repository.ts';

let t: TestDatabase;
before(async () => { t = await openTestDatabase(); });
after(async () => { await t.close(); });

const at = new Date('2026-06-01T08:00:00Z');

test('claim, replay with the stored result, conflict on another body', async () => {
  const first = await t.db.tx((sql) => claimIdempotencyKey(sql, { scope: 'orders', key: 'c1:k', requestHash: 'h1', at, result: { orderId: 'ord_1' } }));
  assert.deepEqual(first, { outcome: 'claimed' });
  const again = await t.db.tx((sql) => claimIdempotencyKey(sql, { scope: 'orders', key: 'c1:k', requestHash: 'h1', at, result: { orderId: 'ord_2' } }));
  assert.deepEqual(again, { outcome: 'replay', result: { orderId: 'ord_1' } });
  const other = await t.db.tx((sql) => claimIdempotencyKey(sql, { scope: 'orders', key: 'c1:k', requestHash: 'h2', at }));
  assert.deepEqual(other, { outcome: 'conflict' });
  // Scopes do not meet: the same key elsewhere is new.
  assert.deepEqual(await t.db.tx((sql) => claimIdempotencyKey(sql, { scope: 'refunds', key: 'c1:k', requestHash: 'h2', at })), { outcome: 'claimed' });
});

test('a result recorded after the work is what a repeat gets; a rolled-back claim leaves nothing', async () => {
  await t.db.tx(async (sql) => {
    assert.deepEqual(await claimIdempotencyKey(sql, { scope: 'counter_sales', key: 's:1', requestHash: 'h', at }), { outcome: 'claimed' });
    await recordIdempotentResult(sql, 'counter_sales', 's:1', { orderId: 'ord_9' });
  });
  assert.deepEqual(await t.db.tx((sql) => claimIdempotencyKey(sql, { scope: 'counter_sales', key: 's:1', requestHash: 'h', at })), { outcome: 'replay', result: { orderId: 'ord_9' } });
  await assert.rejects(t.db.tx(async (sql) => {
    await claimIdempotencyKey(sql, { scope: 'counter_sales', key: 's:2', requestHash: 'h', at });
    throw new Error('the work failed');
  }), /the work failed/);
  assert.deepEqual(await t.db.tx((sql) => claimIdempotencyKey(sql, { scope: 'counter_sales', key: 's:2', requestHash: 'h', at })), { outcome: 'claimed' });
});

test('a concurrent repeat waits for the first transaction and replays its result', { skip: testEngine === 'pglite' ? 'PGlite has one connection' : false }, async () => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const first = t.db.tx(async (sql) => {
    await claimIdempotencyKey(sql, { scope: 'orders', key: 'race', requestHash: 'h', at, result: { orderId: 'ord_race' } });
    await held;
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const second = t.db.tx((sql) => claimIdempotencyKey(sql, { scope: 'orders', key: 'race', requestHash: 'h', at }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  release();
  await first;
  assert.deepEqual(await second, { outcome: 'replay', result: { orderId: 'ord_race' } });
});

test('keys are pruned only once older than the cut-off', async () => {
  const old = new Date('2026-05-01T00:00:00Z');
  await t.db.tx((sql) => claimIdempotencyKey(sql, { scope: 'refunds', key: 'old', requestHash: 'h', at: old }));
  const pruned = await deleteIdempotencyKeysBefore(t.db, new Date('2026-05-02T00:00:00Z'));
  assert.equal(pruned, 1);
  assert.deepEqual(await t.db.tx((sql) => claimIdempotencyKey(sql, { scope: 'orders', key: 'c1:k', requestHash: 'h1', at })), { outcome: 'replay', result: { orderId: 'ord_1' } });
});
