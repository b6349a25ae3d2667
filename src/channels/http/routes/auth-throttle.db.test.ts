// Throttles that slow an attacker without locking the owner out (issue 9): code requests, wrong
// codes and failed logins are limited per (address, number) pair first; the per-number and
// per-account ceilings hold against many addresses, and a code to the number always gets the owner
// in: strangers' wrong guesses never use up the code on the owner's phone. An IPv6 /64 is one address.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { msisdnFor } from '../../../../test/helpers/factories.ts';
import { TEST_PASSWORD, latestCodeFor, otpCount, provisionTestLine, registerCustomer, sameOriginHeaders } from '../../../../test/helpers/customers.ts';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
const line = (n: number) => msisdnFor(n);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

before(async () => {
  t = await buildTestApp();
  for (let n = 1; n <= 13; n++) await provisionTestLine(t, line(n), n);
});
after(async () => { await t.close(); });

let address = 0;
/** A fresh client address per call: one address per attacker or owner in these stories. */
const nextAddress = () => `198.18.${Math.floor(++address / 250)}.${address % 250}`;

const post = (url: string, payload: Record<string, unknown>, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url, payload, headers: sameOriginHeaders, remoteAddress });
const askCode = (phone: string, from: string) => post('/api/v1/auth/register', { phone, language: 'en' }, from);
const tryCode = (phone: string, code: string, from: string) => post('/api/v1/auth/verify', { phone, code, password: TEST_PASSWORD }, from);
const logIn = (phone: string, password: string, from: string) => post('/api/v1/auth/login', { phone, password }, from);
const askReset = (phone: string, from: string) => post('/api/v1/auth/password-reset', { phone }, from);
const tryReset = (phone: string, code: string, from: string, password = 'Qobustan-Petroglyph-88') =>
  post('/api/v1/auth/password-reset/confirm', { phone, code, password }, from);
const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');
/** Past a code's ten minutes: the number has no usable code left. */
const CODE_LIFE = 10 * MINUTE + SECOND;

describe('code requests', () => {
  test('a flood of requests texts the holder at most once a minute and is not refused while a code lives', async () => {
    const answers = [];
    for (let i = 0; i < 20; i++) {
      answers.push((await askCode(line(1), nextAddress())).statusCode);
      t.clock.advanceMs(2 * SECOND);
    }
    assert.deepEqual(new Set(answers), new Set([202]), 'no 429 that the holder could take for being blocked');
    assert.equal(await otpCount(t, line(1)), 1, 'the code already on the phone is the one to type');
    t.clock.advanceMs(MINUTE);
    assert.equal((await askCode(line(1), nextAddress())).statusCode, 202);
    assert.equal(await otpCount(t, line(1)), 2, 'a minute on, a new code goes out (the first SMS may be lost)');
  });

  test('one address gets three new codes a number an hour; the owner elsewhere still gets one', async () => {
    const attacker = nextAddress();
    for (let i = 0; i < 3; i++) {
      assert.equal((await askCode(line(2), attacker)).statusCode, 202);
      t.clock.advanceMs(CODE_LIFE);
    }
    const fourth = await askCode(line(2), attacker);
    assert.equal(fourth.statusCode, 429);
    assert.equal(fourth.json().code, 'RATE_LIMITED');
    assert.equal(await otpCount(t, line(2)), 3);

    const owner = nextAddress();
    assert.equal((await askCode(line(2), owner)).statusCode, 202);
    assert.equal(await otpCount(t, line(2)), 4);
    assert.equal((await tryCode(line(2), await latestCodeFor(t, line(2)), owner)).statusCode, 200);
  });

  test('ten new codes a number an hour from all addresses together, eligible or not', async () => {
    for (const phone of [line(3), line(999)]) {
      for (let i = 0; i < 10; i++) {
        const from = nextAddress();
        assert.equal((await askCode(phone, from)).statusCode, 202, `code ${i + 1}`);
        t.clock.advanceMs(MINUTE + SECOND);
      }
      // While the tenth code lives, asking again answers as if sent (the holder types that code).
      assert.equal((await askCode(phone, nextAddress())).statusCode, 202);
      t.clock.advanceMs(CODE_LIFE);
      const eleventh = await askCode(phone, nextAddress());
      assert.equal(eleventh.statusCode, 429, 'the number\'s ceiling: at most ten texts an hour');
    }
    assert.equal(await otpCount(t, line(3)), 10);
    assert.equal(await otpCount(t, line(999)), 0);
  });

  test('requests of one kind do not use up the owner\'s codes of another', async () => {
    await registerCustomer(t, line(8), { address: nextAddress() });
    t.clock.advanceMs(MINUTE + SECOND);
    // Someone keeps "registering" the owner's number (nothing is sent: it has an account) ...
    for (let i = 0; i < 11; i++) {
      await askCode(line(8), nextAddress());
      t.clock.advanceMs(MINUTE + SECOND);
    }
    assert.equal((await askCode(line(8), nextAddress())).statusCode, 202, 'a live decoy answers like a live code');
    // ... and the owner still gets a reset code at once.
    const before = await otpCount(t, line(8));
    assert.equal((await post('/api/v1/auth/password-reset', { phone: line(8) }, nextAddress())).statusCode, 202);
    assert.equal(await otpCount(t, line(8)), before + 1);
  });
});

