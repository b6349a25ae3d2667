import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../test/helpers/factories.ts';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { listActivePlans } from '../db/plan-repository.ts';
import { listActivePromotions } from '../db/promotion-repository.ts';
import { demoPlans, demoPromotions } from '../demo/catalog.ts';
import { readDemoCatalog } from '../demo/demo-files.ts';
import { locales } from '../domain/money.ts';
import { describeCatalogImport, importCatalog, sha256Hex } from './import-catalog.ts';

let t: TestDatabase;
before(async () => { t = await openTestDatabase(); });
after(async () => { await t.close(); });
const deps = () => ({ db: t.db, now: fixedClock('2026-11-26T10:00:00+04:00').now });
const audits = async () => t.db.query<{ action: string; staff_id: string | null; detail: Record<string, unknown> }>(
  "select action, staff_id, detail from staff_audit_log where action = 'catalog.imported' order by id");
const snapshot = async () => ({
  plans: await t.db.query('select * from plans order by code'),
  promotions: await t.db.query('select code, document, active from promotions order by code'),
});

test('the example catalogue imports whole, and a second import changes nothing', async () => {
  const text = readDemoCatalog();
  const first = await importCatalog(deps(), text);
  assert.deepEqual(first.plans, { created: demoPlans.length, updated: 0, unchanged: 0 });
  assert.deepEqual(first.promotions, { created: demoPromotions.length, updated: 0, unchanged: 0 });
  assert.equal(first.changed, demoPlans.length + demoPromotions.length);
  assert.deepEqual(await listActivePlans(t.db), [...demoPlans]);
  assert.deepEqual(await listActivePromotions(t.db), [...demoPromotions].sort((a, b) => (a.code < b.code ? -1 : 1)));
  const stored = await snapshot();
  const again = await importCatalog(deps(), text);
  assert.equal(again.changed, 0);
  assert.deepEqual(again.plans, { created: 0, updated: 0, unchanged: demoPlans.length });
  assert.match(describeCatalogImport(again), /; 0 changed \(sha256 [0-9a-f]{12}\)$/);
  assert.deepEqual(await snapshot(), stored);
  // Audited each time, by the command line, with the file's hash and what changed.
  const rows = await audits();
  assert.equal(rows.length, 2);
  assert.equal(rows[0]?.staff_id, null);
  assert.deepEqual(rows[0]?.detail, { actor: 'cli', sha256: sha256Hex(text), changed: first.changed, plans: first.plans, promotions: first.promotions });
  assert.equal(rows[1]?.detail.changed, 0);
});

test('a changed price updates that plan only; active: false stops selling it', async () => {
  const doc = JSON.parse(readDemoCatalog()) as { plans: Record<string, unknown>[]; promotions: unknown[] };
  const [first, second] = doc.plans;
  assert.ok(first && second);
  const result = await importCatalog(deps(), JSON.stringify({ plans: [{ ...first, monthlyPrice: 175 }, { ...second, active: false }] }));
  assert.deepEqual(result.plans, { created: 0, updated: 2, unchanged: 0 });
  assert.deepEqual(result.promotions, { created: 0, updated: 0, unchanged: 0 });
  const plans = await listActivePlans(t.db);
  assert.equal(plans.find((p) => p.code === first.code)?.monthlyPrice, 175);
  assert.equal(plans.some((p) => p.code === second.code), false);
  assert.equal(plans.length, demoPlans.length - 1);
});

test('one bad entry refuses the whole file, naming its path; nothing is written or audited', async () => {
  const before = await snapshot();
  const auditsBefore = (await audits()).length;
  const doc = JSON.parse(readDemoCatalog()) as { plans: Record<string, unknown>[]; promotions: Record<string, unknown>[] };
  const newPlan = { ...doc.plans[0], code: 'BRAND_NEW', sortOrder: 99 };
  const badPlan = { ...doc.plans[2], durations: [1, 2] };
  await assert.rejects(importCatalog(deps(), JSON.stringify({ plans: [newPlan, doc.plans[1], badPlan], promotions: doc.promotions })),
    (e: { code: string; message: string; details: { path?: string }[] }) =>
      e.code === 'VALIDATION_FAILED' && /\/plans\/2\/durations\/1/.test(e.message) && e.details.length === 1);
  // A promotion naming a plan that exists neither in the file nor in the catalogue.
  const promo = { kind: 'code', code: 'ONLY_GHOST', names: Object.fromEntries(locales.map((l) => [l, `Ghost ${l}`])), value: { type: 'percent', basisPoints: 500 },
    validFrom: '2026-01-01T00:00:00+04:00', validUntil: '2027-01-01T00:00:00+04:00', planCodes: ['SAXLA_NOMRE', 'GHOST'], combinable: true };
  await assert.rejects(importCatalog(deps(), JSON.stringify({ plans: [newPlan], promotions: [promo] })),
    (e: { message: string }) => /\/promotions\/0\/planCodes\/1: no plan GHOST/.test(e.message));
  assert.deepEqual(await snapshot(), before);
  assert.equal((await audits()).length, auditsBefore);
});
