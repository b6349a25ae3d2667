// Saving a payment method and charging it off-session at Stripe (Checkout in setup mode, then a
// PaymentIntent with customer + payment_method, off_session and confirm) and PayPal (vault v3
// setup and payment tokens, then an order paid with the vault id), against fake APIs the way
// test/payments does it: the adapters' requests are recorded and answered from fixtures.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { msisdnFor, policy } from '../helpers/factories.ts';
import { assertLedgerBalances } from '../helpers/test-app.ts';
import { createStripeProvider } from '../../src/payments/stripe-provider.ts';
import { createPaypalProvider } from '../../src/payments/paypal-provider.ts';
import { fixedRateSource } from '../../src/payments/fx-rate-source.ts';
import { silentLogger } from '../../src/services/logger.ts';
import { createUseCases } from '../../src/services/use-cases.ts';

interface Call { method: string; path: string; body: string; key: string | null }
const calls: Call[] = [];
let declineNext = false;

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const fakeStripe: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const method = init?.method ?? 'GET';
  calls.push({ method, path: url.pathname, body: `${url.search}${String(init?.body ?? '')}`, key: new Headers(init?.headers as Record<string, string>).get('idempotency-key') });
  switch (`${method} ${url.pathname}`) {
    case 'POST /v1/customers': return json({ id: 'cus_saxla1', object: 'customer' });
    case 'POST /v1/checkout/sessions': return json({ id: 'cs_test_setup1', object: 'checkout.session', mode: 'setup', url: 'https://checkout.stripe.com/c/pay/cs_test_setup1' });
    case 'GET /v1/checkout/sessions/cs_test_setup1':
      return json({
        id: 'cs_test_setup1', object: 'checkout.session', mode: 'setup', status: 'complete', customer: 'cus_saxla1',
        setup_intent: { id: 'seti_1', object: 'setup_intent', status: 'succeeded', payment_method: { id: 'pm_card_1', object: 'payment_method', card: { brand: 'visa', last4: '4242' } } },
      });
    case 'POST /v1/payment_methods/pm_card_1/detach': return json({ id: 'pm_card_1', object: 'payment_method', customer: null });
    case 'POST /v1/payment_intents':
      if (declineNext) return json({ error: { type: 'card_error', code: 'authentication_required', message: 'This payment requires authentication.' } }, 402);
      return json({ id: 'pi_auto_1', object: 'payment_intent', status: 'succeeded', amount: 1000, currency: 'azn' });
    default: return json({ error: { type: 'invalid_request_error', message: 'no fixture' } }, 404);
  }
};

const fakePaypal: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const method = init?.method ?? 'GET';
  calls.push({ method, path: url.pathname, body: String(init?.body ?? ''), key: new Headers(init?.headers as Record<string, string>).get('paypal-request-id') });
  switch (`${method} ${url.pathname}`) {
    case 'POST /v1/oauth2/token': return json({ access_token: 'A21AA-fixture', token_type: 'Bearer', expires_in: 32400 });
    case 'POST /v3/vault/setup-tokens':
      return json({ id: '5C991763VB2781612', status: 'PAYER_ACTION_REQUIRED', links: [{ rel: 'approve', href: 'https://www.sandbox.paypal.com/agreements/approve?approval_session_id=5C991763VB2781612' }] }, 201);
    case 'GET /v3/vault/setup-tokens/5C991763VB2781612': return json({ id: '5C991763VB2781612', status: 'APPROVED' });
    case 'POST /v3/vault/payment-tokens':
      return json({ id: '8kk8451t', customer: { id: 'customer_4029352050' }, payment_source: { paypal: { email_address: 'farid@example.com' } } }, 201);
    case 'DELETE /v3/vault/payment-tokens/8kk8451t': return new Response(null, { status: 204 });
    case 'POST /v2/checkout/orders':
      if (declineNext) return json({ name: 'UNPROCESSABLE_ENTITY', details: [{ issue: 'INSTRUMENT_DECLINED' }] }, 422);
      return json({ id: '9XY', status: 'COMPLETED', purchase_units: [{ payments: { captures: [{ id: '3C679366HH908993F', status: 'COMPLETED', amount: { currency_code: 'USD', value: '5.88' } }] } }] }, 201);
    default: return json({ name: 'RESOURCE_NOT_FOUND' }, 404);
  }
};

let t: PaymentsTestApp;
const line = msisdnFor(1);
const path = `/api/v1/lines/${encodeURIComponent(line)}/auto-renew`;

beforeEach(async () => {
  calls.length = 0;
  declineNext = false;
  t = await buildPaymentsTestApp({
    lines: 1, fx: { currency: 'USD', source: fixedRateSource({ USD: '0.588235' }) },
    providers: {
      stripe: createStripeProvider({ secretKey: 'sk_test_fixture', webhookSecret: 'whsec_x', fetch: fakeStripe }),
      paypal: createPaypalProvider({ clientId: 'c', clientSecret: 's', webhookId: 'WH', apiBase: 'https://api-m.sandbox.paypal.com', fetch: fakePaypal }),
    },
  });
});
afterEach(async () => { await t.close(); });

function runJob() {
  return createUseCases({ db: t.db, policy, now: t.clock.now, secret: 'test-secret-for-hmacs-0123456789abcdef', logger: silentLogger, payments: t.payments }).autoRenewUpkeep.runAutoRenewals();
}