describe('wrong codes', () => {
  test('are counted per address and number: one client behind NAT cannot use up everyone\'s tries', async () => {
    const nat = nextAddress();
    // One client guesses at many numbers' codes from the shared address: 31 numbers × 10 tries.
    for (let n = 500; n < 531; n++) {
      for (let i = 0; i < 10; i++) await tryCode(line(n), '123456', nat);
    }
    const eleventh = await tryCode(line(500), '123456', nat);
    assert.equal(eleventh.json().code, 'RATE_LIMITED', 'that client is stopped for that number');
    assert.equal((await tryCode(line(500), '123456', nextAddress())).json().code, 'CODE_INVALID', 'another address is not');

    // Another subscriber behind the same address registers their own number as usual.
    assert.equal((await askCode(line(4), nat)).statusCode, 202);
    const ok = await tryCode(line(4), await latestCodeFor(t, line(4)), nat);
    assert.equal(ok.statusCode, 200, ok.body);
  });

  test('past fifty wrong codes for a number an hour, only an address that has not guessed wrong may try', async () => {
    assert.equal((await askCode(line(11), nextAddress())).statusCode, 202);
    const code = await latestCodeFor(t, line(11));
    const guessers = Array.from({ length: 10 }, nextAddress);
    for (const from of guessers) {
      for (let i = 0; i < 5; i++) assert.equal((await tryCode(line(11), wrongCode(code), from)).json().code, i < 4 ? 'CODE_INVALID' : 'CODE_TOO_MANY_ATTEMPTS');
    }
    assert.equal((await tryCode(line(11), code, guessers[0] ?? '')).json().code, 'RATE_LIMITED', 'a guesser is stopped even with the right code');
    const stranger = nextAddress();
    assert.equal((await tryCode(line(11), wrongCode(code), stranger)).json().code, 'CODE_INVALID', 'one try for a clean address');
    assert.equal((await tryCode(line(11), wrongCode(code), stranger)).json().code, 'RATE_LIMITED', 'and no second');
    const holder = await tryCode(line(11), code, nextAddress());
    assert.equal(holder.statusCode, 200, `fifty strangers' guesses did not use up the holder's code: ${holder.body}`);
  });
});

describe('failed logins', () => {
  test('one address waits longer after each failure past five; the owner elsewhere does not wait', async () => {
    await registerCustomer(t, line(5), { address: nextAddress() });
    const attacker = nextAddress();
    for (let i = 0; i < 5; i++) assert.equal((await logIn(line(5), `wrong-password-${i}`, attacker)).statusCode, 401);
    const sixth = await logIn(line(5), TEST_PASSWORD, attacker);
    assert.equal(sixth.statusCode, 429, 'even the right password waits: the wait does not tell whether it was right');
    assert.equal(sixth.json().code, 'RATE_LIMITED');
    t.clock.advanceMs(SECOND);
    assert.equal((await logIn(line(5), 'wrong-password-5', attacker)).statusCode, 401, 'after 1 s one more try');
    t.clock.advanceMs(SECOND);
    assert.equal((await logIn(line(5), 'wrong-password-6', attacker)).statusCode, 429, 'then 2 s');
    t.clock.advanceMs(SECOND);
    assert.equal((await logIn(line(5), 'wrong-password-6', attacker)).statusCode, 401);

    assert.equal((await logIn(line(5), TEST_PASSWORD, nextAddress())).statusCode, 200, 'the owner signs in at once');

    // As fast as it is let through, one address fits about 18 guesses in an hour, far below 100.
    let failures = 7;
    for (const start = t.clock.now(); t.clock.now() - start < 60 * MINUTE; t.clock.advanceMs(SECOND)) {
      const res = await logIn(line(5), `guess-${failures}`, attacker);
      if (res.statusCode === 401) failures++;
      else t.clock.advanceMs(Math.max(0, Number(/wait (\d+) s/.exec(res.json().detail ?? '')?.[1] ?? 0) - 1) * SECOND);
    }
    assert.ok(failures < 25, `${failures} failures from one address in an hour`);
  });

  test('100 failures an hour per account from many addresses; then only a code to the number signs in', async () => {
    await registerCustomer(t, line(6), { address: nextAddress() });
    for (let i = 0; i < 20; i++) {
      const from = nextAddress();
      for (let j = 0; j < 5; j++) assert.equal((await logIn(line(6), `wrong-${i}-${j}`, from)).statusCode, 401);
    }
    const owner = nextAddress();
    const refused = await logIn(line(6), TEST_PASSWORD, owner);
    assert.equal(refused.statusCode, 429, 'the 101st try in the hour is refused, right password or not (ASVS)');
    assert.match(refused.json().detail, /sign in with a code by SMS/, 'and the answer says what does work');
    const parallel = await Promise.all(Array.from({ length: 5 }, () => logIn(line(6), TEST_PASSWORD, nextAddress())));
    assert.ok(parallel.every((r) => r.statusCode === 429));
    const [counted] = await t.db.query<{ n: number }>("select count(*)::int8 as n from auth_throttle_events where scope = 'login_failure_account' and subject = $1", [line(6)]);
    assert.equal(counted?.n, 100);

    // The owner proves the SIM with a code by SMS and is in at once, without waiting the hour.
    assert.equal((await post('/api/v1/auth/password-reset', { phone: line(6) }, owner)).statusCode, 202);
    const code = await latestCodeFor(t, line(6));
    const reset = await post('/api/v1/auth/password-reset/confirm', { phone: line(6), code, password: 'Qobustan-Petroglyph-88' }, owner);
    assert.equal(reset.statusCode, 200, reset.body);
    assert.equal((await logIn(line(6), 'Qobustan-Petroglyph-88', owner)).statusCode, 200);
  });

  test('the portal\'s sign-in page points a throttled customer to the code by SMS', async () => {
    await registerCustomer(t, line(7), { address: nextAddress() });
    const from = nextAddress();
    const form = (password: string) => t.app.inject({
      method: 'POST', url: '/login?lang=en', headers: { ...sameOriginHeaders, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ phone: line(7), password }).toString(), remoteAddress: from,
    });
    for (let i = 0; i < 5; i++) await form(`wrong-password-${i}`);
    const page = await form(TEST_PASSWORD);
    assert.equal(page.statusCode, 429);
    assert.match(page.body, /get a code by SMS and set a new password/);
    assert.match(page.body, /href="\/reset"/);
  });
});

