// Online top-ups of any amount: the quote shows the days the band table gives, the order is paid
// on the sandbox page, and the signed webhook credits the balance and validity exactly once —
// through the API and through the portal's Top-up page (in Chinese).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { msisdnFor } from '../helpers/factories.ts';
import { assertLedgerBalances } from '../helpers/test-app.ts';
import { buildPaymentsTestApp, countRows, deliver, payOnPage, webhookFor, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { escapeHtml } from '../../src/web/kit/html.ts';
import { money } from '../../src/web/portal/format.ts';
import { translator } from '../../src/web/portal/i18n.ts';

let t: PaymentsTestApp;
// Every line: balance 5.00 AZN, active until 2026-12-20; the clock stands at 2026-11-26 10:00 Baku.
before(async () => { t = await buildPaymentsTestApp({ lines: 4 }); });
after(async () => { await t.close(); });

const lineRow = async (n: number): Promise<{ balance: number; validUntil: string }> => {
  const [row] = await t.db.query<{ balance: number; valid_until: string }>('select balance::int8 as balance, valid_until from lines where msisdn = $1', [msisdnFor(n)]);
  return { balance: Number(row?.balance), validUntil: row?.valid_until ?? '' };
};
const effects = async (n: number) => ({
  ...(await lineRow(n)),
  operations: await countRows(t.db, 'ledger_operations', `msisdn = $1 and kind = 'top_up_payment'`, [msisdnFor(n)]),
  sms: await countRows(t.db, 'sms_outbox', `msisdn = $1 and kind = 'top_up_confirmation'`, [msisdnFor(n)]),
});
const problem = (res: { statusCode: number; json: () => { code: string } }, status: number, code: string): void => {
  assert.equal(res.statusCode, status);
  assert.equal(res.json().code, code);
};

async function orderTopUp(n: number, amount: number): Promise<{ orderId: string; sessionId: string; quote: Record<string, unknown> }> {
  const quote = await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(n), topUpAmount: { amount, currency: 'AZN' } } });
  assert.equal(quote.statusCode, 201, quote.body);
  const order = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': `top-up-${n}-${amount}` }, payload: { quoteId: quote.json().quoteId } });
  assert.equal(order.statusCode, 201, order.body);
  return { orderId: order.json().orderId, sessionId: String(order.json().paymentUrl).split('/').pop() ?? '', quote: quote.json() };
}

