// GET/PUT /api/v1/settings: reminder choices and an optional email, per account, strict bodies.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieHeader, customerHeaders, signUpCustomer } from '../../../../test/helpers/customers.ts';
import { msisdnFor } from '../../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
let alice = '';
let bob = '';
before(async () => {
  t = await buildTestApp();
  alice = await signUpCustomer(t, msisdnFor(41), 41);
  bob = await signUpCustomer(t, msisdnFor(42), 42);
});
after(async () => { await t.close(); });

const allOn = { before30Days: true, before7Days: true, before1Day: true, stageNotices: true };
const get = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/settings', headers: cookieHeader(token) });
const put = (token: string, payload: unknown, headers: Record<string, string> = customerHeaders(token)) =>
  t.app.inject({ method: 'PUT', url: '/api/v1/settings', headers, payload: payload as Record<string, unknown> });

test('defaults: every reminder, no email', async () => {
  const res = await get(alice);
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json(), { reminders: allOn, email: null });
});

test('a round trip: what is saved is what is read, per account; the email is tidied', async () => {
  const wanted = { reminders: { ...allOn, before30Days: false, stageNotices: false }, email: ' Leyla@Example.AZ ' };
  const saved = await put(alice, wanted);
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual(saved.json(), { ...wanted, email: 'Leyla@example.az' });
  assert.deepEqual((await get(alice)).json(), saved.json());
  assert.deepEqual((await get(bob)).json(), { reminders: allOn, email: null }, 'another account is untouched');
  const cleared = await put(alice, { reminders: allOn, email: null });
  assert.deepEqual(cleared.json(), { reminders: allOn, email: null });
  assert.deepEqual((await put(alice, { reminders: allOn, email: '' })).json().email, null, 'an empty field is no address');
});

test('strict bodies: unknown or missing fields are 400, a bad email 422, nothing saved', async () => {
  await put(bob, { reminders: allOn, email: 'bob@example.com' });
  const cases: [unknown, number, string][] = [
    [{ reminders: allOn, email: null, sms: false }, 400, 'UNKNOWN_FIELD'],
    [{ reminders: { ...allOn, otp: false }, email: null }, 400, 'UNKNOWN_FIELD'],
    [{ reminders: allOn }, 400, 'VALIDATION_FAILED'],
    [{ reminders: { ...allOn, before7Days: 'no' }, email: null }, 400, 'VALIDATION_FAILED'],
    [{ reminders: allOn, email: 'bob@gmail' }, 422, 'INVALID_EMAIL'],
  ];
  for (const [body, status, code] of cases) {
    const res = await put(bob, body);
    assert.equal(res.statusCode, status, res.body);
    assert.equal(res.json().code, code);
  }
  assert.equal((await get(bob)).json().email, 'bob@example.com');
});

test('a session is required, and a write from another site is refused', async () => {
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/settings' })).statusCode, 401);
  const forged = await put(alice, { reminders: allOn, email: null }, { ...cookieHeader(alice), origin: 'https://evil.example' });
  assert.equal(forged.statusCode, 403);
  assert.equal(forged.json().code, 'CSRF_REJECTED');
});
