// Counter payments in production: only configured adapters are offered, no simulator is mounted,
// and a sale is paid only by the terminal's answer or the acquirer's signed webhook. Demo mode
// keeps its simulators, clearly labelled.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createPosTerminalGateway, createPosSimulator } from '../../src/payments/pos-provider.ts';
import { createQrAcquirer, QR_SIGNATURE_HEADER } from '../../src/payments/qr-provider.ts';
import { signSandboxPayload } from '../../src/payments/sandbox-signature.ts';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import { iccidFor, msisdnFor } from '../helpers/factories.ts';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff, staffForm } from '../helpers/staff.ts';
import { buildAppOn, testPasswordHashing } from '../helpers/test-app.ts';

const QR_SECRET = 'qr-acquirer-secret-0123456789';
const origin = { ip: '10.0.0.11', userAgent: 'test' };
let t: PaymentsTestApp;
let cookies: { saxla_staff: string };

/** An in-memory ECR gateway speaking the documented protocol; the test plays the terminal. */
const terminal = new Map<string, Record<string, unknown>>();
const gatewayFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const reply = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  if (new Headers(init?.headers).get('authorization') !== 'Bearer ecr-token-0123456789') return reply(401, {});
  if (init?.method === 'POST' && url.pathname === '/payments') {
    const body = JSON.parse(String(init.body)) as { reference: string; amount: { amount: number } };
    terminal.set(body.reference, { reference: body.reference, status: 'pending', shown: body.amount.amount });
    return reply(202, terminal.get(body.reference));
  }
  const found = terminal.get(decodeURIComponent(url.pathname.replace('/payments/', '')));
  return found ? reply(200, found) : reply(404, {});
};

before(async () => {
  t = await buildPaymentsTestApp({ lines: 4 });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  const agent = await enrolledStaff({ db: t.db, now: t.clock.now, secret: t.deps.secret, passwordHashing: testPasswordHashing }, 'agent', 'baku-28-may', '+994700000701', origin);
  cookies = { saxla_staff: agent.token };
});
after(async () => t.close());

async function withApp(app: FastifyInstance, work: (app: FastifyInstance) => Promise<void>): Promise<void> {
  try {
    await work(app);
  } finally {
    await app.close();
  }
}

async function openSale(app: FastifyInstance, serial: number, method: 'pos' | 'qr'): Promise<string> {
  const msisdn = msisdnFor(serial);
  const check = await app.inject({ method: 'POST', url: '/staff/id-checks', headers: staffForm, cookies, payload: new URLSearchParams({ msisdn, documentType: 'passport', issuingCountry: 'AZE', documentNumber: 'C01234567', documentExpires: '2031-01-01', iccid: iccidFor(serial) }).toString() });
  assert.equal(check.statusCode, 303, check.body);
  const sale = await app.inject({ method: 'POST', url: '/staff/sales', headers: staffForm, cookies, payload: new URLSearchParams({ msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: '1', method, formKey: `prod-${serial}-${method}` }).toString() });
  assert.equal(sale.statusCode, 303, sale.body);
  return String(sale.headers.location);
}

test('production with no counter adapter: the console says so, refuses the sale, mounts no simulator or QR webhook', async () => {
  await withApp(await buildAppOn({ ...t.deps, mode: 'production' }), async (app) => {
    const line = await app.inject({ method: 'GET', url: `/staff/lines?q=${encodeURIComponent(msisdnFor(1))}`, cookies });
    assert.equal(line.statusCode, 200, line.body);
    assert.match(line.body, /Counter sales by card or QR are not available here/);
    assert.doesNotMatch(line.body, /name="method"/);
    const sale = await app.inject({ method: 'POST', url: '/staff/sales', headers: staffForm, cookies, payload: new URLSearchParams({ msisdn: msisdnFor(1), kind: 'renewal', planCode: 'SAXLA_NOMRE', months: '1', method: 'pos', formKey: 'none' }).toString() });
    assert.match(sale.body, /PAYMENT_PROVIDER_DISABLED/);
    const hook = await app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/qr', headers: { 'content-type': 'application/json' }, payload: '{}' });
    assert.ok(hook.statusCode >= 400, 'no QR webhook without a QR acquirer');
  });
  await assert.rejects(buildAppOn({ ...t.deps, mode: 'production', counterPayments: { pos: createPosSimulator({ baseUrl: 'https://saxla.example' }) } }), /simulator/);
});

