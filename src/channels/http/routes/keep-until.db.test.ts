// GET /api/v1/lines/{msisdn}/keep-until and the portal's "Keep my number until…" page, on the demo
// catalogue: the cheapest schedule, its refusals, and its first step one press from a quote.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, parseIsoDate } from '../../../domain/calendar.ts';
import { msisdnFor } from '../../../../test/helpers/factories.ts';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../../../../test/helpers/payments-app.ts';
import { escapeHtml } from '../../../web/kit/html.ts';
import { translator } from '../../../web/portal/i18n.ts';

let t: PaymentsTestApp;
// Lines active until 2026-12-20 with 5.00 AZN; the clock stands at 2026-11-26 10:00 Baku.
before(async () => { t = await buildPaymentsTestApp({ lines: 2 }); });
after(async () => { await t.close(); });

interface Step { kind: string; planCode?: string; months?: number; on: string; price: { amount: number }; validUntilAfter: string; buyNow: boolean }
const keep = (query: string, msisdn = msisdnFor(1)) =>
  t.anonymousApp.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(msisdn)}/keep-until?${query}`, headers: t.customer });

describe('GET /api/v1/lines/{msisdn}/keep-until', () => {
  test('until 30 June 2027: six months and one month of Keep My Number, both buyable now', async () => {
    const res = await keep('date=2027-06-30&lang=en');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { total: { amount: number; currency: string }; steps: Step[]; validUntilAfter: string; msisdn: string };
    // 6 months: 9.00 − 10 % = 8.10, then 1 month 1.50; a 6-month renewal and a top-up would cost 8.10 + 2.00.
    assert.deepEqual(body.total, { amount: 960, currency: 'AZN' });
    assert.deepEqual(body.steps.map((s) => [s.kind, s.planCode, s.months]).toSorted(), [['renewal', 'SAXLA_NOMRE', 1], ['renewal', 'SAXLA_NOMRE', 6]]);
    assert.ok(body.steps.every((s) => s.buyNow));
    assert.equal(body.validUntilAfter, '2027-07-20');
    assert.equal(body.msisdn, msisdnFor(1));
    assert.equal(body.steps.reduce((sum, s) => sum + s.price.amount, 0), 960);
  });

  test('receive-only buys on the last one-way day and costs no more', async () => {
    const res = await keep('date=2027-06-30&receiveOnly=true');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { total: { amount: number }; steps: Step[]; validUntilAfter: string };
    assert.ok(body.total.amount <= 960, String(body.total.amount));
    assert.equal(body.steps[0]?.on, '2027-01-19');
    assert.equal(body.steps[0]?.buyNow, false);
    assert.ok(addDays(parseIsoDate(body.validUntilAfter), 30) >= '2027-06-30');
  });

  test('a line that lasts already: nothing to buy', async () => {
    const res = await keep('date=2026-12-20');
    assert.deepEqual(res.json(), { msisdn: msisdnFor(1), date: '2026-12-20', receiveOnly: false, validUntil: '2026-12-20', total: { amount: 0, currency: 'AZN' }, steps: [], validUntilAfter: '2026-12-20' });
  });

  test('refusals: past day 422, not a day 422, no day 400, another line 404, no session 401; nothing written', async () => {
    const quotes = await countRows(t.db, 'quotes');
    const problem = async (res: Awaited<ReturnType<typeof keep>>, status: number, code: string) => {
      assert.equal(res.statusCode, status, res.body);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
      assert.equal(res.json().code, code);
    };
    await problem(await keep('date=2026-11-25'), 422, 'INVALID_DATE');
    await problem(await keep('date=2026-02-30'), 422, 'INVALID_DATE');
    await problem(await keep('date=2040-01-01'), 422, 'INVALID_DATE');
    await problem(await keep(''), 400, 'VALIDATION_FAILED');
    await problem(await keep('date=2027-01-01&receiveOnly=maybe'), 400, 'VALIDATION_FAILED');
    await problem(await keep('date=2027-01-01', msisdnFor(77)), 404, 'LINE_NOT_FOUND');
    const anonymous = await t.anonymousApp.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(msisdnFor(1))}/keep-until?date=2027-01-01` });
    assert.equal(anonymous.statusCode, 401);
    assert.equal(await countRows(t.db, 'quotes'), quotes);
  });

  test('the path is in the OpenAPI document', async () => {
    const doc = (await t.anonymousApp.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    assert.ok(doc.paths['/api/v1/lines/{msisdn}/keep-until']);
  });
});

