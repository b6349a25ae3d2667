// The dashboard's "left in your packs" panel: read from GET /api/v1/lines/{msisdn}/usage, in the
// units people think in, in every language; a line without packs shows no panel.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieHeader, provisionTestLine, registerCustomer } from '../../../test/helpers/customers.ts';
import { msisdnFor } from '../../../test/helpers/factories.ts';
import { upsertPlans } from '../../db/plan-repository.ts';
import { demoPlans } from '../../demo/catalog.ts';
import { locales } from '../../domain/money.ts';
import { translator } from './i18n.ts';
import { adminHeaders, buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
let token = '';
const LINE = msisdnFor(81);

before(async () => {
  t = await buildTestApp('2026-11-26T10:00:00+04:00');
  await t.db.tx((sql) => upsertPlans(sql, demoPlans));
  await provisionTestLine(t, LINE, 81, { planCode: 'ECNEBI_PAKET', validUntil: '2027-01-20' });
  token = await registerCustomer(t, LINE);
  const at = '2026-11-26T09:00:00+04:00';
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/admin/usage', headers: adminHeaders,
    payload: [
      { sourceId: 'd-1', msisdn: LINE, kind: 'voice', quantity: 1234, unit: 'second', occurredAt: at },
      { sourceId: 'd-2', msisdn: LINE, kind: 'data', quantity: 1_500_000, unit: 'kilobyte', occurredAt: at },
    ],
  });
  assert.equal(res.statusCode, 200, res.body);
});
after(async () => { await t.close(); });

const page = (lang: string) => t.app.inject({ method: 'GET', url: `/dashboard?lang=${lang}`, headers: { accept: 'text/html', ...cookieHeader(token) } });

test('the dashboard shows what is left in each pack and when the packs renew, in every language', async () => {
  const en = await page('en');
  assert.equal(en.statusCode, 200);
  assert.match(en.body, /Left in your packs/);
  // 1,234 s bill as 21 started minutes of 100; 1,500,000 KB of 3 GB leave 1,608 MB.
  assert.match(en.body, /79 min of 100 min left/);
  assert.match(en.body, /1.5 GB of 3 GB left/);
  assert.match(en.body, /60 min of 60 min left/);
  assert.match(en.body, /renew on 21 Dec 2026/);
  for (const lang of locales) {
    const res = await page(lang);
    assert.ok(res.body.includes(translator(lang)('packs.title')), `${lang} panel title`);
  }
  assert.match((await page('az')).body, /1,5 GB/);
});
