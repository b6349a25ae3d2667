// Spending page API, budget SMS and anomaly alerts on the database (PGlite and PostgreSQL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { customerHeaders, provisionTestLine, registerCustomer, sameOriginHeaders } from '../../test/helpers/customers.ts';
import { msisdnFor } from '../../test/helpers/factories.ts';
import { adminHeaders, buildTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { getLineSpending, setLineBudget } from './line-spending.ts';
import { watchSpending } from './watch-spending.ts';

let t: TestApp;
after(async () => { await t.close(); });

const lineA = msisdnFor(301);
const lineB = msisdnFor(302);
let tokenA = '';
let tokenB = '';
const path = (msisdn: string, rest: string) => `/api/v1/lines/${encodeURIComponent(msisdn)}/${rest}`;
const as = (token: string) => ({ ...customerHeaders(token), ...sameOriginHeaders });
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  Number((await t.db.query<{ n: number }>(`select count(*)::int8 as n from ${table} where ${where}`, params))[0]?.n);
const watch = () => watchSpending({ db: t.db, now: t.clock.now });

before(async () => {
  t = await buildTestApp('2026-11-26T10:00:00+04:00');
  await provisionTestLine(t, lineA, 301, { balance: { amount: 20_000, currency: 'AZN' } });
  await provisionTestLine(t, lineB, 302);
  tokenA = await registerCustomer(t, lineA);
  tokenB = await registerCustomer(t, lineB);
});

describe('spending, budget and anomaly alerts', () => {
  test('a bad budget is refused and changes nothing; another customer\'s line is 404', async () => {
    for (const payload of [{ monthlyBudget: { amount: 0, currency: 'AZN' } }, { monthlyBudget: { amount: 1.5, currency: 'AZN' } }, {}]) {
      const res = await t.app.inject({ method: 'PUT', url: path(lineA, 'budget'), headers: as(tokenA), payload });
      assert.ok(res.statusCode === 400 || res.statusCode === 422, res.body);
    }
    assert.equal(await count('line_budgets'), 0);
    assert.equal((await t.app.inject({ method: 'GET', url: path(lineA, 'spending'), headers: as(tokenB) })).statusCode, 404);
    const put = await t.app.inject({ method: 'PUT', url: path(lineA, 'budget'), headers: as(tokenB), payload: { monthlyBudget: { amount: 500, currency: 'AZN' } } });
    assert.equal(put.statusCode, 404);
    assert.equal(await count('line_budgets'), 0);
  });

  test('80 % of the budget sends one SMS a month; first roaming is one alert with one SMS, even when two passes race', async () => {
    const set = await t.app.inject({ method: 'PUT', url: path(lineA, 'budget'), headers: as(tokenA), payload: { monthlyBudget: { amount: 1000, currency: 'AZN' } } });
    assert.equal(set.statusCode, 200, set.body);
    assert.deepEqual(set.json().budget, { amount: 1000, currency: 'AZN' });
    assert.deepEqual(set.json().alertAt, { amount: 800, currency: 'AZN' });
    // 10 minutes of calls abroad at 1.50 AZN a started minute: 15 AZN, past 80 % of 10 AZN.
    const usage = await t.app.inject({
      method: 'POST', url: '/api/v1/admin/usage', headers: adminHeaders,
      payload: [{ sourceId: 'roam-1', msisdn: lineA, kind: 'roaming_voice', quantity: 600, unit: 'second', occurredAt: '2026-11-26T09:00:00+04:00', destination: '+905321234567' }],
    });
    assert.equal(usage.statusCode, 200, usage.body);
    const [first, second] = await Promise.all([watch(), watch()]);
    await watch();
    assert.equal((first?.budgetAlerts ?? 0) + (second?.budgetAlerts ?? 0), 1);
    const sms = await t.db.query<{ body: string; dedupe_key: string; kind: string }>(
      "select body, dedupe_key, kind from sms_outbox where msisdn = $1 and kind = 'spending_alert' order by id", [lineA]);
    assert.equal(sms.length, 2, JSON.stringify(sms));
    const budgetSms = sms.find((s) => s.dedupe_key === `budget80:${lineA}:2026-11`);
    assert.ok(budgetSms);
    assert.match(budgetSms.body, /15\.00 AZN/);
    assert.match(budgetSms.body, /150%/);
    assert.doesNotMatch(budgetSms.body, /https?:|www\./);
    const anomalySms = sms.find((s) => s.dedupe_key.startsWith('anomaly:'));
    assert.ok(anomalySms);
    assert.match(anomalySms.body, /roaming/);
    assert.match(anomalySms.body, /calls abroad 15\.00 AZN/);
    assert.equal(await count('spending_alerts', 'msisdn = $1', [lineA]), 1);

    const view = await t.app.inject({ method: 'GET', url: path(lineA, 'spending'), headers: as(tokenA) });
    assert.equal(view.statusCode, 200, view.body);
    const body = view.json();
    assert.equal(body.months.length, 13);
    assert.equal(body.months[0].month, '2026-11');
    assert.deepEqual(body.months[0].byKind, { usage_roaming_voice: { amount: 1500, currency: 'AZN' } });
    assert.deepEqual(body.months[0].total, { amount: 1500, currency: 'AZN' });
    assert.equal(body.alerts.length, 1);
    assert.equal(body.alerts[0].kind, 'first_roaming');
    assert.equal(body.alerts[0].causes[0].sourceId, 'roam-1');
    assert.equal(body.alerts[0].disputedAt, null);
  });

  test('"this wasn\'t me" records one dispute; another customer or line cannot reach the alert', async () => {
    const [alert] = await t.db.query<{ id: number }>('select id from spending_alerts where msisdn = $1', [lineA]);
    assert.ok(alert);
    const dispute = (token: string, msisdn: string, id: number | string = alert.id) =>
      t.app.inject({ method: 'POST', url: path(msisdn, `spending-alerts/${id}/dispute`), headers: as(token) });
    assert.equal((await dispute(tokenB, lineA)).statusCode, 404);
    assert.equal((await dispute(tokenB, lineB)).statusCode, 404);
    assert.equal((await dispute(tokenA, lineA, 999_999)).statusCode, 404);
    assert.equal((await dispute(tokenA, lineA, 'x')).statusCode, 400);
    assert.equal(await count('spending_disputes'), 0);
    const once = await dispute(tokenA, lineA);
    assert.equal(once.statusCode, 200, once.body);
    assert.ok(once.json().disputedAt);
    const twice = await dispute(tokenA, lineA);
    assert.equal(twice.statusCode, 200);
    assert.equal(twice.json().disputedAt, once.json().disputedAt);
    assert.equal(await count('spending_disputes'), 1);
    // The dispute is a billing case for the support team, once, naming the usage that caused it.
    assert.equal(await count('support_cases'), 1);
    const cases = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: as(tokenA) });
    const [opened] = cases.json().items;
    assert.equal(opened.category, 'billing');
    assert.equal(opened.msisdn, lineA);
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${opened.caseId}`, headers: as(tokenA) });
    assert.match(detail.json().messages[0].text, /wasn't me.*first roaming[\s\S]*roam-1/);
  });

  test('clearing the budget removes it', async () => {
    const cleared = await t.app.inject({ method: 'DELETE', url: path(lineA, 'budget'), headers: as(tokenA) });
    assert.equal(cleared.statusCode, 200);
    assert.equal(cleared.json().budget, null);
    assert.equal(await count('line_budgets'), 0);
  });

  test('a new Baku month sends the budget SMS again; first roaming is never alerted twice', async () => {
    // Six days on the session has lapsed: the budget is set again, and the view read, through the use cases.
    const [link] = await t.db.query<{ customer_id: string }>('select customer_id from customer_lines where msisdn = $1', [lineA]);
    assert.ok(link);
    const deps = { db: t.db, now: t.clock.now };
    await setLineBudget(deps, link.customer_id, lineA, 1000);
    t.clock.set('2026-12-02T12:00:00+04:00');
    const usage = await t.app.inject({
      method: 'POST', url: '/api/v1/admin/usage', headers: adminHeaders,
      payload: [{ sourceId: 'roam-2', msisdn: lineA, kind: 'roaming_voice', quantity: 600, unit: 'second', occurredAt: '2026-12-02T11:00:00+04:00' }],
    });
    assert.equal(usage.statusCode, 200, usage.body);
    await watch();
    await watch();
    const keys = (await t.db.query<{ dedupe_key: string }>(
      "select dedupe_key from sms_outbox where msisdn = $1 and kind = 'spending_alert' order by id", [lineA])).map((r) => r.dedupe_key);
    assert.equal(keys.length, 3, keys.join());
    assert.equal(keys[2], `budget80:${lineA}:2026-12`);
    assert.equal(await count('spending_alerts', 'msisdn = $1', [lineA]), 1);
    const view = await getLineSpending(deps, link.customer_id, lineA);
    assert.deepEqual([view.months[0]?.month, view.months[0]?.total, view.months[1]?.month, view.months[1]?.total], ['2026-12', 1500, '2026-11', 1500]);
  });

  test('an account sees only what was spent since it proved the line, never a previous holder\'s', async () => {
    const [link] = await t.db.query<{ customer_id: string }>('select customer_id from customer_lines where msisdn = $1', [lineA]);
    assert.ok(link);
    const deps = { db: t.db, now: t.clock.now };
    const before = await getLineSpending(deps, link.customer_id, lineA);
    assert.ok((before.months[0]?.total ?? 0) > 0 && before.alerts.length > 0, 'the holder sees its own spending and alerts');
    // As if the number had changed hands: this account proved it only now.
    await t.db.query('update customer_lines set verified_at = $2 where msisdn = $1', [lineA, new Date(t.clock.now() + 1000)]);
    t.clock.advanceMs(2000);
    const after = await getLineSpending(deps, link.customer_id, lineA);
    assert.deepEqual(after.months.map((m) => m.total), after.months.map(() => 0));
    assert.deepEqual(after.alerts, []);
    const alertId = before.alerts[0]?.id ?? 0;
    const dispute = await t.app.inject({ method: 'POST', url: path(lineA, `spending-alerts/${String(alertId)}/dispute`), headers: as(tokenA) });
    assert.ok(dispute.statusCode === 404 || dispute.statusCode === 401, dispute.body);
  });
});
