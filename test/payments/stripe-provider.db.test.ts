// Stripe with the official SDK and no network: the SDK's requests answered from fixtures, its
// webhooks signed by its own generateTestHeaderString, events from recorded fixtures.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { msisdnFor } from '../helpers/factories.ts';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { createStripeProvider } from '../../src/payments/stripe-provider.ts';
import { isDomainError } from '../../src/domain/errors.ts';

const WEBHOOK_SECRET = 'whsec_test_stripe_fixture_secret';
const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
const requests: { url: string; body: string; idempotencyKey: string | undefined }[] = [];

/** Stripe's API as the SDK sees it, from fixtures. */
const fakeStripe: typeof fetch = async (input, init) => {
  const url = String(input);
  const headers = new Headers(init?.headers as Record<string, string> | undefined);
  requests.push({ url, body: String(init?.body ?? ''), idempotencyKey: headers.get('idempotency-key') ?? undefined });
  const json = (body: unknown): Response => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  if (url.endsWith('/v1/checkout/sessions')) return json({ id: 'cs_test_a1b2c3d4e5f6saxla', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3d4e5f6saxla' });
  if (url.includes('/v1/refunds')) return json({ id: 're_test_1', object: 'refund', status: 'succeeded' });
  return new Response('{}', { status: 404 });
};

const stripe = createStripeProvider({ secretKey: 'sk_test_fixture', webhookSecret: WEBHOOK_SECRET, fetch: fakeStripe });
let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp({ providers: { stripe } }); });
after(async () => { await t.close(); });

function signed(event: Record<string, unknown>, at: number = t.clock.now()): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(event, null, 2);
  const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET, timestamp: Math.floor(at / 1000) });
  return { body, headers: { 'content-type': 'application/json', 'stripe-signature': header } };
}

function withOrder(name: string, orderId: string, amount: number): Record<string, unknown> {
  const event = fixture(name);
  const data = event.data as { object: Record<string, unknown> };
  Object.assign(data.object, { client_reference_id: orderId, metadata: { orderId }, amount_total: amount });
  return event;
}

test('an order paid through Stripe Checkout is activated once, from the signed event', async () => {
  const quote = (await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 3 } })).json();
  const order = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 's1' }, payload: { quoteId: quote.quoteId, provider: 'stripe' } });
  assert.equal(order.statusCode, 201, order.body);
  assert.equal(order.json().paymentUrl, 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3d4e5f6saxla');
  const create = requests.find((r) => r.url.endsWith('/v1/checkout/sessions'));
  assert.match(create?.body ?? '', /\[currency\]=azn/);
  assert.match(create?.body ?? '', /\[unit_amount\]=450/);
  assert.equal(create?.idempotencyKey, `saxla-order-${order.json().orderId}`);

  const hook = signed(withOrder('stripe-checkout-session-completed', order.json().orderId, 450));
  for (let i = 0; i < 3; i++) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/stripe', headers: hook.headers, payload: hook.body });
    assert.equal(res.statusCode, 200, res.body);
  }
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/orders/${order.json().orderId}` })).json().status, 'activated');
  assert.equal(await countRows(t.db, 'ledger_operations', `idempotency_key like 'payment:stripe:pi_3QfW3nAZNsaxla0001:%'`), 1);
});

test('a tampered or stale Stripe signature → 400, nothing stored', async () => {
  const event = withOrder('stripe-checkout-session-completed', 'ord_x', 450);
  const good = signed(event);
  const stale = signed(event, t.clock.now() - 301_000);
  const inbox = await countRows(t.db, 'webhook_inbox');
  for (const attempt of [{ ...good, body: good.body.replace('450', '45') }, stale, { body: good.body, headers: { 'content-type': 'application/json' } }]) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/stripe', headers: attempt.headers, payload: attempt.body });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'WEBHOOK_SIGNATURE_INVALID');
  }
  assert.equal(await countRows(t.db, 'webhook_inbox'), inbox);
});

test('adapter: an expired checkout is a failure; a refund goes to the payment intent once', async () => {
  const expired = signed(withOrder('stripe-checkout-session-expired', 'ord_y', 450));
  const event = await stripe.verifyWebhook(Buffer.from(expired.body), expired.headers, t.clock.now());
  assert.equal(event.kind, 'failed');
  const refund = await stripe.refund({ paymentId: 'pi_3QfW3nAZNsaxla0001', charge: { amount: 450, currency: 'AZN' }, reason: 'operator' });
  assert.equal(refund.refundId, 're_test_1');
  const call = requests.find((r) => r.url.includes('/v1/refunds'));
  assert.match(call?.body ?? '', /payment_intent=pi_3QfW3nAZNsaxla0001/);
  assert.equal(call?.idempotencyKey, 'saxla-refund-pi_3QfW3nAZNsaxla0001');
  await assert.rejects(stripe.verifyWebhook(Buffer.from('{}'), { 'stripe-signature': 't=1,v1=00' }, t.clock.now()), (e) => isDomainError(e) && e.code === 'WEBHOOK_SIGNATURE_INVALID');
});