describe('the review\'s lock-out', () => {
  test('100 wrong passwords, then ten reset codes each guessed at five times: the owner still gets in', async () => {
    await registerCustomer(t, line(9), { address: nextAddress() });
    for (let i = 0; i < 20; i++) {
      const from = nextAddress();
      for (let j = 0; j < 5; j++) assert.equal((await logIn(line(9), `wrong-${i}-${j}`, from)).statusCode, 401);
    }
    const guessers: string[] = [];
    for (let i = 0; i < 10; i++) {
      assert.equal((await askReset(line(9), nextAddress())).statusCode, 202, `reset request ${i + 1}`);
      const guesser = nextAddress();
      guessers.push(guesser);
      const wrong = wrongCode(await latestCodeFor(t, line(9)));
      for (let j = 0; j < 5; j++) assert.equal((await tryReset(line(9), wrong, guesser)).statusCode === 200, false);
      t.clock.advanceMs(MINUTE);
    }

    const owner = nextAddress();
    assert.equal((await logIn(line(9), TEST_PASSWORD, owner)).statusCode, 429, 'past 100 failures the password alone does not sign in (ASVS)');
    assert.equal((await askReset(line(9), owner)).statusCode, 202, 'the owner asking for a code is not refused');
    assert.equal((await tryReset(line(9), await latestCodeFor(t, line(9)), guessers[0] ?? '')).json().code, 'RATE_LIMITED', 'guessers are stopped');
    const reset = await tryReset(line(9), await latestCodeFor(t, line(9)), owner, 'Absheron-Saffron-Field-31');
    assert.equal(reset.statusCode, 200, `the code on the owner's phone still works: ${reset.body}`);
    assert.equal((await logIn(line(9), 'Absheron-Saffron-Field-31', nextAddress())).statusCode, 200);
  });
});

describe('IPv6 clients', () => {
  test('two addresses in one /64 share a limit; the next /64 and an IPv4-mapped form count as expected', async () => {
    await registerCustomer(t, line(10), { address: nextAddress() });
    for (let i = 0; i < 5; i++) assert.equal((await logIn(line(10), `wrong-${i}`, `2001:db8:9:1::${i + 1}`)).statusCode, 401);
    const sameHost = await logIn(line(10), 'wrong-5', '2001:db8:9:1:ffff:ffff:ffff:fffe');
    assert.equal(sameHost.statusCode, 429, 'another address of the same /64 waits like the first');
    assert.equal((await logIn(line(10), 'wrong-6', '2001:db8:9:2::1')).statusCode, 401, 'the next /64 is another client');

    for (let i = 0; i < 5; i++) assert.equal((await logIn(line(12), `wrong-${i}`, '198.51.100.77')).statusCode, 401);
    assert.equal((await logIn(line(12), 'wrong-5', '::ffff:198.51.100.77')).statusCode, 429, 'an IPv4-mapped address is its IPv4 client');
  });
});