describe('online top-up through the API', () => {
  test('the quote names the days the band table gives and the new end', async () => {
    const { quote } = await orderTopUp(1, 1000);
    assert.equal(quote.kind, 'top_up');
    const [item] = quote.items as { validityDays: number; validUntilAfter: string; planCode: unknown }[];
    // 10 AZN → 60 days from today (2026-11-26 + 60), later than the current end 2026-12-20.
    assert.deepEqual([item?.validityDays, item?.validUntilAfter, item?.planCode], [60, '2027-01-25', null]);
    assert.equal(quote.validUntilAfter, '2027-01-25');
  });

  test('paid with the sandbox card, the doubled webhook credits balance and validity once', async () => {
    const { orderId, sessionId } = await orderTopUp(2, 750);
    assert.equal(await payOnPage(t, sessionId), 200);
    const hook = await webhookFor(t, sessionId);
    const results = await Promise.all([deliver(t, hook), deliver(t, hook), deliver(t, await webhookFor(t, sessionId))]);
    assert.deepEqual(results.map((r) => r.statusCode), [200, 200, 200]);
    // 7.50 AZN reaches the 5 AZN band: 30 days from today → 2026-12-26; balance 5.00 + 7.50.
    assert.deepEqual(await effects(2), { balance: 1250, validUntil: '2026-12-26', operations: 1, sms: 1 });
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}` })).json().status, 'activated');
    const [sms] = await t.db.query<{ body: string }>("select body from sms_outbox where msisdn = $1 and kind = 'top_up_confirmation'", [msisdnFor(2)]);
    assert.match(sms?.body ?? '', /7\.50 AZN/);
    await assertLedgerBalances(t.db);
  });

  test('an amount the band table cannot stretch leaves the validity, credits the balance', async () => {
    const { sessionId } = await orderTopUp(3, 100);
    await payOnPage(t, sessionId);
    await deliver(t, await webhookFor(t, sessionId));
    // 1 AZN buys 5 days (to 2026-12-01), less than the 2026-12-20 the line already has.
    assert.deepEqual(await effects(3), { balance: 600, validUntil: '2026-12-20', operations: 1, sms: 1 });
  });

  test('below 1 AZN, above the maximum or not a number → a clear 4xx and no quote', async () => {
    const before = await countRows(t.db, 'quotes');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), topUpAmount: { amount: 99, currency: 'AZN' } } }), 422, 'AMOUNT_BELOW_MINIMUM_TOP_UP');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), topUpAmount: { amount: 50_001, currency: 'AZN' } } }), 422, 'AMOUNT_ABOVE_MAXIMUM_TOP_UP');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), topUpAmount: { amount: 1.5, currency: 'AZN' } } }), 400, 'VALIDATION_FAILED');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), topUpAmount: { amount: -100, currency: 'AZN' } } }), 400, 'VALIDATION_FAILED');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), topUpAmount: 500, planCode: 'SAXLA_NOMRE' } }), 400, 'VALIDATION_FAILED');
    assert.equal(await countRows(t.db, 'quotes'), before);
  });
});

describe('the portal Top-up page (zh)', () => {
  const zh = translator('zh');
  const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { ...t.customer, accept: 'text/html' } });
  const form = (url: string, fields: Record<string, string>) => t.app.inject({
    method: 'POST', url, headers: { ...t.customer, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(),
  });
  const path = `/lines/${encodeURIComponent(msisdnFor(4))}/top-up`;

  test('offers the band table with its days, and another amount', async () => {
    const res = await page(`${path}?lang=zh`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /<html lang="zh"/);
    assert.ok(res.body.includes(escapeHtml(zh('topUp.title', { msisdn: '+994 50 000 00 04' }))));
    assert.ok(res.body.includes(escapeHtml(zh('topUp.days', { days: 60 }))));
    assert.match(res.body, /<label for="otherAmount">/);
    // The renew screen and the dashboard lead here.
    assert.ok((await page(`/lines/${encodeURIComponent(msisdnFor(4))}/renew?lang=zh`)).body.includes(`href="${path}"`));
    assert.ok((await page('/dashboard?lang=zh')).body.includes(`href="${path}"`));
  });

  test('a typed amount is quoted with its days and new end, then paid once', async () => {
    const quote = await form(`${path}?lang=zh`, { amount: '500', otherAmount: '25,00' });
    assert.equal(quote.statusCode, 200, quote.body);
    // 25 AZN → 90 days from 2026-11-26.
    assert.ok(quote.body.includes(escapeHtml(zh('topUp.days', { days: 90 }))));
    assert.ok(quote.body.includes('2027年2月24日'), 'the new end in Chinese');
    const quoteId = /name="quoteId" value="([^"]+)"/.exec(quote.body)?.[1] ?? '';
    const pay = await form('/orders', { quoteId, msisdn: msisdnFor(4), topUp: '1' });
    assert.equal(pay.statusCode, 303);
    const again = await form('/orders', { quoteId, msisdn: msisdnFor(4), topUp: '1' });
    assert.equal(again.headers.location, pay.headers.location, 'a second press opens the same order');
    const sessionId = /\/pay\/sandbox\/([^/?]+)$/.exec(String(pay.headers.location))?.[1] ?? '';
    await payOnPage(t, sessionId);
    await deliver(t, await webhookFor(t, sessionId));
    assert.deepEqual(await effects(4), { balance: 3000, validUntil: '2027-02-24', operations: 1, sms: 1 });
    const [order] = await t.db.query<{ id: string }>('select id from orders where quote_id = $1', [quoteId]);
    const done = await page(`/orders/${order?.id ?? ''}?lang=zh`);
    assert.ok(done.body.includes(escapeHtml(zh('order.topUpDoneTitle'))), done.body);
  });

  test('a declined card sends the customer back to the top-up page, not to renew', async () => {
    const quote = await form(`${path}?lang=zh`, { amount: '200' });
    const quoteId = /name="quoteId" value="([^"]+)"/.exec(quote.body)?.[1] ?? '';
    const pay = await form('/orders', { quoteId, msisdn: msisdnFor(4), topUp: '1' });
    const sessionId = /\/pay\/sandbox\/([^/?]+)$/.exec(String(pay.headers.location))?.[1] ?? '';
    assert.equal(await payOnPage(t, sessionId, '4000 0000 0000 0002'), 402);
    await deliver(t, await webhookFor(t, sessionId));
    const [order] = await t.db.query<{ id: string }>('select id from orders where quote_id = $1', [quoteId]);
    const declined = await page(`/orders/${order?.id ?? ''}?lang=zh`);
    assert.ok(declined.body.includes(escapeHtml(zh('order.declinedTitle'))));
    assert.ok(declined.body.includes(`href="${path}"`), 'the retry opens the top-up page');
  });

  test('a bad amount shows the form again with the limits, and nothing is quoted', async () => {
    const before = await countRows(t.db, 'quotes');
    for (const other of ['0,50', 'ten', '600']) {
      const res = await form(`${path}?lang=zh`, { amount: 'other', otherAmount: other });
      assert.equal(res.statusCode, 422, other);
      assert.ok(res.body.includes(escapeHtml(zh('topUp.badAmount', { min: money({ amount: 100, currency: 'AZN' }, 'zh'), max: money({ amount: 50_000, currency: 'AZN' }, 'zh') }))), res.body);
      assert.match(res.body, /aria-invalid="true"/);
    }
    assert.equal(await countRows(t.db, 'quotes'), before);
  });
});
