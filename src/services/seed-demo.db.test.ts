import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock, policy } from '../../test/helpers/factories.ts';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { demoCustomer, demoLines, seedDemo } from './seed-demo.ts';
import { verifyPassword } from './password-hashing.ts';

let t: TestDatabase;
before(async () => { t = await openTestDatabase(); });
after(async () => { await t.close(); });

test('demo data is complete and seeding twice changes nothing', async () => {
  const deps = { db: t.db, policy, now: fixedClock('2026-11-26T10:00:00+04:00').now };
  const first = await seedDemo(deps);
  assert.equal(first.lines.created, demoLines.length);
  const counts = async () => (await t.db.query<Record<string, number>>(
    `select (select count(*) from plans)::int8 as plans, (select count(*) from promotions)::int8 as promotions,
            (select count(*) from lines)::int8 as lines, (select count(*) from customers)::int8 as customers,
            (select count(*) from customer_lines)::int8 as links, (select count(*) from stores)::int8 as stores,
            (select count(*) from ledger_entries)::int8 as entries`))[0];
  const before = await counts();
  assert.ok((before?.stores ?? 0) >= 8);
  assert.ok((before?.promotions ?? 0) >= 4);
  assert.equal(before?.customers, 1);
  assert.equal(before?.links, 1 + demoCustomer.linked.length);
  const statuses = (await t.db.query<{ status: string }>('select distinct status from lines')).map((r) => r.status).sort();
  assert.deepEqual(statuses, ['active', 'one_way', 'quarantine', 'suspended']);
  // The stores are the example file's, marked demo, each with its phone; both imports audited as the demo's.
  const stores = await t.db.query<{ demo: boolean; phone: string | null }>('select demo, phone from stores');
  assert.ok(stores.every((s) => s.demo && /^\+994\d{9}$/.test(s.phone ?? '')));
  const imports = async () => (await t.db.query<{ action: string; actor: string; changed: number }>(
    "select action, detail->>'actor' as actor, (detail->>'changed')::int as changed from staff_audit_log where action like '%.imported' order by id"));
  assert.deepEqual((await imports()).map((r) => [r.action, r.actor]), [['catalog.imported', 'demo-seed'], ['stores.imported', 'demo-seed']]);
  await seedDemo(deps);
  assert.deepEqual(await counts(), before);
  assert.deepEqual((await imports()).slice(2).map((r) => r.changed), [0, 0]);
  const [hash] = await t.db.query<{ password_hash: string }>('select password_hash from customers');
  assert.ok(await verifyPassword(hash?.password_hash, demoCustomer.password));
});
