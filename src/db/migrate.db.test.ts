import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, testEngine } from '../../test/helpers/database.ts';
import { openPostgres } from './postgres.ts';
import { loadMigrations, migrate } from './migrate.ts';

test('migrations apply once, even when several processes start together', async () => {
  const t = await openTestDatabase();
  try {
    assert.deepEqual(await migrate(t.db), [], 'already applied');
    if (testEngine === 'postgres' && t.url) {
      // Two more "processes" (own pools) race to migrate: the advisory lock makes one wait.
      const others = await Promise.all([openPostgres(t.url), openPostgres(t.url)]);
      const results = await Promise.all(others.map((db) => migrate(db)));
      assert.deepEqual(results, [[], []]);
      await Promise.all(others.map((db) => db.close()));
    }
    const rows = await t.db.query<{ n: number }>('select count(*)::int8 as n from schema_migrations');
    assert.equal(rows[0]?.n, (await loadMigrations()).length);
  } finally {
    await t.close();
  }
});

test('both drivers return the same JS types', async () => {
  const t = await openTestDatabase();
  try {
    const [row] = await t.db.query<{ big: unknown; day: unknown; at: unknown; count: unknown }>(
      "select 9007199254740991::int8 as big, date '2027-02-28' as day, timestamptz '2026-11-26 10:00:00+04' as at, count(*) as count from (values (1), (2)) v(x)");
    assert.equal(row?.big, Number.MAX_SAFE_INTEGER);
    assert.equal(row?.day, '2027-02-28');
    assert.ok(row?.at instanceof Date);
    assert.equal((row?.at as Date).toISOString(), '2026-11-26T06:00:00.000Z');
    assert.equal(row?.count, 2);
    await assert.rejects(t.db.query('select 9007199254740993::int8 as too_big'), /safe JS integer/);
  } finally {
    await t.close();
  }
});