test("production card sale: the terminal's answer, not the agent, marks it paid; no simulator on the page or route", async () => {
  const pos = createPosTerminalGateway({ url: 'https://ecr.example', token: 'ecr-token-0123456789', baseUrl: 'https://saxla.example', fetch: gatewayFetch });
  await withApp(await buildAppOn({ ...t.deps, mode: 'production', counterPayments: { pos } }), async (app) => {
    const line = await app.inject({ method: 'GET', url: `/staff/lines?q=${encodeURIComponent(msisdnFor(1))}`, cookies });
    assert.match(line.body, /<option value="pos">/);
    assert.doesNotMatch(line.body, /<option value="qr">/, 'QR is not configured, so not offered');
    const salePath = await openSale(app, 1, 'pos');
    const page = await app.inject({ method: 'GET', url: salePath, cookies });
    assert.match(page.body, /Send ₼\d+\.\d\d to the card terminal/);
    assert.doesNotMatch(page.body, /[Ss]imulator|approvalCode/);
    const simulate = await app.inject({ method: 'POST', url: `${salePath}/simulate`, headers: staffForm, cookies, payload: 'outcome=succeeded' });
    assert.equal(simulate.statusCode, 404, 'the simulator route is not mounted in production');
    const early = await app.inject({ method: 'POST', url: `${salePath}/check`, headers: staffForm, cookies, payload: '' });
    assert.equal(early.headers.location, `${salePath}?notice=waiting`, 'nothing on the terminal yet');
    const sent = await app.inject({ method: 'POST', url: `${salePath}/terminal`, headers: staffForm, cookies, payload: '' });
    assert.equal(sent.headers.location, `${salePath}?notice=sent`);
    const [order] = await t.db.query<{ provider_reference: string; total: number }>("select provider_reference, total from orders where provider = 'pos' order by created_at desc limit 1");
    assert.ok(order);
    assert.equal(terminal.get(order.provider_reference)?.shown, order.total, 'the terminal shows the order total');
    assert.equal((await app.inject({ method: 'POST', url: `${salePath}/check`, headers: staffForm, cookies, payload: '' })).headers.location, `${salePath}?notice=waiting`);
    terminal.set(order.provider_reference, { reference: order.provider_reference, status: 'declined', reason: 'insufficient funds' });
    const declined = await app.inject({ method: 'POST', url: `${salePath}/check`, headers: staffForm, cookies, payload: '' });
    assert.match(declined.body, /insufficient funds.*\[PAYMENT_DECLINED\]/s);
    terminal.set(order.provider_reference, { reference: order.provider_reference, status: 'approved', rrn: '612345670001', approvalCode: 'Z1Y2X3', amount: { amount: order.total, currency: 'AZN' } });
    const paid = await app.inject({ method: 'POST', url: `${salePath}/check`, headers: staffForm, cookies, payload: '' });
    assert.equal(paid.headers.location, salePath);
    assert.match((await app.inject({ method: 'GET', url: salePath, cookies })).body, /Paid and activated\. Receipt <strong>BAK1-/);
    assert.equal(await countRows(t.db, 'staff_audit_log', "action = 'sale.paid_pos' and detail->>'paymentId' = 'rrn-612345670001'"), 1);
  });
});

test("production QR sale: only the acquirer's webhook signed with QR_WEBHOOK_SECRET pays it", async () => {
  const qr = createQrAcquirer({ merchantId: 'AZ-7788', webhookSecret: QR_SECRET, baseUrl: 'https://saxla.example' });
  await withApp(await buildAppOn({ ...t.deps, mode: 'production', counterPayments: { qr } }), async (app) => {
    const salePath = await openSale(app, 2, 'qr');
    const page = await app.inject({ method: 'GET', url: salePath, cookies });
    assert.match(page.body, /alt="Payment QR code"/);
    assert.doesNotMatch(page.body, /[Ss]imulator/);
    const [order] = await t.db.query<{ provider_reference: string; total: number }>("select provider_reference, total from orders where provider = 'qr' order by created_at desc limit 1");
    assert.ok(order);
    const created = Math.floor(t.clock.now() / 1000);
    const body = JSON.stringify({ id: 'evt_bank_1', type: 'payment.succeeded', created, data: { paymentId: 'bank_pay_1', reference: order.provider_reference, amount: { amount: order.total, currency: 'AZN' } } });
    const forged = await app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/qr', headers: { 'content-type': 'application/json', [QR_SIGNATURE_HEADER]: signSandboxPayload('not-the-secret-000000', body, created) }, payload: body });
    assert.equal(forged.statusCode, 400);
    const signed = await app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/qr', headers: { 'content-type': 'application/json', [QR_SIGNATURE_HEADER]: signSandboxPayload(QR_SECRET, body, created) }, payload: body });
    assert.equal(signed.statusCode, 200, signed.body);
    assert.match((await app.inject({ method: 'GET', url: salePath, cookies })).body, /Paid and activated/);
  });
});

test('demo mode: the simulators are labelled as such, and a declined simulated card says so', async () => {
  const salePath = await openSale(t.app, 3, 'pos');
  const page = await t.app.inject({ method: 'GET', url: salePath, cookies });
  assert.match(page.body, /Payment simulator \(demo only: no real card or bank\)/);
  const declined = await t.app.inject({ method: 'POST', url: `${salePath}/simulate`, headers: staffForm, cookies, payload: 'outcome=failed' });
  assert.equal(declined.statusCode, 422);
  assert.match(declined.body, /\[PAYMENT_DECLINED\]/);
  const paid = await t.app.inject({ method: 'POST', url: `${salePath}/simulate`, headers: staffForm, cookies, payload: 'outcome=succeeded' });
  assert.equal(paid.statusCode, 303, paid.body);
  assert.match((await t.app.inject({ method: 'GET', url: salePath, cookies })).body, /Paid and activated/);
});
