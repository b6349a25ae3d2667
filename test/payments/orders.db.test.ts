// Quotes and orders over HTTP: pricing, Idempotency-Key, expiry, and problem+json on every error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { msisdnFor } from '../helpers/factories.ts';
import { buildPaymentsTestApp, countRows, deliver, orderRenewal, payOnPage, webhookFor, type PaymentsTestApp } from '../helpers/payments-app.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp(); });
after(async () => { await t.close(); });

const problem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, code: string): void => {
  assert.equal(res.statusCode, status, JSON.stringify(res.json()));
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  assert.equal((res.json() as { code: string }).code, code);
};

describe('plans and quotes', () => {
  test('plans in the asked language with AZN prices', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/plans?lang=en' });
    assert.equal(res.statusCode, 200);
    const keep = res.json().items.find((p: { code: string }) => p.code === 'SAXLA_NOMRE');
    assert.deepEqual(keep.monthlyPrice, { amount: 150, currency: 'AZN' });
    assert.equal(keep.name, 'Keep My Number');
    const az = await t.app.inject({ method: 'GET', url: '/api/v1/plans?lang=az' });
    assert.equal(az.json().items.find((p: { code: string }) => p.code === 'SAXLA_NOMRE').name, 'Saxla Nömrə');
  });

  test('a one-line quote is itemised, with the new validity end and a 15-minute expiry', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/quotes?lang=en', payload: { msisdn: '0500000001', planCode: 'SAXLA_NOMRE', months: 6 } });
    assert.equal(res.statusCode, 201, res.body);
    const q = res.json();
    assert.match(q.quoteId, /^qt_/);
    assert.equal(q.items[0].msisdn, msisdnFor(1));
    assert.deepEqual(q.items[0].subtotal, { amount: 900, currency: 'AZN' });
    assert.deepEqual(q.discounts.map((d: { code: string; amount: { amount: number } }) => [d.code, d.amount.amount]), [['MULTI_MONTH', 90]]);
    assert.deepEqual(q.total, { amount: 810, currency: 'AZN' });
    assert.equal(q.validUntilAfter, '2027-06-20');
    assert.equal(q.expiresAt, '2026-11-26T10:15:00+04:00');
  });

  test('several lines get the bundle discount; a promo code is named', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/quotes',
      payload: { items: [{ msisdn: msisdnFor(1), planCode: 'ECNEBI_PAKET', months: 3 }, { msisdn: msisdnFor(2), planCode: 'ECNEBI_PAKET', months: 3 }], promoCode: 'student5' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const q = res.json();
    assert.deepEqual(q.discounts.map((d: { code: string }) => d.code), ['BUNDLE', 'STUDENT5']);
    assert.equal(q.promoCode, 'STUDENT5');
    assert.equal(q.validUntilAfter[msisdnFor(2)], '2027-03-20');
  });

  test('a top-up quote gives the validity the amount buys', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(3), topUpAmount: { amount: 500, currency: 'AZN' } } });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().kind, 'top_up');
    assert.deepEqual(res.json().total, { amount: 500, currency: 'AZN' });
  });

  test('refusals are problem+json with stable codes', async () => {
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 3, colour: 'red' } }), 400, 'UNKNOWN_FIELD');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE' } }), 400, 'VALIDATION_FAILED');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), planCode: 'NOPE', months: 3 } }), 404, 'PLAN_NOT_FOUND');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(99), planCode: 'SAXLA_NOMRE', months: 3 } }), 404, 'LINE_NOT_FOUND');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 2 } }), 422, 'PLAN_DURATION_NOT_OFFERED');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 3, promoCode: 'NOSUCH' } }), 422, 'PROMO_NOT_FOUND');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: '12345', planCode: 'SAXLA_NOMRE', months: 3 } }), 422, 'INVALID_MSISDN');
  });
});

describe('orders', () => {
  test('same key and body → the first answer; another body with that key → 409', async () => {
    const quote = (await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 1 } })).json();
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'same-key' }, payload: { quoteId: quote.quoteId } });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().status, 'pending_payment');
    assert.match(first.json().paymentUrl, /\/pay\/sandbox\/sbx_/);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'same-key' }, payload: { quoteId: quote.quoteId } });
    assert.deepEqual(again.json(), first.json());
    assert.equal(again.headers['idempotent-replayed'], 'true');
    const other = (await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(2), planCode: 'SAXLA_NOMRE', months: 1 } })).json();
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'same-key' }, payload: { quoteId: other.quoteId } }), 409, 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(await countRows(t.db, 'orders', 'quote_id = $1', [other.quoteId]), 0);
  });

  test('an expired quote → 409 QUOTE_EXPIRED, and no order', async () => {
    const quote = (await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 1 } })).json();
    t.clock.advanceMs(15 * 60 * 1000);
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'late' }, payload: { quoteId: quote.quoteId } }), 409, 'QUOTE_EXPIRED');
    assert.equal(await countRows(t.db, 'orders', 'quote_id = $1', [quote.quoteId]), 0);
  });

  test('order errors are problem+json with stable codes', async () => {
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: { quoteId: 'qt_x' } }), 400, 'IDEMPOTENCY_KEY_REQUIRED');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'a' }, payload: { quoteId: 'qt_nope' } }), 404, 'QUOTE_NOT_FOUND');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'b' }, payload: { quoteId: 'qt_x', provider: 'stripe' } }), 422, 'PAYMENT_PROVIDER_DISABLED');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'c' }, payload: { quoteId: 'qt_x', extra: 1 } }), 400, 'UNKNOWN_FIELD');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'd', 'content-type': 'application/json' }, payload: '{"quoteId":' }), 400, 'MALFORMED_BODY');
    problem(await t.app.inject({ method: 'GET', url: '/api/v1/orders/ord_nope' }), 404, 'ORDER_NOT_FOUND');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/nopay', payload: '{}' }), 404, 'NOT_FOUND');
  });

  test('a quote can be paid once: a second order on it is refused after payment', async () => {
    const { quoteId, orderId, sessionId } = await orderRenewal(t, { msisdn: msisdnFor(2), months: 1 });
    assert.equal(await payOnPage(t, sessionId), 200);
    assert.equal((await deliver(t, await webhookFor(t, sessionId))).statusCode, 200);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}` })).json().status, 'activated');
    problem(await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'second' }, payload: { quoteId } }), 409, 'ORDER_STATE_CONFLICT');
  });
});

test('the sandbox page sends the customer back to the order on Saxla, paid or declined', async () => {
  const t2 = await buildPaymentsTestApp({ lines: 1 });
  try {
    const { orderId, sessionId } = await orderRenewal(t2, { months: 1 });
    const declined = await t2.app.inject({
      method: 'POST', url: `/pay/sandbox/${sessionId}?lang=en`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'cardNumber=4000+0000+0000+0002',
    });
    assert.equal(declined.statusCode, 402);
    assert.match(declined.body, new RegExp(`href="/orders/${orderId}"`));
    const page = await t2.app.inject({ method: 'GET', url: `/pay/sandbox/${sessionId}` });
    assert.match(page.body, /href="\/orders\//);
  } finally {
    await t2.close();
  }
});
