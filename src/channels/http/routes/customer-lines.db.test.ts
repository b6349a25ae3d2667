import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { msisdnFor } from '../../../../test/helpers/factories.ts';
import { cookieHeader, customerHeaders, latestCodeFor, otpCount, provisionTestLine, signUpCustomer } from '../../../../test/helpers/customers.ts';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
let alice = '';
let bob = '';
const [A, B, FAMILY, UNLINKED] = [msisdnFor(1), msisdnFor(2), msisdnFor(3), msisdnFor(4)];

before(async () => {
  t = await buildTestApp();
  alice = await signUpCustomer(t, A, 1);
  bob = await signUpCustomer(t, B, 2);
  await provisionTestLine(t, FAMILY, 3, { language: 'az' });
  await provisionTestLine(t, UNLINKED, 4);
});
after(async () => { await t.close(); });

const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: cookieHeader(token) });
const post = (url: string, token: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: customerHeaders(token), payload, remoteAddress: '198.51.100.20' });

describe('a customer sees only lines proven by a code sent to them', () => {
  test('own line: the contract shape, no SIM serial', async () => {
    const res = await get(`/api/v1/lines/${encodeURIComponent(A)}`, alice);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(Object.keys(res.json()).sort(), ['balance', 'countdown', 'language', 'msisdn', 'plan', 'planName', 'status', 'validUntil']);
    assert.equal(res.json().msisdn, A);
    assert.deepEqual(res.json().balance, { amount: 500, currency: 'AZN' });
    const national = await get('/api/v1/lines/0500000001', alice);
    assert.equal(national.json().msisdn, A);
  });

  test('another customer\'s line is 404, exactly like a number Saxla does not know', async () => {
    const other = await get(`/api/v1/lines/${encodeURIComponent(B)}`, alice);
    const unproven = await get(`/api/v1/lines/${encodeURIComponent(UNLINKED)}`, alice);
    const unknown = await get(`/api/v1/lines/${encodeURIComponent(msisdnFor(9999))}`, alice);
    for (const res of [other, unproven, unknown]) {
      assert.equal(res.statusCode, 404);
      assert.equal(res.json().code, 'LINE_NOT_FOUND');
    }
    assert.equal(other.json().detail.replace(B, 'N'), unknown.json().detail.replace(msisdnFor(9999), 'N'));
    assert.deepEqual((await get('/api/v1/lines', bob)).json().items.map((l: { msisdn: string }) => l.msisdn), [B]);
  });

  test('without a session: 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/lines' });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'UNAUTHENTICATED');
    assert.equal((await get('/api/v1/lines', 'made-up-token')).statusCode, 401);
  });
});

describe('adding another line', () => {
  test('by a code sent to that line, usable only by the account that asked', async () => {
    const asked = await post('/api/v1/lines/link', alice, { msisdn: '0500000003' });
    assert.equal(asked.statusCode, 202, asked.body);
    const code = await latestCodeFor(t, FAMILY);
    const [sms] = await t.db.query<{ language: string }>("select language from sms_outbox where msisdn = $1 and kind = 'otp'", [FAMILY]);
    assert.equal(sms?.language, 'az', 'in the language of the line that receives it');

    const stolen = await post('/api/v1/lines/link/verify', bob, { msisdn: FAMILY, code });
    assert.equal(stolen.json().code, 'CODE_INVALID');
    const linked = await post('/api/v1/lines/link/verify', alice, { msisdn: FAMILY, code });
    assert.equal(linked.statusCode, 201, linked.body);
    assert.equal(linked.json().msisdn, FAMILY);

    const items = (await get('/api/v1/lines', alice)).json().items.map((l: { msisdn: string }) => l.msisdn);
    assert.deepEqual(items, [A, FAMILY], 'the login number first');
    assert.equal((await get(`/api/v1/lines/${encodeURIComponent(FAMILY)}`, alice)).statusCode, 200);
    assert.equal((await get(`/api/v1/lines/${encodeURIComponent(FAMILY)}`, bob)).statusCode, 404);
  });

  test('an unknown or already linked number gets the same answer and no SMS', async () => {
    const unknown = await post('/api/v1/lines/link', alice, { msisdn: msisdnFor(9998) });
    t.clock.advanceMs(61_000);
    const already = await post('/api/v1/lines/link', alice, { msisdn: FAMILY });
    assert.equal(unknown.statusCode, 202);
    assert.equal(already.body, unknown.body);
    assert.equal(await otpCount(t, FAMILY), 1, 'no second SMS to a line already on the account');
    assert.equal(await otpCount(t, msisdnFor(9998)), 0);
  });
});
