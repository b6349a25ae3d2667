// A wrong code costs no argon2id hash (issue 9): verify and reset check the code first, in a cheap
// transaction, and hash the new password only for a right one, so guesses cannot load the CPU.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../domain/errors.ts';
import { msisdnFor } from '../../test/helpers/factories.ts';
import { TEST_PASSWORD, latestCodeFor, provisionTestLine, registerCustomer, sameOriginHeaders } from '../../test/helpers/customers.ts';
import { TEST_SECRET, buildTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import type { PasswordHashingOptions } from './password-hashing.ts';
import { resetPassword } from './reset-password.ts';
import { verifyRegistration } from './verify-registration.ts';

let t: TestApp;
let hashes = 0;
// hashPassword reads memoryCost once per hash: counting the reads counts the hashes.
const countingHashing: PasswordHashingOptions = {
  get memoryCost() {
    hashes++;
    return 1024;
  },
  timeCost: 1,
  parallelism: 1,
};
const deps = () => ({ db: t.db, now: t.clock.now, secret: TEST_SECRET, passwordHashing: countingHashing });
const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');
const post = (url: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, payload, headers: sameOriginHeaders, remoteAddress: '203.0.113.50' });

before(async () => {
  t = await buildTestApp();
  for (let n = 1; n <= 2; n++) await provisionTestLine(t, msisdnFor(n), n);
});
after(async () => { await t.close(); });

async function refusedWith(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof DomainError, `expected a refusal, got ${String(error)}`);
  return error.code;
}

describe('the new password is hashed only for a right code', () => {
  test('registration', async () => {
    const phone = msisdnFor(1);
    assert.equal((await post('/api/v1/auth/register', { phone, language: 'en' })).statusCode, 202);
    const code = await latestCodeFor(t, phone);
    hashes = 0;
    const request = { phone, password: TEST_PASSWORD, address: '203.0.113.9' };
    assert.equal(await refusedWith(verifyRegistration(deps(), { ...request, code: wrongCode(code) })), 'CODE_INVALID');
    assert.equal(await refusedWith(verifyRegistration(deps(), { ...request, phone: msisdnFor(77), code })), 'CODE_INVALID');
    assert.equal(hashes, 0, 'a wrong code or an unknown number costs no hash');
    const session = await verifyRegistration(deps(), { ...request, code });
    assert.equal(hashes, 1);
    assert.ok(session.customerId);
    assert.equal(await refusedWith(verifyRegistration(deps(), { ...request, code })), 'CODE_INVALID', 'the code is spent');
    assert.equal(hashes, 1);
  });

  test('password reset', async () => {
    const phone = msisdnFor(2);
    await registerCustomer(t, phone, { address: '203.0.113.51' });
    assert.equal((await post('/api/v1/auth/password-reset', { phone })).statusCode, 202);
    const code = await latestCodeFor(t, phone);
    hashes = 0;
    const request = { phone, password: 'Qobustan-Petroglyph-88', address: '203.0.113.9' };
    assert.equal(await refusedWith(resetPassword(deps(), { ...request, code: wrongCode(code) })), 'CODE_INVALID');
    assert.equal(hashes, 0, 'a wrong code costs no hash');
    await resetPassword(deps(), { ...request, code });
    assert.equal(hashes, 1);
    const login = await post('/api/v1/auth/login', { phone, password: 'Qobustan-Petroglyph-88' });
    assert.equal(login.statusCode, 200, 'the new password is the one set');
  });
});
