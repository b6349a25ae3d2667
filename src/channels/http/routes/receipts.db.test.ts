// The public receipt verifier: at most 60 checks a minute per address, malformed numbers counted
// (contract), and receipt numbers whose check makes guessing hopeless at that rate.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => { t = await buildTestApp(); });
after(async () => { await t.close(); });

const verify = (number: string, remoteAddress: string) => t.app.inject({ method: 'GET', url: `/api/v1/receipts/${number}/verify`, remoteAddress });

test('60 checks a minute from one address, malformed ones counted; the 61st is 429 with Retry-After', async () => {
  const from = '203.0.113.61';
  for (let i = 0; i < 60; i++) {
    // Half well-formed unknown numbers (404), half malformed ones, which never reach the lookup.
    const res = await verify(i % 2 === 0 ? `BAK1-${String(i).padStart(6, '0')}-ABCDEFGHJK` : `x${i}`, from);
    assert.equal(res.statusCode, 404, `check ${i + 1}`);
  }
  for (const number of ['BAK1-000001-ABCDEFGHJK', 'nonsense', 'a'.repeat(200)]) {
    const res = await verify(number, from);
    assert.equal(res.statusCode, 429, number);
    assert.equal(res.headers['retry-after'], '60');
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.equal(res.json().code, 'RATE_LIMITED');
  }
  // Another caller has a budget of its own.
  assert.equal((await verify('BAK1-000001-ABCDEFGHJK', '203.0.113.62')).statusCode, 404);
  // A minute later the first caller may check again.
  t.clock.advanceMs(61_000);
  assert.equal((await verify('BAK1-000001-ABCDEFGHJK', from)).statusCode, 404);
});

test('parallel checks from one address cannot all slip under the limit', async () => {
  const from = '203.0.113.70';
  const answers = await Promise.all(Array.from({ length: 80 }, (_, i) => verify(`BAK1-${String(i).padStart(6, '0')}-ABCDEFGHJK`, from)));
  assert.equal(answers.filter((r) => r.statusCode === 404).length, 60);
  assert.equal(answers.filter((r) => r.statusCode === 429).length, 20);
});

test('a number with the old 4-character check is no longer a receipt number', async () => {
  const res = await verify('BAK1-000042-K7QX', '203.0.113.80');
  assert.equal(res.statusCode, 404);
  assert.equal(res.json().code, 'RECEIPT_NOT_FOUND');
});

test('the addresses of one IPv6 /64 share one budget: one host cannot walk around the limit', async () => {
  for (let i = 0; i < 60; i++) {
    assert.equal((await verify(`BAK1-${String(i).padStart(6, '0')}-ABCDEFGHJK`, `2001:db8:42:7::${(i + 1).toString(16)}`)).statusCode, 404);
  }
  assert.equal((await verify('BAK1-000001-ABCDEFGHJK', '2001:db8:42:7:dead:beef:0:1')).statusCode, 429, 'a new address of the same /64');
  assert.equal((await verify('BAK1-000001-ABCDEFGHJK', '2001:db8:42:8::1')).statusCode, 404, 'the next /64 is another caller');
});
