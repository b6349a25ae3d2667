// PayPal without the network: its REST API answered from fixtures by a fake fetch. The customer is
// charged in USD at the rate fixed in the quote; the ledger stays in AZN.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { msisdnFor } from '../helpers/factories.ts';
import { assertLedgerBalances } from '../helpers/test-app.ts';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { fixedRateSource } from '../../src/payments/fx-rate-source.ts';
import { createPaypalProvider } from '../../src/payments/paypal-provider.ts';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8');
const calls: { method: string; path: string; body: string; requestId: string | null }[] = [];
let verification = 'SUCCESS';
let orderId = 'ord_placeholder';

const fakePaypal: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const headers = new Headers(init?.headers as Record<string, string> | undefined);
  calls.push({ method: init?.method ?? 'GET', path: url.pathname, body: String(init?.body ?? ''), requestId: headers.get('paypal-request-id') });
  const json = (body: unknown, status = 200): Response => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  switch (`${init?.method ?? 'GET'} ${url.pathname}`) {
    case 'POST /v1/oauth2/token':
      return json({ access_token: 'A21AA-fixture', token_type: 'Bearer', expires_in: 32400 });
    case 'POST /v2/checkout/orders':
      return json({ id: '5O190127TN364715T', status: 'PAYER_ACTION_REQUIRED', links: [{ rel: 'payer-action', href: 'https://www.sandbox.paypal.com/checkoutnow?token=5O190127TN364715T' }] });
    case 'POST /v1/notifications/verify-webhook-signature':
      return json({ verification_status: verification });
    case 'POST /v2/checkout/orders/5O190127TN364715T/capture':
      return json(fixture('paypal-order-captured').replaceAll('ord_placeholder', orderId), 201);
    case 'GET /v2/checkout/orders/5O190127TN364715T':
      return json(fixture('paypal-order-captured').replaceAll('ord_placeholder', orderId));
    default:
      return json({ name: 'RESOURCE_NOT_FOUND' }, 404);
  }
};

const paypal = createPaypalProvider({ clientId: 'client', clientSecret: 'secret', webhookId: 'WH-ID', apiBase: 'https://api-m.sandbox.paypal.com', fetch: fakePaypal });
let t: PaymentsTestApp;
before(async () => {
  t = await buildPaymentsTestApp({ providers: { paypal }, fx: { currency: 'USD', source: fixedRateSource({ USD: '0.588235' }, 'peg-1.70') } });
});
after(async () => { await t.close(); });

function transmission(at: number): Record<string, string> {
  return {
    'content-type': 'application/json', 'paypal-auth-algo': 'SHA256withRSA', 'paypal-cert-url': 'https://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42',
    'paypal-transmission-id': '69cd13f0-d67a-11e5-baa3-778b53f4ae55', 'paypal-transmission-sig': 'lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rMyFrmz+Zjh3s3boXB07VXCXUZy/UFzUlnGJn0wDugt7FlSvdKeIJenLRemUxYCPVoEZzg9VFNqOa48gMkvF+XTpxBeUx/kWy6B5cp7GkT2+pOowfRK7OaynuxUoKW3JcMWw272VKjLTtTAShncla7tGF+55rxyt2KNZIIqxNMJ48RDZheGU5w1npu9dZHnPgTXB9iomeVRoD8O/jhRpnKsGrDschyNdkeh81BJJMH4Ctc6lnCCquoP/GzCzz33MMsNdid7vL/NIWaCsekQpW26FpWPi/tfj8nLA==',
    'paypal-transmission-time': new Date(at).toISOString(),
  };
}

test('charged in USD at the quote rate, captured on approval, activated once in AZN', async () => {
  const quote = (await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 3 } })).json();
  assert.deepEqual(quote.total, { amount: 450, currency: 'AZN' });
  assert.deepEqual(quote.charges, [{ provider: 'paypal', amount: { amount: 265, currency: 'USD' }, rate: '0.588235', rateSource: 'peg-1.70' }]);
  const order = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'p1' }, payload: { quoteId: quote.quoteId, provider: 'paypal' } });
  assert.equal(order.statusCode, 201, order.body);
  orderId = order.json().orderId;
  assert.match(order.json().paymentUrl, /sandbox\.paypal\.com\/checkoutnow/);
  const create = calls.find((c) => c.path === '/v2/checkout/orders');
  assert.match(create?.body ?? '', /"currency_code":"USD","value":"2.65"/);
  assert.equal(create?.requestId, `saxla-order-${orderId}`);

  const approved = fixture('paypal-checkout-order-approved').replaceAll('ord_placeholder', orderId);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/paypal', headers: transmission(t.clock.now()), payload: approved });
  assert.equal(res.statusCode, 200, res.body);
  const view = (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}` })).json();
  assert.equal(view.status, 'activated');
  assert.deepEqual(view.charge, { amount: 265, currency: 'USD' });

  // PayPal then reports the capture itself: recognised as the same payment.
  const completed = fixture('paypal-payment-capture-completed').replaceAll('ord_placeholder', orderId);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/paypal', headers: transmission(t.clock.now()), payload: completed })).statusCode, 200);
  assert.equal(await countRows(t.db, 'ledger_operations', `kind = 'renewal_payment'`), 1);
  const [entry] = await t.db.query<{ amount: number }>(`select amount from ledger_entries where kind = 'payment'`);
  assert.equal(entry?.amount, 450, 'the ledger is in AZN');
  await assertLedgerBalances(t.db);
});

test('PayPal refusing the signature, or a stale transmission → 400 and nothing stored', async () => {
  const inbox = await countRows(t.db, 'webhook_inbox');
  const body = fixture('paypal-payment-capture-completed');
  const stale = await t.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/paypal', headers: transmission(t.clock.now() - 301_000), payload: body });
  assert.equal(stale.statusCode, 400);
  verification = 'FAILURE';
  const refused = await t.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/paypal', headers: transmission(t.clock.now()), payload: body });
  verification = 'SUCCESS';
  assert.equal(refused.statusCode, 400);
  assert.equal(refused.json().code, 'WEBHOOK_SIGNATURE_INVALID');
  assert.equal(await countRows(t.db, 'webhook_inbox'), inbox);
});
