// The standalone pages outside the portal send the portal's protections: CSP with frame-ancestors
// 'none', X-Frame-Options, nosniff; the demo phone's one inline style is allowed by its hash only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildPaymentsTestApp, orderRenewal, type PaymentsTestApp } from '../../../../test/helpers/payments-app.ts';
import { policy } from '../../../../test/helpers/factories.ts';
import { ADMIN_TOKEN, buildAppOn, TEST_SECRET } from '../../../../test/helpers/test-app.ts';
import type { DemoPhoneInbox } from './demo-phone.ts';

let t: PaymentsTestApp;
let demoApp: FastifyInstance;
before(async () => {
  t = await buildPaymentsTestApp();
  const inbox: DemoPhoneInbox = {
    messagesFor: () => [],
    allMessages: () => [{ msisdn: '+994501234567', source: 'Saxla', text: 'Hello', segments: 1, dataCoding: 0, receivedAt: '2026-11-26T10:00:00+04:00' }],
  };
  demoApp = await buildAppOn({ db: t.db, policy, now: t.clock.now, adminToken: ADMIN_TOKEN, secret: TEST_SECRET, demoPhone: inbox });
});
after(async () => {
  await demoApp.close();
  await t.close();
});

function assertPageHeaders(res: { headers: Record<string, unknown> }, what: string): string {
  const csp = String(res.headers['content-security-policy'] ?? '');
  assert.match(csp, /default-src 'self'/, `${what}: CSP`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: frame-ancestors`);
  assert.match(csp, /script-src 'none'/, `${what}: no scripts`);
  assert.equal(res.headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  return csp;
}

test('the sandbox hosted page (open, unknown, after paying) sends CSP, no framing and nosniff', async () => {
  const { sessionId } = await orderRenewal(t);
  const open = await t.anonymousApp.inject({ method: 'GET', url: `/pay/sandbox/${sessionId}` });
  assert.equal(open.statusCode, 200);
  assertPageHeaders(open, 'open page');
  assertPageHeaders(await t.anonymousApp.inject({ method: 'GET', url: '/pay/sandbox/x' }), 'unknown page');
  const paid = await t.anonymousApp.inject({
    method: 'POST', url: `/pay/sandbox/${sessionId}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'cardNumber=4242424242424242',
  });
  assert.equal(paid.statusCode, 200);
  assertPageHeaders(paid, 'paid page');
});

test('the demo phone page sends them too, allowing its own inline style by hash and nothing else inline', async () => {
  const res = await demoApp.inject({ method: 'GET', url: '/demo-phone?lang=en' });
  assert.equal(res.statusCode, 200);
  const csp = assertPageHeaders(res, 'demo phone');
  const style = /<style>([\s\S]*?)<\/style>/.exec(res.body)?.[1];
  assert.ok(style, 'the page has its style block');
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  assert.ok(csp.includes(`'sha256-${hash}'`), 'the CSP allows exactly the page\'s style block');
  assert.doesNotMatch(csp, /unsafe-inline/);
  // The JSON beside it stays plain.
  const api = await demoApp.inject({ method: 'GET', url: '/api/v1/demo-phone/messages' });
  assert.equal(api.statusCode, 200);
  assert.equal(api.headers['content-security-policy'], undefined);
});
