import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from '../../test/helpers/factories.ts';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { listStores } from '../db/store-repository.ts';
import { readDemoStores } from '../demo/demo-files.ts';
import { demoStores } from '../demo/stores.ts';
import { findStoresNear } from './find-stores.ts';
import { describeStoresImport, importStoresCsv } from './import-stores.ts';
import { sha256Hex } from './import-catalog.ts';

let t: TestDatabase;
before(async () => { t = await openTestDatabase(); });
after(async () => { await t.close(); });
const deps = () => ({ db: t.db, now: fixedClock('2026-11-26T10:00:00+04:00').now });
const audits = async () => t.db.query<{ action: string; detail: Record<string, unknown> }>(
  "select action, detail from staff_audit_log where action = 'stores.imported' order by id");
const snapshot = async () => t.db.query('select * from stores order by id');

const header = 'id,code,name_az,name_en,name_ru,city,address,phone,lat,lng,hours,counters';
const own = [
  'own-one,OWN1,Saxla Bir,Saxla One,Saxla Один,Baku,"1 Test Street, Baku",012 400 00 10,40.38,49.85,mon-fri 09:00-18:00,2',
  'own-two,OWN2,Saxla İki,Saxla Two,Saxla Два,Ganja,"2 Test Street, Ganja",+994222000010,40.68,46.36,mon-sat 10:00-14:00,1',
];

test('the example stores import whole, with their phones in E.164, and a second import changes nothing', async () => {
  const text = readDemoStores();
  const first = await importStoresCsv(deps(), text);
  assert.deepEqual(first.stores, { created: demoStores.length, updated: 0, unchanged: 0 });
  assert.deepEqual([...first.createdIds].sort(), demoStores.map((s) => s.id).sort());
  assert.deepEqual(await listStores(t.db), [...demoStores].map((s) => ({ ...s, demo: false })).sort((a, b) => (a.id < b.id ? -1 : 1)));
  const [nearest] = await findStoresNear(deps(), { lat: 40.3797, lng: 49.8486 }, 'en');
  assert.equal(nearest?.id, 'baku-28-may');
  assert.equal(nearest?.phone, '+994124000001');
  const stored = await snapshot();
  const again = await importStoresCsv(deps(), text);
  assert.deepEqual(again.stores, { created: 0, updated: 0, unchanged: demoStores.length });
  assert.equal(again.changed, 0);
  assert.deepEqual(again.createdIds, []);
  assert.match(describeStoresImport(again), /0 changed/);
  assert.deepEqual(await snapshot(), stored);
  const rows = await audits();
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0]?.detail, { actor: 'cli', sha256: sha256Hex(text), changed: demoStores.length, stores: first.stores });
  assert.equal(rows[1]?.detail.changed, 0);
});

test("the operator's own stores: new ones added, an edited line updates its store, active=no hides it", async () => {
  const first = await importStoresCsv(deps(), `${header}\n${own.join('\n')}\n`);
  assert.deepEqual(first.stores, { created: 2, updated: 0, unchanged: 0 });
  const edited = `${header},active\n${own[0]?.replace(/,2$/, ',3')},yes\n${own[1]},no\n`;
  const second = await importStoresCsv(deps(), edited);
  assert.deepEqual(second.stores, { created: 0, updated: 2, unchanged: 0 });
  const stores = await listStores(t.db);
  assert.equal(stores.find((s) => s.id === 'own-one')?.schedule.counters, 3);
  assert.equal(stores.find((s) => s.id === 'own-one')?.phone, '+994124000010');
  assert.equal(stores.some((s) => s.id === 'own-two'), false);
});

test('a bad line refuses the whole file, naming the line; nothing is written or audited', async () => {
  const before = await snapshot();
  const auditsBefore = (await audits()).length;
  const bad = 'own-three,OWN3,Saxla Üç,Saxla Three,Saxla Три,Baku,Somewhere,not a phone,40.4,49.9,mon-fri 09:00-18:00,1';
  await assert.rejects(importStoresCsv(deps(), `${header}\nnew-store,NEW1,A,B,C,Baku,X,+994124000020,40,49,mon 09:00-12:00,1\n${bad}\n`),
    (e: { code: string; message: string }) => e.code === 'CSV_INVALID' && /^line 3, phone: /.test(e.message));
  // A receipt code another store prints (one the file does not touch).
  await assert.rejects(importStoresCsv(deps(), `${header}\nnew-store,BAK1,A,B,C,Baku,X,+994124000020,40,49,mon 09:00-12:00,1\n`),
    (e: { code: string; message: string }) => e.code === 'CSV_INVALID' && /^line 2, code: BAK1 is the receipt code of store baku-28-may/.test(e.message));
  // Found by the database half way (two stores trading codes): the first store's update is undone too.
  const swap = `${header}\nnew-store,NEW1,A,B,C,Baku,X,+994124000020,40,49,mon 09:00-12:00,1\n`
    + `${own[0]?.replace('OWN1', 'OWN2')}\n${own[1]?.replace('OWN2', 'OWN1')}\n`;
  await assert.rejects(importStoresCsv(deps(), swap), (e: { code: string; message: string }) => e.code === 'CSV_INVALID' && /trade receipt codes/.test(e.message));
  assert.deepEqual(await snapshot(), before);
  assert.equal((await audits()).length, auditsBefore);
});
