// Descriptions from the catalogue file reach the public promotions list; importing the same file
// again changes nothing; a file without descriptions keeps those the back office wrote.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readDemoCatalog } from '../../src/demo/demo-files.ts';
import { importCatalog } from '../../src/services/import-catalog.ts';
import { buildTestApp, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
before(async () => { t = await buildTestApp(); });
after(async () => t.close());

async function description(code: string, lang: string): Promise<string | undefined> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/promotions?lang=${lang}` });
  return (res.json() as { items: { code?: string; description: string }[] }).items.find((o) => o.code === code)?.description;
}

test('the example catalogue describes its codes in every language, and a second import changes nothing', async () => {
  const deps = { db: t.db, now: t.clock.now };
  const text = readDemoCatalog();
  await importCatalog(deps, text);
  assert.equal(await description('WELCOME10', 'ru'), 'Скидка 10% на продление: введите код на странице продления.');
  assert.equal((await importCatalog(deps, text)).changed, 0);
  await t.db.query(`update promotions set descriptions = jsonb_set(descriptions, '{en}', '"Written in the back office"') where code = 'WELCOME10'`);
  const withoutDescriptions = JSON.parse(text) as { promotions: Record<string, unknown>[] };
  for (const p of withoutDescriptions.promotions) delete p.descriptions;
  await importCatalog(deps, JSON.stringify(withoutDescriptions));
  assert.equal(await description('WELCOME10', 'en'), 'Written in the back office');
});
