import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { msisdnFor } from '../../test/helpers/factories.ts';
import { TEST_PASSWORD, cookieHeader, customerHeaders, latestCodeFor, registerCustomer, signUpCustomer } from '../../test/helpers/customers.ts';
import { buildTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { detachReassignedLines } from './detach-reassigned-lines.ts';
import { endSessionsForLines } from './end-sessions-for-lines.ts';

let t: TestApp;
const [A, B, SHARED] = [msisdnFor(1), msisdnFor(2), msisdnFor(3)];
let alice = '';
let bob = '';

before(async () => {
  t = await buildTestApp();
  alice = await signUpCustomer(t, A, 1);
  bob = await signUpCustomer(t, B, 2);
  // Alice also holds a family line, proven by its code.
  const shared = await signUpCustomer(t, SHARED, 3);
  t.clock.advanceMs(61_000);
  await t.app.inject({ method: 'POST', url: '/api/v1/lines/link', headers: customerHeaders(alice), payload: { msisdn: SHARED } });
  const code = await latestCodeFor(t, SHARED);
  const linked = await t.app.inject({ method: 'POST', url: '/api/v1/lines/link/verify', headers: customerHeaders(alice), payload: { msisdn: SHARED, code } });
  assert.equal(linked.statusCode, 201, linked.body);
  assert.ok(shared);
});
after(async () => { await t.close(); });

const status = async (token: string) => (await t.app.inject({ method: 'GET', url: '/api/v1/lines', headers: cookieHeader(token) })).statusCode;

test('a line entering quarantine ends the sessions of every account holding it, and only those', async () => {
  const ended = await t.db.tx((sql) => endSessionsForLines(sql, [SHARED], t.clock.now()));
  assert.equal(ended, 2, 'alice (family link) and the line\'s own account');
  assert.equal(await status(alice), 401);
  assert.equal(await status(bob), 200);
  const reasons = await t.db.query<{ revoked_reason: string }>("select distinct revoked_reason from customer_sessions where revoked_at is not null");
  assert.deepEqual(reasons.map((r) => r.revoked_reason), ['line_quarantine']);
  assert.equal(await t.db.tx((sql) => endSessionsForLines(sql, [SHARED], t.clock.now())), 0, 'nothing left to end');
  assert.equal(await t.db.tx((sql) => endSessionsForLines(sql, [], t.clock.now())), 0);
  // The owner can still sign in: ending sessions is not a lock-out.
  const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone: A, password: TEST_PASSWORD } });
  assert.equal(again.statusCode, 200);
});

test('a reassigned number is detached: the old account keeps its rows, the new owner starts afresh', async () => {
  assert.equal(await t.db.tx((sql) => detachReassignedLines(sql, [B], t.clock.now())), 1);
  assert.equal(await status(bob), 401, 'the old owner\'s session ended with the number');
  const oldLogin = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { phone: B, password: TEST_PASSWORD } });
  assert.equal(oldLogin.json().code, 'INVALID_CREDENTIALS', 'nobody logs in with a number that went elsewhere');

  t.clock.advanceMs(61_000);
  const newOwner = await registerCustomer(t, B, { password: 'Gobustan rock art 77' });
  const items = (await t.app.inject({ method: 'GET', url: '/api/v1/lines', headers: cookieHeader(newOwner) })).json().items;
  assert.deepEqual(items.map((l: { msisdn: string }) => l.msisdn), [B]);
  const rows = await t.db.query<{ detached: boolean }>('select detached_at is not null as detached from customer_lines where msisdn = $1 order by id', [B]);
  assert.deepEqual(rows.map((r) => r.detached), [true, false], 'the old link stays, marked detached');
});
