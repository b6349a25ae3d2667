// Reminder opt-outs per milestone (migration 0014): the choices stored as columns before are
// carried over, and the repository replaces the whole set on save.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/helpers/database.ts';
import { findCustomerSettings, saveCustomerSettings } from './customer-settings-repository.ts';
import { loadMigrations } from './migrate.ts';
import { openPglite } from './pglite.ts';

const at = new Date('2026-06-01T08:00:00Z');

test('migration 0014 keeps every choice made under the remind_30/7/1 columns', async () => {
  // A database as it stood before 0014, holding choices in the old columns.
  const db = await openPglite();
  try {
    const migrations = await loadMigrations();
    await db.tx(async (sql) => {
      for (const m of migrations.filter((x) => x.version < '0014')) await sql.exec(m.sql);
    });
    const ids = await db.tx(async (sql) => {
      const made: string[] = [];
      for (const [r30, r7, r1, notices] of [[false, true, true, true], [true, false, false, false], [true, true, true, true]]) {
        const [c] = await sql.query<{ id: string }>(
          "insert into customers (password_hash, language, created_at, password_changed_at) values ('x', 'en', $1, $1) returning id", [at]);
        if (!c) throw new Error('no customer');
        await sql.query(
          'insert into customer_settings (customer_id, remind_30_days, remind_7_days, remind_1_day, stage_notices, email, updated_at) values ($1, $2, $3, $4, $5, null, $6)',
          [c.id, r30, r7, r1, notices, at]);
        made.push(c.id);
      }
      return made;
    });
    const m14 = migrations.find((x) => x.version === '0014');
    assert.ok(m14);
    await db.tx((sql) => sql.exec(m14.sql));
    const read = await Promise.all(ids.map((id) => findCustomerSettings(db, id)));
    assert.deepEqual(read.map((s) => s.reminders), [
      { daysOff: [30], stageNotices: true },
      { daysOff: [7, 1], stageNotices: false },
      { daysOff: [], stageNotices: true },
    ]);
    const columns = await db.query<{ column_name: string }>(
      "select column_name from information_schema.columns where table_name = 'customer_settings' and column_name like 'remind%'");
    assert.deepEqual(columns, [], 'the per-day columns are gone');
  } finally {
    await db.close();
  }
});

test('saving replaces the whole set of opt-outs; no rows reads as the defaults', async () => {
  const t = await openTestDatabase();
  try {
    const id = await t.db.tx(async (sql) => {
      const [c] = await sql.query<{ id: string }>(
        "insert into customers (password_hash, language, created_at, password_changed_at) values ('x', 'az', $1, $1) returning id", [at]);
      if (!c) throw new Error('no customer');
      return c.id;
    });
    assert.deepEqual(await findCustomerSettings(t.db, id), { reminders: { daysOff: [], stageNotices: true }, email: null });
    await t.db.tx((sql) => saveCustomerSettings(sql, id, { reminders: { daysOff: [30, 7], stageNotices: false }, email: 'a@example.az' }, at));
    await t.db.tx((sql) => saveCustomerSettings(sql, id, { reminders: { daysOff: [7, 1], stageNotices: true }, email: null }, at));
    assert.deepEqual(await findCustomerSettings(t.db, id), { reminders: { daysOff: [7, 1], stageNotices: true }, email: null });
  } finally {
    await t.close();
  }
});
