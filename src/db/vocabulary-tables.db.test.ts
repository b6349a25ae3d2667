import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase } from '../../test/helpers/database.ts';
import { customerLanguages } from '../domain/vocabularies.ts';
import { migrate } from './migrate.ts';
import { fillVocabularyTables, vocabularyTables, type VocabularyTable } from './vocabulary-tables.ts';

/** Every column that holds a vocabulary value, and the lookup table it must refer to. */
const columns: readonly (readonly [string, string, VocabularyTable])[] = [
  ['lines', 'language', 'customer_languages'], ['sms_outbox', 'language', 'customer_languages'],
  ['customers', 'language', 'customer_languages'], ['one_time_codes', 'language', 'customer_languages'],
  ['appointments', 'language', 'customer_languages'], ['counter_sales', 'language', 'customer_languages'],
  ['receipts', 'language', 'customer_languages'], ['orders', 'provider', 'payment_providers'],
  ['receipts', 'payment_method', 'counter_payment_methods'], ['staff', 'role', 'staff_roles'], ['appointments', 'purpose', 'appointment_purposes'], ['plans', 'kind', 'plan_kinds'],
];

const insertCustomer = "insert into customers (password_hash, language, created_at, password_changed_at) values ('x', $1, now(), now())";

test('each lookup table holds every value of its list from src/domain/vocabularies.ts', async () => {
  const t = await openTestDatabase();
  try {
    for (const [table, values] of Object.entries(vocabularyTables)) {
      const rows = await t.db.query<{ code: string }>(`select code from ${table}`);
      const held = new Set(rows.map((r) => r.code));
      for (const value of values) assert.ok(held.has(value), `${table} holds ${value}`);
    }
  } finally {
    await t.close();
  }
});

test('every vocabulary column refers to its lookup table, with no CHECK copying the list', async () => {
  const t = await openTestDatabase();
  try {
    for (const [table, column, lookup] of columns) {
      const refs = await t.db.query<{ target: string }>(
        `select confrelid::regclass::text as target from pg_constraint c
          where c.contype = 'f' and c.conrelid = $1::regclass
            and c.conkey = array[(select attnum from pg_attribute where attrelid = $1::regclass and attname = $2)]`,
        [table, column]);
      assert.deepEqual(refs.map((r) => r.target), [lookup], `${table}.${column}`);
    }
    const copies = await t.db.query<{ name: string }>(
      "select conname as name from pg_constraint where contype = 'c' and pg_get_constraintdef(oid) ~ '''(zh|paypal|qr|manager|new_line|multi_sim)'''");
    assert.deepEqual(copies, []);
  } finally {
    await t.close();
  }
});

test('an unknown value is refused; a value added to a list is accepted after the next migrate, with no SQL', async () => {
  const t = await openTestDatabase();
  try {
    await assert.rejects(t.db.query(insertCustomer, ['xx']), /foreign key/);
    await t.db.tx((sql) => fillVocabularyTables(sql, { ...vocabularyTables, customer_languages: [...customerLanguages, 'xx'] }));
    await t.db.query(insertCustomer, ['xx']);
    const [row] = await t.db.query<{ n: number }>("select count(*)::int8 as n from customers where language = 'xx'");
    assert.equal(row?.n, 1);
    // A later migrate with the real lists keeps the value: stored rows may still refer to it.
    assert.deepEqual(await migrate(t.db), []);
    const kept = await t.db.query<{ code: string }>("select code from customer_languages where code = 'xx'");
    assert.equal(kept.length, 1);
  } finally {
    await t.close();
  }
});
