// Bad input anywhere is a clear 4xx (contract): NUL characters that PostgreSQL refuses in text,
// oversized and over-many form fields, path traversal on static files, bad URL encoding.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPaymentsTestApp, countRows, deliver, orderRenewal, webhookFor, type PaymentsTestApp } from '../../../test/helpers/payments-app.ts';
import { adminHeaders } from '../../../test/helpers/test-app.ts';
import { sameOriginHeaders } from '../../../test/helpers/customers.ts';
import { msisdnFor } from '../../../test/helpers/factories.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp(); });
after(async () => { await t.close(); });

function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, code: string): void {
  assert.equal(res.statusCode, status, `expected ${status} ${code}`);
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  assert.equal((res.json() as { code: string }).code, code);
}

test('NUL in a quote\'s planCode or promoCode is a 400 naming the field, not a 500', async () => {
  for (const payload of [
    { msisdn: msisdnFor(1), planCode: 'SAXLA\u0000NOMRE', months: 3 },
    { msisdn: msisdnFor(1), planCode: 'SAXLA_NOMRE', months: 3, promoCode: 'WELCOME\u0000' },
  ]) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload });
    assertProblem(res, 400, 'VALIDATION_FAILED');
    assert.match(res.json().detail, /NUL|control/i);
  }
});

test('NUL in a top-up reference is a 400', async () => {
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(msisdnFor(2))}/top-ups`,
    headers: { ...adminHeaders, 'idempotency-key': 'nul-ref' }, payload: { amount: { amount: 500, currency: 'AZN' }, reference: 'cash\u0000desk' },
  });
  assertProblem(res, 400, 'VALIDATION_FAILED');
});

test('NUL in a form field (sign-in) is a 400, not a 500', async () => {
  const res = await t.anonymousApp.inject({
    method: 'POST', url: '/login', headers: { ...sameOriginHeaders, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `phone=${encodeURIComponent(msisdnFor(1))}%00&password=x`,
  });
  assert.equal(res.statusCode, 400);
});

test('NUL in a USSD field, or a USSD form with too many fields, is a 400 END text, not a 500', async () => {
  for (const payload of [
    `sessionId=s1&serviceCode=*101%23&phoneNumber=${encodeURIComponent(msisdnFor(1))}&text=1%00`,
    Array.from({ length: 300 }, (_, i) => `f${i}=`).join('&'),
  ]) {
    const res = await t.anonymousApp.inject({ method: 'POST', url: '/ussd', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} ${res.body}`);
    assert.match(res.body, /^END /);
  }
});

test('a signed webhook whose event id holds a NUL is a 400, and nothing is recorded', async () => {
  const { sessionId } = await orderRenewal(t);
  const hook = await webhookFor(t, sessionId, 'evt_\u0000bad');
  const res = await deliver(t, hook);
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().code, 'MALFORMED_BODY');
  assert.equal(await countRows(t.db, 'webhook_inbox', "event_id like 'evt_%bad'"), 0);
});

test('NUL in a path parameter or a query string is a 400', async () => {
  for (const url of ['/api/v1/stores/baku%00/slots?date=2026-11-27', '/api/v1/plans?lang=en%00']) {
    const res = await t.anonymousApp.inject({ method: 'GET', url });
    assertProblem(res, 400, 'VALIDATION_FAILED');
  }
});

test('a 10 MB form or one with 2,000 fields to /login is a 413 page, not a 500', async () => {
  const huge = await t.anonymousApp.inject({
    method: 'POST', url: '/login', headers: { ...sameOriginHeaders, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `phone=${'1'.repeat(10 * 1024 * 1024)}`,
  });
  assert.equal(huge.statusCode, 413);
  assert.match(String(huge.headers['content-type']), /text\/html/);
  const many = await t.anonymousApp.inject({
    method: 'POST', url: '/login?lang=en', headers: { ...sameOriginHeaders, 'content-type': 'application/x-www-form-urlencoded' },
    payload: Array.from({ length: 2000 }, () => 'a=').join('&'),
  });
  assert.equal(many.statusCode, 413);
  assert.match(many.body, /form is too large/);
});

test('a form with more fields than any of ours (here 300) to a page outside the portal is 413 TOO_MANY_FIELDS', async () => {
  const { sessionId } = await orderRenewal(t);
  const res = await t.anonymousApp.inject({
    method: 'POST', url: `/pay/sandbox/${sessionId}`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: Array.from({ length: 300 }, (_, i) => `f${i}=`).join('&'),
  });
  assertProblem(res, 413, 'TOO_MANY_FIELDS');
});

test('path traversal on static files is a 4xx, never a 500 or a file outside the folder', async () => {
  for (const url of [
    '/assets/portal/../../package.json', '/assets/portal/..%2f..%2fpackage.json', '/assets/portal/%2e%2e/%2e%2e/package.json',
    '/assets/leaflet/..%5c..%5cpackage.json', '/assets/portal/%00', '/assets/portal/..%00/x', '/assets/leaflet/%c0%ae%c0%ae/package.json',
  ]) {
    const res = await t.anonymousApp.inject({ method: 'GET', url });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${url} → ${res.statusCode}`);
    assert.doesNotMatch(res.body, /"name": "saxla"/);
  }
});

test('a bad URL encoding is a problem+json 400 MALFORMED_REQUEST', async () => {
  for (const url of ['/api/v1/%c0%ae', '/api/v1/lines/%E0%A4%A', '/%ff']) {
    const res = await t.anonymousApp.inject({ method: 'GET', url });
    assertProblem(res, 400, 'MALFORMED_REQUEST');
  }
});

test('JSON nested 20,000 deep (40 kB) is a 400 naming where, not a 500', async () => {
  const payload = `{"phone":${'['.repeat(20_000)}"x"${']'.repeat(20_000)},"password":"p"}`;
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { ...sameOriginHeaders, 'content-type': 'application/json' }, payload });
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(res.json<{ code: string }>().code, 'VALIDATION_FAILED');
  assert.match(res.json<{ detail: string }>().detail, /nested more than 32 levels/);
});
