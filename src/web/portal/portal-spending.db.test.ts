// The spending page and the dashboard's spending line, rendered in Chinese (and checked in every
// language): the budget form, unusual charges with "this wasn't me", another customer's line 404.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieHeader, provisionTestLine, registerCustomer, sameOriginHeaders } from '../../../test/helpers/customers.ts';
import { msisdnFor } from '../../../test/helpers/factories.ts';
import { locales } from '../../domain/money.ts';
import { watchSpending } from '../../services/watch-spending.ts';
import { translator } from './i18n.ts';
import { adminHeaders, buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
let token = '';
let otherToken = '';
const LINE = msisdnFor(91);
const OTHER = msisdnFor(92);
const zh = translator('zh');
const href = `/lines/${encodeURIComponent(LINE)}/spending`;

before(async () => {
  t = await buildTestApp('2026-11-26T10:00:00+04:00');
  await provisionTestLine(t, LINE, 91, { balance: { amount: 10_000, currency: 'AZN' }, language: 'zh' });
  await provisionTestLine(t, OTHER, 92);
  token = await registerCustomer(t, LINE);
  otherToken = await registerCustomer(t, OTHER);
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/admin/usage', headers: adminHeaders,
    payload: [{ sourceId: 'z-1', msisdn: LINE, kind: 'roaming_data', quantity: 5_000, unit: 'kilobyte', occurredAt: '2026-11-26T09:00:00+04:00' }],
  });
  assert.equal(res.statusCode, 200, res.body);
  await watchSpending({ db: t.db, now: t.clock.now });
});
after(async () => { await t.close(); });

const get = (url: string, who = token) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...cookieHeader(who) } });
const post = (url: string, form: Record<string, string>, who = token) => t.app.inject({
  method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', ...sameOriginHeaders, ...cookieHeader(who) },
  payload: new URLSearchParams(form).toString(),
});

test('the page lists this month by kind, the unusual charge with its cause and the budget form, in Chinese', async () => {
  const res = await get(`${href}?lang=zh`);
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.body, /<html lang="zh/);
  assert.ok(res.body.includes(zh('spend.thisMonth')));
  assert.ok(res.body.includes(zh('packs.kind.roaming_data')), 'usage kind named');
  // 5,000 KB of data abroad: 50 blocks of 100 KB at 0.40 AZN.
  assert.match(res.body, /20[.,]00/);
  assert.ok(res.body.includes('首次漫游扣费'), 'the alert is shown');
  assert.ok(!res.body.includes('异常大额扣费'), 'one charge, one alert: the large charge is the first roaming one');
  assert.ok(res.body.includes(zh('spend.notMe')));
  assert.ok(res.body.includes(zh('spend.budgetNone')));
  assert.equal((res.body.match(/<tr/g) ?? []).length, 14, 'a header row and 13 months');
  for (const lang of locales) {
    const page = await get(`${href}?lang=${lang}`);
    assert.ok(page.body.includes(translator(lang)('spend.alerts')), lang);
  }
});

test('the budget form takes manat as written; a bad amount is refused and changes nothing', async () => {
  const bad = await post(`${href}/budget?lang=zh`, { budget: 'abc', action: 'save' });
  assert.equal(bad.statusCode, 422);
  assert.ok(bad.body.includes(zh('spend.budgetError')));
  assert.equal((await t.db.query('select 1 from line_budgets')).length, 0);
  const ok = await post(`${href}/budget`, { budget: '12,50', action: 'save' });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, `${href}?done=saved`);
  const [row] = await t.db.query<{ monthly_budget: number }>('select monthly_budget from line_budgets');
  assert.equal(Number(row?.monthly_budget), 1250);
  const page = await get(`${href}?done=saved&lang=zh`);
  assert.ok(page.body.includes(zh('spend.budgetSaved')));
  assert.ok(page.body.includes(zh('spend.budgetClear')));
  const dash = await get('/dashboard?lang=zh');
  assert.ok(dash.body.includes('本月消费'), 'the dashboard shows spending against the budget');
  assert.ok(dash.body.includes('首次漫游扣费'), 'and the unanswered alert');
  const cleared = await post(`${href}/budget`, { action: 'clear' });
  assert.equal(cleared.statusCode, 303);
  assert.equal((await t.db.query('select 1 from line_budgets')).length, 0);
});

test('"this wasn\'t me" records the dispute and says so; another customer gets 404', async () => {
  const [alert] = await t.db.query<{ id: number }>('select id from spending_alerts where msisdn = $1', [LINE]);
  assert.ok(alert);
  const stranger = await post(`${href}/alerts/${alert.id}/dispute`, {}, otherToken);
  assert.equal(stranger.statusCode, 404);
  assert.equal((await get(href, otherToken)).statusCode, 404);
  assert.equal((await post(`${href}/alerts/nope/dispute`, {})).statusCode, 404);
  const res = await post(`${href}/alerts/${alert.id}/dispute`, {});
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, `${href}?done=disputed`);
  const page = await get(`${href}?done=disputed&lang=zh`);
  assert.ok(page.body.includes(zh('spend.disputeRecorded')));
  assert.ok(!page.body.includes(`>${zh('spend.notMe')}<`), 'the button is gone once recorded');
  assert.equal((await t.db.query('select 1 from spending_disputes')).length, 1);
});
