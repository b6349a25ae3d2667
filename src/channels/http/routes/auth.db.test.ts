import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { msisdnFor } from '../../../../test/helpers/factories.ts';
import {
  TEST_PASSWORD, cookieHeader, customerHeaders, latestCodeFor, otpCount, provisionTestLine, registerCustomer, sameOriginHeaders, sessionCookieOf,
} from '../../../../test/helpers/customers.ts';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
const line = (n: number) => msisdnFor(n);
const MINUTE = 60_000;

before(async () => {
  t = await buildTestApp();
  for (let n = 1; n <= 20; n++) await provisionTestLine(t, line(n), n);
  // Released long ago: still a row in lines, but no longer its holder's to register.
  await provisionTestLine(t, line(21), 21, { validUntil: '2025-01-01' });
});
after(async () => { await t.close(); });

let address = 0;
/** A fresh client address per call site keeps the per-address limits out of tests about other limits. */
const nextAddress = () => `192.0.2.${++address % 250}`;

const post = (url: string, payload: unknown, headers: Record<string, string> = sameOriginHeaders, remoteAddress = nextAddress()) =>
  t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers, remoteAddress });
const lines = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/lines', headers: cookieHeader(token) });
const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('registration', () => {
  test('end to end: the code is in the SMS, only its HMAC in the database, and verifying signs in', async () => {
    const res = await post('/api/v1/auth/register', { phone: '050 000 00 01', language: 'en' });
    assert.equal(res.statusCode, 202, res.body);
    assert.match(res.json().message, /if this number/i);

    const code = await latestCodeFor(t, line(1));
    const [stored] = await t.db.query<Record<string, unknown>>("select * from one_time_codes where msisdn = $1 and purpose = 'register'", [line(1)]);
    assert.ok(stored);
    assert.match(String(stored.code_hash), /^[0-9a-f]{64}$/);
    assert.ok(!JSON.stringify(stored).includes(code), 'the code is nowhere in the row');
    assert.equal(stored.decoy, false);
    assert.ok(new Date(String(stored.expires_at)).getTime() - t.clock.now() <= 10 * MINUTE);

    const verify = await post('/api/v1/auth/verify', { phone: '+994500000001', code, password: TEST_PASSWORD });
    assert.equal(verify.statusCode, 200, verify.body);
    assert.equal(verify.json().signedIn, true);
    const cookie = sessionCookieOf(verify);
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.maxAge, 12 * 3600);
    assert.ok(!cookie.secure, 'a loopback host gets the cookie without Secure');

    const mine = await lines(cookie.value);
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(mine.json().items.map((l: { msisdn: string }) => l.msisdn), [line(1)]);

    const [customer] = await t.db.query<{ password_hash: string; language: string }>('select password_hash, language from customers');
    assert.match(customer?.password_hash ?? '', /^\$argon2id\$/);
    assert.equal(customer?.language, 'en');
    const [session] = await t.db.query<{ token_hash: string }>('select token_hash from customer_sessions');
    assert.notEqual(session?.token_hash, cookie.value, 'only an HMAC of the token is stored');

    const again = await post('/api/v1/auth/verify', { phone: line(1), code, password: TEST_PASSWORD });
    assert.equal(again.json().code, 'CODE_INVALID', 'a code works once');
  });

  test('unknown, released and already registered numbers get the same answer and no SMS', async () => {
    t.clock.advanceMs(MINUTE + 1000); // line 1 had its code just now
    const before = await t.db.query<{ n: number }>('select count(*)::int8 as n from sms_outbox');
    const answers: { status: number; body: string }[] = [];
    for (const phone of [line(9999), line(21), line(1)]) {
      const res = await post('/api/v1/auth/register', { phone, language: 'az' });
      answers.push({ status: res.statusCode, body: res.body });
    }
    const eligible = await post('/api/v1/auth/register', { phone: line(2), language: 'az' });
    answers.push({ status: eligible.statusCode, body: eligible.body });
    assert.ok(answers.every((a) => a.status === 202 && a.body === answers[3]?.body), JSON.stringify(answers));
    const after = await t.db.query<{ n: number }>('select count(*)::int8 as n from sms_outbox');
    assert.equal(Number(after[0]?.n) - Number(before[0]?.n), 1, 'only the eligible number got an SMS');
    assert.equal(await otpCount(t, line(2)), 1);

    // Checking a code answers alike too: no account is revealed by the verify step.
    const unknown = await post('/api/v1/auth/verify', { phone: line(9999), code: '123456', password: TEST_PASSWORD });
    const known = await post('/api/v1/auth/verify', { phone: line(2), code: wrongCode(await latestCodeFor(t, line(2))), password: TEST_PASSWORD });
    assert.equal(unknown.statusCode, known.statusCode);
    assert.equal(unknown.json().code, 'CODE_INVALID');
    assert.equal(known.json().code, 'CODE_INVALID');
  });

  test('five wrong codes from one address use the code up for that address: only a new code helps it', async () => {
    const guesser = nextAddress();
    const sent = await otpCount(t, line(3));
    await post('/api/v1/auth/register', { phone: line(3), language: 'ru' }, sameOriginHeaders, guesser);
    const code = await latestCodeFor(t, line(3));
    const verify = (c: string, from = guesser) => post('/api/v1/auth/verify', { phone: line(3), code: c, password: TEST_PASSWORD }, sameOriginHeaders, from);
    for (let i = 1; i <= 4; i++) {
      const res = await verify(wrongCode(code));
      assert.equal(res.statusCode, 422);
      assert.equal(res.json().code, 'CODE_INVALID');
    }
    const fifth = await verify(wrongCode(code));
    assert.equal(fifth.json().code, 'CODE_TOO_MANY_ATTEMPTS');
    const right = await verify(code);
    assert.equal(right.statusCode, 429);
    assert.equal(right.json().code, 'CODE_TOO_MANY_ATTEMPTS', 'even the right code is refused now, from that address');

    t.clock.advanceMs(MINUTE + 1000);
    assert.equal((await post('/api/v1/auth/register', { phone: line(3), language: 'ru' }, sameOriginHeaders, guesser)).statusCode, 202);
    assert.equal(await otpCount(t, line(3)), sent + 2, 'a code that address has used up is not the one it waits for: a new one goes out');
    const fresh = await latestCodeFor(t, line(3));
    const stale = fresh === code ? undefined : await verify(code, nextAddress());
    if (stale) assert.equal(stale.json().code, 'CODE_INVALID', 'the old code died with the new one');
    const ok = await verify(fresh);
    assert.equal(ok.statusCode, 200, ok.body);
  });

  test('a code expires after 10 minutes', async () => {
    await post('/api/v1/auth/register', { phone: line(4), language: 'zh' });
    const code = await latestCodeFor(t, line(4));
    t.clock.advanceMs(10 * MINUTE + 1000);
    const res = await post('/api/v1/auth/verify', { phone: line(4), code, password: TEST_PASSWORD });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().code, 'CODE_EXPIRED');
  });

  test('an address may ask for dozens of codes a minute (carrier NAT), not unlimited', async () => {
    const nat = '203.0.113.200';
    const results = [];
    for (let n = 100; n < 161; n++) {
      results.push((await post('/api/v1/auth/register', { phone: line(n), language: 'en' }, sameOriginHeaders, nat)).statusCode);
    }
    assert.equal(results.filter((s) => s === 202).length, 60);
    assert.equal(results.at(-1), 429);
  });

  test('the password comes with the code: a weak one is refused without using up a try', async () => {
    await post('/api/v1/auth/register', { phone: line(6), language: 'en' });
    const code = await latestCodeFor(t, line(6));
    const cases = ['short', 'password123', 'QWERTYUIOP', '0500000006', '+994 50 000 00 06', '994500000006', 'x'.repeat(129)];
    for (const password of cases) {
      const res = await post('/api/v1/auth/verify', { phone: line(6), code, password });
      assert.equal(res.statusCode, 422, password);
      assert.equal(res.json().code, 'PASSWORD_TOO_WEAK', password);
    }
    const missing = await post('/api/v1/auth/verify', { phone: line(6), code });
    assert.equal(missing.statusCode, 400, 'verify needs the password');
    const ok = await post('/api/v1/auth/verify', { phone: line(6), code, password: TEST_PASSWORD });
    assert.equal(ok.statusCode, 200, ok.body);
  });

  test('register ignores a password sent to it and still refuses unknown fields', async () => {
    const withPassword = await post('/api/v1/auth/register', { phone: line(14), password: 'x', language: 'en' });
    assert.equal(withPassword.statusCode, 202, 'a password, even a weak one, is accepted and ignored');
    const [row] = await t.db.query<{ password_hash: string | null }>("select password_hash from one_time_codes where msisdn = $1 and purpose = 'register'", [line(14)]);
    assert.equal(row?.password_hash, null, 'nothing of it is kept');
    const unknownField = await post('/api/v1/auth/register', { phone: line(14), language: 'en', admin: true });
    assert.equal(unknownField.json().code, 'UNKNOWN_FIELD');
  });

  test('pre-hijack: the holder of the code chooses the password, whoever registered first', async () => {
    const attacker = '203.0.113.66';
    const victim = '198.51.100.66';
    const hijack = await post('/api/v1/auth/register', { phone: line(13), password: 'Attackers-Own-Secret-1', language: 'zh' }, sameOriginHeaders, attacker);
    assert.equal(hijack.statusCode, 202);
    const own = await post('/api/v1/auth/register', { phone: line(13), language: 'ru' }, sameOriginHeaders, victim);
    assert.equal(own.statusCode, 202, 'the holder\'s own request is not refused because of the stranger\'s');
    assert.equal(await otpCount(t, line(13)), 1, 'and does not text the holder twice: the code already there is the one to type');
    const [sms] = await t.db.query<{ language: string }>("select language from sms_outbox where msisdn = $1 and kind = 'otp'", [line(13)]);
    assert.equal(sms?.language, 'en', 'the SMS is in the line\'s own language, not the stranger\'s choice');

    const verify = await post('/api/v1/auth/verify', { phone: line(13), code: await latestCodeFor(t, line(13)), password: 'Victims-Own-Choice-2' }, sameOriginHeaders, victim);
    assert.equal(verify.statusCode, 200, verify.body);
    assert.equal(verify.json().language, 'ru', 'the account has the holder\'s language (the latest request)');
    const logIn = (password: string) => post('/api/v1/auth/login', { phone: line(13), password }, sameOriginHeaders, attacker);
    assert.equal((await logIn('Attackers-Own-Secret-1')).statusCode, 401, 'the stranger\'s password opens nothing');
    assert.equal((await logIn('Victims-Own-Choice-2')).statusCode, 200);
  });
});