async function save(provider: 'stripe' | 'paypal'): Promise<{ setupUrl: string; label: string }> {
  const start = await t.app.inject({ method: 'POST', url: '/api/v1/payment-methods', headers: t.customer, payload: { provider, returnPath: '/dashboard' } });
  assert.equal(start.statusCode, 201, start.body);
  const done = await t.app.inject({ method: 'POST', url: `/api/v1/payment-methods/${start.json().methodId as string}/complete`, headers: t.customer });
  assert.equal(done.json().status, 'saved', done.body);
  return { setupUrl: start.json().setupUrl as string, label: done.json().label as string };
}

async function monthlyTopUp(): Promise<void> {
  const res = await t.app.inject({ method: 'PUT', url: path, headers: t.customer, payload: { mode: 'top_up', amount: { amount: 1000, currency: 'AZN' }, dayOfMonth: 1, monthlyCap: { amount: 3000, currency: 'AZN' }, source: 'saved_method' } });
  assert.equal(res.statusCode, 200, res.body);
  t.clock.set('2026-12-01T10:00:00+04:00');
}

test('Stripe: Checkout in setup mode saves a card; the job charges it off-session, once', async () => {
  const saved = await save('stripe');
  assert.equal(saved.setupUrl, 'https://checkout.stripe.com/c/pay/cs_test_setup1');
  assert.equal(saved.label, 'visa •••• 4242');
  const session = calls.find((c) => c.method === 'POST' && c.path === '/v1/checkout/sessions');
  assert.match(session?.body ?? '', /mode=setup/);
  assert.match(session?.body ?? '', /customer=cus_saxla1/);
  assert.match(calls.find((c) => c.method === 'GET')?.body ?? '', /expand/);
  await monthlyTopUp();
  assert.equal((await runJob()).charged, 1);
  assert.equal((await runJob()).charged, 0);
  const charges = calls.filter((c) => c.path === '/v1/payment_intents');
  assert.equal(charges.length, 1);
  for (const field of ['amount=1000', 'currency=azn', 'customer=cus_saxla1', 'payment_method=pm_card_1', 'off_session=true', 'confirm=true']) assert.match(charges[0]?.body ?? '', new RegExp(field));
  assert.match(charges[0]?.key ?? '', /^saxla-auto-\d+-1$/);
  const [row] = await t.db.query<{ balance: number }>('select balance from lines where msisdn = $1', [line]);
  assert.equal(row?.balance, 1500);
  assert.equal(await countRows(t.db, 'ledger_operations', `reference = 'stripe:pi_auto_1'`), 1);
  await assertLedgerBalances(t.db);
});

test('Stripe: a card that needs its owner present is a decline, retried later, with an SMS', async () => {
  await save('stripe');
  await monthlyTopUp();
  declineNext = true;
  assert.equal((await runJob()).declined, 1);
  const [sms] = await t.db.query<{ body: string }>(`select body from sms_outbox where msisdn = $1 and kind = 'auto_renew_notice'`, [line]);
  assert.match(sms?.body ?? '', /declined by your card\. We will try again on 04\.12\.2026/);
  const [row] = await t.db.query<{ balance: number }>('select balance from lines where msisdn = $1', [line]);
  assert.equal(row?.balance, 500);
});

test('PayPal: a vaulted PayPal account is charged with its vault id, in USD at the configured rate', async () => {
  const saved = await save('paypal');
  assert.match(saved.setupUrl, /^https:\/\/www\.sandbox\.paypal\.com\/agreements\/approve/);
  assert.equal(saved.label, 'PayPal f•••@example.com');
  const tokenCall = calls.find((c) => c.path === '/v3/vault/payment-tokens');
  assert.deepEqual(JSON.parse(tokenCall?.body ?? '{}'), { payment_source: { token: { id: '5C991763VB2781612', type: 'SETUP_TOKEN' } } });
  await monthlyTopUp();
  assert.equal((await runJob()).charged, 1);
  const order = calls.find((c) => c.method === 'POST' && c.path === '/v2/checkout/orders');
  const body = JSON.parse(order?.body ?? '{}') as { payment_source: { paypal: { vault_id: string } }; purchase_units: { amount: { currency_code: string; value: string } }[] };
  assert.equal(body.payment_source.paypal.vault_id, '8kk8451t');
  assert.deepEqual(body.purchase_units[0]?.amount, { currency_code: 'USD', value: '5.88' });
  assert.match(order?.key ?? '', /^saxla-auto-/);
  const [row] = await t.db.query<{ balance: number }>('select balance from lines where msisdn = $1', [line]);
  assert.equal(row?.balance, 1500, 'the ledger stays in AZN');
  await assertLedgerBalances(t.db);
});

test('PayPal: an instrument declined is a decline, not an outage', async () => {
  await save('paypal');
  await monthlyTopUp();
  declineNext = true;
  assert.equal((await runJob()).declined, 1);
  assert.equal(await countRows(t.db, 'auto_renew_runs', `status = 'failed' and failure = 'declined'`), 1);
});

test('removing a saved method asks the provider to forget it: Stripe detaches, PayPal deletes the token', async () => {
  for (const provider of ['stripe', 'paypal'] as const) {
    await save(provider);
    const [method] = (await t.app.inject({ method: 'GET', url: '/api/v1/payment-methods', headers: t.customer })).json().items as { id: string }[];
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/payment-methods/${method?.id ?? ''}`, headers: t.customer })).statusCode, 204);
  }
  assert.ok(calls.some((c) => c.method === 'POST' && c.path === '/v1/payment_methods/pm_card_1/detach'));
  assert.ok(calls.some((c) => c.method === 'DELETE' && c.path === '/v3/vault/payment-tokens/8kk8451t'));
});
