// The counter's payment settings: both halves of a pair or neither, TLS for the terminal gateway,
// every problem named; and the terminal gateway adapter reading its answers strictly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCounterAdapters, parseCounterPaymentEnv } from './counter-payment-config.ts';
import { createPosTerminalGateway, parseTerminalAnswer } from './pos-provider.ts';

const TOKEN = 'terminal-token-0123456789';

test('nothing set: no counter adapter and no problem', () => {
  assert.deepEqual(parseCounterPaymentEnv({}), { settings: {}, problems: [] });
  assert.deepEqual(createCounterAdapters({}, { baseUrl: 'https://saxla.example' }), {});
});

test('a full pair configures each method; optional QR name and city ride along', () => {
  const parsed = parseCounterPaymentEnv({
    POS_TERMINAL_URL: 'https://ecr.example/v1', POS_TERMINAL_TOKEN: TOKEN,
    QR_MERCHANT_ID: 'AZ-1234', QR_WEBHOOK_SECRET: 'qr-webhook-secret-0123', QR_MERCHANT_CITY: 'GANJA',
  });
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.settings, { pos: { url: 'https://ecr.example/v1', token: TOKEN }, qr: { merchantId: 'AZ-1234', webhookSecret: 'qr-webhook-secret-0123', city: 'GANJA' } });
  const adapters = createCounterAdapters(parsed.settings, { baseUrl: 'https://saxla.example' });
  assert.equal(adapters.pos?.confirmedBy, 'terminal');
  assert.equal(adapters.qr?.confirmedBy, 'webhook');
  assert.equal(adapters.pos?.simulator, undefined, 'real adapters carry no simulator');
  assert.equal(adapters.qr?.simulator, undefined);
  assert.deepEqual(parseCounterPaymentEnv({ POS_TERMINAL_URL: 'http://127.0.0.1:8080', POS_TERMINAL_TOKEN: TOKEN }).problems, [], 'http on this host');
});

test('half a pair, plain http to another host, short secrets: every problem named, nothing configured', () => {
  const parsed = parseCounterPaymentEnv({ POS_TERMINAL_URL: 'http://ecr.example', QR_WEBHOOK_SECRET: 'short', QR_MERCHANT_NAME: 'Ş'.repeat(3) });
  assert.deepEqual(parsed.settings, {});
  assert.deepEqual(parsed.problems, [
    'POS_TERMINAL_TOKEN is required with POS_TERMINAL_URL',
    'POS_TERMINAL_URL must be https (http only on localhost)',
    'QR_MERCHANT_ID is required for QR payments at the counter',
    'QR_WEBHOOK_SECRET must have at least 16 characters',
    'QR_MERCHANT_NAME must be 1 to 25 ASCII characters',
  ]);
  assert.deepEqual(parseCounterPaymentEnv({ POS_TERMINAL_TOKEN: TOKEN }).problems, ['POS_TERMINAL_URL is required with POS_TERMINAL_TOKEN']);
});

test("the terminal's answer is read strictly: only a well-formed approval for this payment is a payment", () => {
  const approved = { reference: 'pos_1', status: 'approved', rrn: '612345678901', approvalCode: 'ab12cd', amount: { amount: 1500, currency: 'AZN' } };
  assert.deepEqual(parseTerminalAnswer(approved, 'pos_1'), { status: 'approved', rrn: '612345678901', approvalCode: 'AB12CD', charge: { amount: 1500, currency: 'AZN' } });
  assert.throws(() => parseTerminalAnswer(approved, 'pos_2'), { code: 'PAYMENT_PROVIDER_UNAVAILABLE' }, 'an answer for another payment');
  assert.throws(() => parseTerminalAnswer({ ...approved, rrn: '' }, 'pos_1'), { code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
  assert.throws(() => parseTerminalAnswer({ ...approved, amount: { amount: 15.5, currency: 'AZN' } }, 'pos_1'), { code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
  assert.throws(() => parseTerminalAnswer({ ...approved, status: 'ok' }, 'pos_1'), { code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
  assert.deepEqual(parseTerminalAnswer({ reference: 'pos_1', status: 'declined' }, 'pos_1'), { status: 'declined', reason: 'the terminal declined the card' });
});

test('the gateway adapter: bearer token, idempotent start, 404 is not started yet, errors are outages, never payments', async () => {
  const calls: { url: string; method: string; auth: string | null; key: string | null; body: unknown }[] = [];
  let answer: { status: number; body: unknown } = { status: 202, body: { reference: 'pos_x', status: 'pending' } };
  const fakeFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    calls.push({ url: String(input), method: init?.method ?? 'GET', auth: headers.get('authorization'), key: headers.get('idempotency-key'), body: typeof init?.body === 'string' ? JSON.parse(init.body) as unknown : null });
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };
  const pos = createPosTerminalGateway({ url: 'https://ecr.example/v1/', token: TOKEN, baseUrl: 'https://saxla.example', fetch: fakeFetch });
  const request = { orderId: 'ord_1', reference: 'pos_x', charge: { amount: 1500, currency: 'AZN' }, storeId: 'baku-28-may' };
  assert.deepEqual(await pos.start(request), { kind: 'terminal' });
  assert.deepEqual(calls[0], { url: 'https://ecr.example/v1/payments', method: 'POST', auth: `Bearer ${TOKEN}`, key: 'pos_x', body: { reference: 'pos_x', orderId: 'ord_1', storeId: 'baku-28-may', amount: { amount: 1500, currency: 'AZN' } } });
  answer = { status: 404, body: { error: 'unknown' } };
  assert.deepEqual(await pos.fetchPaymentStatus('pos_x'), { status: 'pending' });
  assert.equal(calls[1]?.url, 'https://ecr.example/v1/payments/pos_x');
  answer = { status: 500, body: { reference: 'pos_x', status: 'approved' } };
  await assert.rejects(pos.fetchPaymentStatus('pos_x'), { code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
  answer = { status: 200, body: { reference: 'pos_x', status: 'approved', rrn: '612345678901', approvalCode: 'AB12CD', amount: { amount: 1500, currency: 'AZN' } } };
  assert.deepEqual(await pos.fetchPaymentStatus('pos_x'), { status: 'succeeded', paymentId: 'rrn-612345678901', charge: { amount: 1500, currency: 'AZN' } });
  answer = { status: 201, body: { refundId: 'rf_1' } };
  assert.deepEqual(await pos.refund({ paymentId: 'rrn-612345678901', charge: { amount: 1500, currency: 'AZN' }, reason: 'void' }), { refundId: 'rf_1' });
  assert.equal(calls.at(-1)?.key, 'refund-612345678901', 'a retried refund is the same refund');
  const down = createPosTerminalGateway({ url: 'https://ecr.example', token: TOKEN, baseUrl: 'https://saxla.example', fetch: async () => { throw new TypeError('fetch failed'); } });
  await assert.rejects(down.fetchPaymentStatus('pos_x'), { code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
});
