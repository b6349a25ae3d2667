import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_PAIR_MAX_DELAY_MS, loginRetryDelayMs } from './account-rules.ts';

test('an address waits nothing for its first five failed logins to an account, then 1 s doubling to 15 minutes', () => {
  assert.deepEqual([0, 1, 4].map(loginRetryDelayMs), [0, 0, 0]);
  assert.deepEqual([5, 6, 7, 14].map(loginRetryDelayMs), [1000, 2000, 4000, 512_000]);
  assert.equal(loginRetryDelayMs(15), LOGIN_PAIR_MAX_DELAY_MS);
  assert.equal(loginRetryDelayMs(10_000), 15 * 60_000, 'no overflow however many');
});

test('one address, let through as fast as the waits allow, stays far below the account ceiling in an hour', () => {
  let failures = 0;
  let at = 0;
  while (at + loginRetryDelayMs(failures) < 3_600_000) {
    at += loginRetryDelayMs(failures);
    failures++;
  }
  const ceiling = LOGIN_FAILURES_PER_ACCOUNT[0]?.max ?? 0;
  assert.ok(failures < 25 && ceiling === 100, `${failures} an hour from one address; the account allows ${ceiling}`);
});
