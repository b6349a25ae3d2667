// Quotes and orders belong to the signed-in customer: nobody reads or orders for a line they have
// not proven, and the answer is "not found", never "forbidden".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { msisdnFor } from '../helpers/factories.ts';
import { customerHeaders, signUpCustomer } from '../helpers/customers.ts';
import { buildPaymentsTestApp, orderRenewal, type PaymentsTestApp } from '../helpers/payments-app.ts';

let t: PaymentsTestApp;
let stranger: Record<string, string>;
before(async () => {
  t = await buildPaymentsTestApp({ lines: 2 });
  stranger = customerHeaders(await signUpCustomer({ ...t, app: t.anonymousApp }, '+994707000009', 9009));
});
after(async () => { await t.close(); });

test('without a session, quotes and orders answer 401 problem+json', async () => {
  const quote = await t.anonymousApp.inject({ method: 'POST', url: '/api/v1/quotes', headers: { origin: 'http://localhost' }, payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 1 } });
  assert.equal(quote.statusCode, 401);
  assert.equal(quote.json().code, 'UNAUTHENTICATED');
  const order = await t.anonymousApp.inject({ method: 'GET', url: '/api/v1/orders/ord_x' });
  assert.equal(order.statusCode, 401);
});

test('another customer can neither quote for the line nor read its order: 404', async () => {
  const mine = await orderRenewal(t, { msisdn: msisdnFor(1), months: 1 });
  const quote = await t.anonymousApp.inject({ method: 'POST', url: '/api/v1/quotes', headers: stranger, payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 1 } });
  assert.equal(quote.statusCode, 404);
  assert.equal(quote.json().code, 'LINE_NOT_FOUND');
  const read = await t.anonymousApp.inject({ method: 'GET', url: `/api/v1/orders/${mine.orderId}`, headers: stranger });
  assert.equal(read.statusCode, 404);
  assert.equal(read.json().code, 'ORDER_NOT_FOUND');
  const reuse = await t.anonymousApp.inject({ method: 'POST', url: '/api/v1/orders', headers: { ...stranger, 'idempotency-key': 'x1' }, payload: { quoteId: mine.quoteId } });
  assert.equal(reuse.statusCode, 404);
  assert.equal(reuse.json().code, 'QUOTE_NOT_FOUND');
  const lines = await t.anonymousApp.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(msisdnFor(1))}`, headers: stranger });
  assert.equal(lines.statusCode, 404);
});

test('a write from another origin with the session cookie is refused (CSRF)', async () => {
  const res = await t.anonymousApp.inject({
    method: 'POST', url: '/api/v1/quotes', headers: { ...t.customer, origin: 'https://saxla-az.example' },
    payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 1 },
  });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().code, 'CSRF_REJECTED');
});