describe('sessions', () => {
  const logIn = (phone: string, password: string, headers: Record<string, string> = sameOriginHeaders, remoteAddress = nextAddress()) =>
    post('/api/v1/auth/login', { phone, password }, headers, remoteAddress);

  test('Secure on the cookie except on a loopback host; login rotates the session', async () => {
    await registerCustomer(t, line(7), { address: nextAddress() });
    const remote = await logIn(line(7), TEST_PASSWORD, { host: 'saxla.example', origin: 'http://saxla.example' });
    assert.equal(remote.statusCode, 200, remote.body);
    assert.equal(sessionCookieOf(remote)?.secure, true);
    const local = await logIn(line(7), TEST_PASSWORD, { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' });
    assert.ok(!sessionCookieOf(local)?.secure);

    const first = sessionCookieOf(local)?.value ?? '';
    const rotated = await logIn(line(7), TEST_PASSWORD, customerHeaders(first));
    const second = sessionCookieOf(rotated)?.value ?? '';
    assert.ok(second.length > 40 && second !== first, 'a new token at every login');
    assert.equal((await lines(first)).statusCode, 401, 'the token sent along is ended');
    assert.equal((await lines(second)).statusCode, 200);
  });

  test('a session ends after 30 minutes idle and after 12 hours in any case', async () => {
    const token = sessionCookieOf(await logIn(line(7), TEST_PASSWORD))?.value ?? '';
    t.clock.advanceMs(29 * MINUTE);
    assert.equal((await lines(token)).statusCode, 200);
    t.clock.advanceMs(29 * MINUTE);
    assert.equal((await lines(token)).statusCode, 200, 'use keeps it alive');
    t.clock.advanceMs(31 * MINUTE);
    const idle = await lines(token);
    assert.equal(idle.statusCode, 401);
    assert.equal(idle.json().code, 'UNAUTHENTICATED');

    const busy = sessionCookieOf(await logIn(line(7), TEST_PASSWORD))?.value ?? '';
    for (let step = 1; step <= 35; step++) {
      t.clock.advanceMs(20 * MINUTE);
      assert.equal((await lines(busy)).statusCode, 200, `after ${step * 20} minutes`);
    }
    t.clock.advanceMs(20 * MINUTE);
    assert.equal((await lines(busy)).statusCode, 401, 'twelve hours after login, however busy');
  });

  test('logout ends the session and clears the cookie', async () => {
    const token = sessionCookieOf(await logIn(line(7), TEST_PASSWORD))?.value ?? '';
    const res = await post('/api/v1/auth/logout', {}, customerHeaders(token));
    assert.equal(res.statusCode, 204);
    assert.equal(sessionCookieOf(res)?.value, '');
    assert.equal((await lines(token)).statusCode, 401);
    const [row] = await t.db.query<{ revoked_reason: string }>("select revoked_reason from customer_sessions where revoked_reason = 'logout'");
    assert.ok(row);
  });

  test('an unknown number and a wrong password get the same answer', async () => {
    const unknown = await logIn(line(9997), TEST_PASSWORD);
    const wrong = await logIn(line(7), 'not-the-password-at-all');
    assert.equal(unknown.statusCode, 401);
    assert.equal(unknown.json().code, 'INVALID_CREDENTIALS');
    assert.equal(unknown.body, wrong.body);
  });
});

describe('CSRF: state-changing requests must come from our own pages', () => {
  test('cross-site, foreign or missing origin with a session cookie is refused', async () => {
    const token = await registerCustomer(t, line(9), { address: nextAddress() });
    const refusals: Record<string, string>[] = [
      { ...cookieHeader(token), origin: 'https://evil.example' },
      { ...cookieHeader(token), origin: 'null' },
      { ...cookieHeader(token), 'sec-fetch-site': 'cross-site' },
      { ...cookieHeader(token), 'sec-fetch-site': 'same-site', origin: 'http://localhost' },
      { ...cookieHeader(token) },
    ];
    for (const headers of refusals) {
      for (const url of ['/api/v1/auth/logout', '/api/v1/lines/link']) {
        const res = await post(url, url.endsWith('link') ? { msisdn: line(10) } : {}, headers);
        assert.equal(res.statusCode, 403, `${url} ${JSON.stringify(headers)}`);
        assert.equal(res.json().code, 'CSRF_REJECTED');
      }
    }
    assert.equal((await lines(token)).statusCode, 200, 'still signed in: nothing was done');
    assert.equal(await otpCount(t, line(10)), 0);

    const ok = await post('/api/v1/auth/logout', {}, { ...cookieHeader(token), 'sec-fetch-site': 'same-origin' });
    assert.equal(ok.statusCode, 204);
  });

  test('a non-browser client with no cookie and neither header may sign in', async () => {
    const res = await post('/api/v1/auth/login', { phone: line(9), password: TEST_PASSWORD }, {});
    assert.equal(res.statusCode, 200, res.body);
    const forged = await post('/api/v1/auth/login', { phone: line(9), password: TEST_PASSWORD }, { origin: 'https://evil.example' });
    assert.equal(forged.statusCode, 403);
  });
});

describe('password reset', () => {
  test('by SMS code: sets the new password and ends every other session', async () => {
    await registerCustomer(t, line(11), { address: nextAddress() });
    const a = sessionCookieOf(await post('/api/v1/auth/login', { phone: line(11), password: TEST_PASSWORD }))?.value ?? '';
    const b = sessionCookieOf(await post('/api/v1/auth/login', { phone: line(11), password: TEST_PASSWORD }))?.value ?? '';
    assert.equal((await lines(a)).statusCode, 200);

    t.clock.advanceMs(MINUTE + 1000);
    const sent = await post('/api/v1/auth/password-reset', { phone: line(11) });
    const unknown = await post('/api/v1/auth/password-reset', { phone: line(12) });
    assert.equal(sent.statusCode, 202);
    assert.equal(unknown.body, sent.body, 'a number without an account gets the same answer');
    assert.equal(await otpCount(t, line(12)), 0);

    const code = await latestCodeFor(t, line(11));
    const weak = await post('/api/v1/auth/password-reset/confirm', { phone: line(11), code, password: '0500000011' });
    assert.equal(weak.json().code, 'PASSWORD_TOO_WEAK');
    const reset = await post('/api/v1/auth/password-reset/confirm', { phone: line(11), code, password: 'New-Passphrase-Icheri-9' });
    assert.equal(reset.statusCode, 200, reset.body);
    const c = sessionCookieOf(reset)?.value ?? '';
    assert.equal((await lines(a)).statusCode, 401);
    assert.equal((await lines(b)).statusCode, 401);
    assert.equal((await lines(c)).statusCode, 200);

    assert.equal((await post('/api/v1/auth/login', { phone: line(11), password: TEST_PASSWORD })).statusCode, 401);
    assert.equal((await post('/api/v1/auth/login', { phone: line(11), password: 'New-Passphrase-Icheri-9' })).statusCode, 200);
  });
});