describe('the portal page (zh)', () => {
  const zh = translator('zh');
  const path = `/lines/${encodeURIComponent(msisdnFor(2))}/keep-until`;
  const page = (url: string) => t.anonymousApp.inject({ method: 'GET', url, headers: { ...t.customer, accept: 'text/html' } });

  test('the form has a labelled day and a receive-only box, and works as a plain GET', async () => {
    const res = await page(`${path}?lang=zh`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /<html lang="zh"/);
    assert.match(res.body, /<form method="get" action="[^"]+keep-until"/);
    assert.match(res.body, /<label for="date">/);
    assert.match(res.body, /<input type="checkbox" name="receiveOnly" id="receiveOnly"/);
    assert.ok(res.body.includes(escapeHtml(zh('keep.receiveOnly'))));
    assert.ok((await page('/dashboard?lang=zh')).body.includes(`href="${path}"`));
  });

  test('the result table in Chinese, with the first step one press from the quote', async () => {
    const res = await page(`${path}?lang=zh&date=2027-06-30`);
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.body.includes(escapeHtml(zh('keep.resultTitle'))));
    assert.ok(res.body.includes('2027年7月20日'), 'the end after the schedule, in Chinese');
    assert.ok(res.body.includes('9,60') || res.body.includes('9.60'), 'the total');
    const action = /<form method="post" action="([^"]+\/quote)"/.exec(res.body)?.[1];
    assert.ok(action, 'a renewal first step posts to the quote form');
    const fields = Object.fromEntries([...res.body.matchAll(/<input type="hidden" name="(planCode|months)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const quote = await t.anonymousApp.inject({
      method: 'POST', url: `${action}?lang=zh`, headers: { ...t.customer, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    assert.equal(quote.statusCode, 200, quote.body);
    assert.match(quote.body, /name="quoteId" value="qt_/);
  });

  test('its renewal becomes auto-renew in one press: from the balance, capped at one run', async () => {
    const res = await page(`${path}?lang=zh&date=2027-06-30`);
    const action = /<form method="post" action="([^"]+\/keep-until\/auto-renew)"/.exec(res.body)?.[1];
    assert.ok(action, 'the schedule offers auto-renew');
    const fields = Object.fromEntries([...res.body.matchAll(/<input type="hidden" name="(planCode|months|date|receiveOnly)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const set = await t.anonymousApp.inject({
      method: 'POST', url: action, headers: { ...t.customer, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    assert.equal(set.statusCode, 303, set.body);
    assert.match(String(set.headers.location), /keep-until\?date=2027-06-30&receiveOnly=false&autoRenew=set$/);
    const stored = (await t.anonymousApp.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(msisdnFor(2))}/auto-renew`, headers: t.customer })).json();
    assert.equal(stored.mode, 'renew');
    assert.equal(stored.planCode, 'SAXLA_NOMRE');
    assert.equal(stored.source, 'balance');
    assert.equal(stored.monthlyCap.amount, 150 * stored.months);
    const after = await page(`${String(set.headers.location)}&lang=zh`);
    assert.ok(after.body.includes(escapeHtml(zh('keep.autoRenewSet'))));
  });

  test('a past day shows the form again with the reason', async () => {
    const res = await page(`${path}?lang=zh&date=2026-01-01`);
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes(escapeHtml(zh('keep.badDate'))));
    assert.match(res.body, /aria-invalid="true"/);
  });
});
