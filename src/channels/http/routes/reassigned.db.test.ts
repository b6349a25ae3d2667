// The reassigned-number check (issue 13): a released number given to a new holder is recorded in
// the same transaction, and banks with an API key learn only true or false since a day.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminHeaders, assertLedgerBalances, buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { iccidFor, policy } from '../../../../test/helpers/factories.ts';
import { cookieHeader, signUpCustomer } from '../../../../test/helpers/customers.ts';
import { parseInstant } from '../../../domain/calendar.ts';
import { createApiKeyFromCli } from '../../../services/api-keys.ts';
import { sweepLifecycle } from '../../../services/sweep-lifecycle.ts';

let t: TestApp;
before(async () => { t = await buildTestApp('2026-11-26T10:00:00+04:00'); });
after(async () => { await t.close(); });

const RELEASED = '+994501110001';
const NEVER = '+994501110002';

async function issueKey(name: string): Promise<{ id: string; key: string }> {
  const out = await createApiKeyFromCli({ db: t.db, now: t.clock.now }, ['--name', name]);
  const lines = out.trimEnd().split('\n');
  const key = lines.at(-1) ?? '';
  const id = /API key (\S+) created/.exec(out)?.[1] ?? '';
  return { id, key };
}
const ask = (key: string | null, query: string) => t.app.inject({
  method: 'GET', url: `/api/v1/reassigned?${query}`, ...(key === null ? {} : { headers: { authorization: `Bearer ${key}` } }),
});
const provision = (msisdn: string, serial: number, over: Record<string, unknown> = {}) => t.app.inject({
  method: 'POST', url: '/api/v1/admin/lines', headers: adminHeaders,
  payload: [{ msisdn, iccid: iccidFor(serial), balance: { amount: 700, currency: 'AZN' }, validUntil: '2027-08-31', language: 'tr', ...over }],
});
const events = (msisdn: string) => t.db.query<{ cause: string; old_iccid: string; new_iccid: string; reassigned_at: Date }>(
  'select cause, old_iccid, new_iccid, reassigned_at from number_reassignments where msisdn = $1', [msisdn]);

let bank: { id: string; key: string };

test('a released number provisioned with a new SIM goes to its new holder, and the hand-over is recorded with it', async () => {
  const oldSession = await signUpCustomer(t, RELEASED, 9101);
  assert.equal((await provision(NEVER, 9102, { validUntil: '2027-12-31' })).statusCode, 201);
  // 2027-07-01 is more than 180 days (15 + 45 + 120) after the line's end on 2026-12-20.
  t.clock.set('2027-07-01T10:00:00+04:00');
  await sweepLifecycle({ db: t.db, policy }, t.clock.now());
  const [stage] = await t.db.query<{ status: string }>('select status from lines where msisdn = $1', [RELEASED]);
  assert.equal(stage?.status, 'recyclable');
  assert.deepEqual(await events(RELEASED), [], 'nothing recorded while the number only waits');

  // A live number with another SIM is still refused, and records nothing.
  const live = await provision(NEVER, 9103);
  assert.equal(live.statusCode, 409, live.body);
  assert.deepEqual(await events(NEVER), []);

  // The former holder's ties to the number: a watch SIM, a family group, a budget.
  const [holder] = await t.db.query<{ customer_id: string }>('select customer_id from customer_lines where msisdn = $1', [RELEASED]);
  assert.ok(holder, 'the former holder');
  const plan = { code: 'REASSIGN_FAMILY' };
  await t.db.query(`insert into plans (code, kind, monthly_price, durations, texts) values ($1, 'family', 1500, '{1}', '{}')`, [plan.code]);
  const at = new Date(t.clock.now());
  await t.db.query(`insert into line_sims (id, msisdn, iccid, channel, added_by_customer, added_at) values (gen_random_uuid(), $1, $2, 'online', $3, $4)`,
    [RELEASED, iccidFor(9105), holder.customer_id, at]);
  await t.db.query(`insert into line_groups (id, plan_code, payer_id, created_on, created_at) values ('00000000-0000-4000-8000-000000000013', $1, $2, '2026-11-26', $3)`,
    [plan.code, holder.customer_id, at]);
  await t.db.query(`insert into group_members (group_id, msisdn, status, invited_at, joined_at) values ('00000000-0000-4000-8000-000000000013', $1, 'active', $2, $2)`, [RELEASED, at]);
  await t.db.query('insert into line_budgets (msisdn, monthly_budget, customer_id, updated_at) values ($1, 2000, $2, $3)', [RELEASED, holder.customer_id, at]);

  const res = await provision(RELEASED, 9104);
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json().items, [{ msisdn: RELEASED, outcome: 'reassigned' }]);
  assert.equal(res.json().reassigned, 1);
  const recorded = await events(RELEASED);
  assert.equal(recorded.length, 1);
  assert.deepEqual({ ...recorded[0], reassigned_at: recorded[0]?.reassigned_at.toISOString() },
    { cause: 'reprovision', old_iccid: iccidFor(9101), new_iccid: iccidFor(9104), reassigned_at: '2027-07-01T06:00:00.000Z' });

  const [line] = await t.db.query<{ iccid: string; status: string; balance: number; valid_until: string; language: string; plan_code: string | null }>(
    'select iccid, status, balance, valid_until::text, language, plan_code from lines where msisdn = $1', [RELEASED]);
  assert.deepEqual(line, { iccid: iccidFor(9104), status: 'active', balance: 700, valid_until: '2027-08-31', language: 'tr', plan_code: null });
  await assertLedgerBalances(t.db);
  // The former holder's account no longer reaches the number.
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(RELEASED)}`, headers: cookieHeader(oldSession) })).statusCode, 401);
  const [links] = await t.db.query<{ live: number }>('select count(*)::int8 as live from customer_lines where msisdn = $1 and detached_at is null', [RELEASED]);
  assert.equal(links?.live, 0);

  // None of the former holder's ties go with the number.
  assert.deepEqual(await t.db.query("select removed_reason from line_sims where msisdn = $1 and removed_at is not null", [RELEASED]), [{ removed_reason: 'number_reassigned' }]);
  assert.deepEqual(await t.db.query('select status, left_reason from group_members where msisdn = $1', [RELEASED]), [{ status: 'left', left_reason: 'removed' }]);
  assert.deepEqual(await t.db.query('select event, customer_id from group_events where msisdn = $1', [RELEASED]), [{ event: 'removed', customer_id: null }]);
  assert.deepEqual(await t.db.query('select msisdn from line_budgets where msisdn = $1', [RELEASED]), []);

  // The same request again changes nothing and records nothing more.
  const again = await provision(RELEASED, 9104);
  assert.deepEqual(again.json().items, [{ msisdn: RELEASED, outcome: 'existing' }]);
  assert.equal((await events(RELEASED)).length, 1);
});

test('true from any day up to the hand-over, false after it and for numbers never reassigned; nothing else said', async () => {
  bank = await issueKey('Kapital Bank');
  t.clock.set('2027-07-05T12:00:00+04:00');
  for (const [msisdn, since, expected] of [
    [encodeURIComponent(RELEASED), '2020-01-01', true],
    ['0501110001', '2027-07-01', true],
    [encodeURIComponent(RELEASED), '2027-07-02', false],
    [encodeURIComponent(RELEASED), '2027-07-05', false],
    [encodeURIComponent(NEVER), '2020-01-01', false],
    ['0559998877', '2020-01-01', false],
  ] as const) {
    const res = await ask(bank.key, `msisdn=${msisdn}&since=${since}`);
    assert.equal(res.statusCode, 200, `${msisdn} ${since}: ${res.body}`);
    assert.deepEqual(Object.keys(res.json()).sort(), ['msisdn', 'reassigned']);
    assert.equal(res.json().reassigned, expected, `${msisdn} since ${since}`);
    assert.match(res.json().msisdn, /^\+994\d{9}$/);
  }
});

test('a malformed or future since, or a malformed number: 400, changes nothing, audited', async () => {
  for (const query of [`msisdn=${encodeURIComponent(RELEASED)}&since=2027-07-06`, `msisdn=${encodeURIComponent(RELEASED)}&since=2027-02-30`,
    `msisdn=${encodeURIComponent(RELEASED)}&since=yesterday`, `msisdn=${encodeURIComponent(RELEASED)}`, 'msisdn=12&since=2027-01-01', 'since=2027-01-01']) {
    const res = await ask(bank.key, query);
    assert.equal(res.statusCode, 400, `${query}: ${res.body}`);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  }
  const [invalid] = await t.db.query<{ n: number }>("select count(*)::int8 as n from api_key_calls where key_id = $1 and outcome = 'invalid'", [bank.id]);
  assert.equal(invalid?.n, 6);
});

test('without a valid key: 401, whatever the query', async () => {
  const query = `msisdn=${encodeURIComponent(RELEASED)}&since=2020-01-01`;
  for (const res of [await ask(null, query), await ask('sxk_not-a-key', query), await ask('', query), await ask(bank.key.slice(0, -1), 'since=bad')]) {
    assert.equal(res.statusCode, 401, res.body);
    assert.equal(res.json().code, 'UNAUTHENTICATED');
  }
  // The operator's own token is not an API key.
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/reassigned?${query}`, headers: adminHeaders })).statusCode, 401);
});

test('every answered call is audited with its key, an HMAC of the number (never the number) and the answer', async () => {
  const rows = await t.db.query<{ msisdn_hash: string; answer: boolean; at: Date }>(
    "select msisdn_hash, answer, at from api_key_calls where key_id = $1 and outcome = 'answered' order by id", [bank.id]);
  assert.deepEqual(rows.map((r) => r.answer), [true, true, false, false, false, false]);
  assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(r.msisdn_hash) && r.at.toISOString() === '2027-07-05T08:00:00.000Z'));
  // One number, one hash, whatever form it was asked in; another number, another hash.
  assert.equal(rows[0]?.msisdn_hash, rows[1]?.msisdn_hash);
  assert.notEqual(rows[0]?.msisdn_hash, rows[4]?.msisdn_hash);
  const dump = JSON.stringify(await t.db.query('select * from api_key_calls'));
  assert.ok(!dump.includes('501110001'), 'the number itself is nowhere in the audit');
  // Nor is the key: only its hash is stored.
  assert.ok(!JSON.stringify(await t.db.query("select encode(key_hash, 'hex') as h, key_prefix from api_keys")).includes(bank.key));
});

test('600 calls a minute per key; then 429 with Retry-After (audited), another key unaffected, a minute later again', async () => {
  t.clock.set('2027-07-05T12:10:00+04:00');
  const busy = await issueKey('Busy Bank');
  const other = await issueKey('Other Bank');
  const query = `msisdn=${encodeURIComponent(NEVER)}&since=2027-01-01`;
  for (let i = 0; i < 600; i += 50) {
    const batch = await Promise.all(Array.from({ length: 50 }, () => ask(busy.key, query)));
    assert.ok(batch.every((r) => r.statusCode === 200), `calls ${i + 1}–${i + 50}`);
  }
  const refused = await ask(busy.key, query);
  assert.equal(refused.statusCode, 429, refused.body);
  assert.equal(refused.json().code, 'RATE_LIMITED');
  assert.equal(refused.headers['retry-after'], '60');
  assert.equal((await ask(other.key, query)).statusCode, 200, 'another key has its own budget');
  t.clock.advanceMs(30_000);
  assert.equal((await ask(busy.key, query)).headers['retry-after'], '30');
  const [limited] = await t.db.query<{ n: number }>("select count(*)::int8 as n from api_key_calls where key_id = $1 and outcome = 'rate_limited'", [busy.id]);
  assert.equal(limited?.n, 2);
  t.clock.advanceMs(31_000);
  assert.equal((await ask(busy.key, query)).statusCode, 200);
});

test('the OpenAPI document describes the check with its own bearer scheme and its two-field answer', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  const op = doc.paths['/api/v1/reassigned'].get;
  assert.deepEqual(op.security, [{ apiKey: [] }]);
  assert.deepEqual(op.parameters.map((p: { name: string }) => p.name).sort(), ['msisdn', 'since']);
  assert.deepEqual(Object.keys(op.responses['200'].content['application/json'].schema.properties).sort(), ['msisdn', 'reassigned']);
  assert.equal(doc.components.securitySchemes.apiKey.scheme, 'bearer');
});

test('a revoked key is refused at once; its name can be given to a new key', async () => {
  const key = await issueKey('Revoked Bank');
  const query = `msisdn=${encodeURIComponent(RELEASED)}&since=2020-01-01`;
  assert.equal((await ask(key.key, query)).statusCode, 200);
  await t.db.query('update api_keys set revoked_at = $2 where id = $1', [key.id, new Date(parseInstant('2027-07-05T12:20:00+04:00'))]);
  assert.equal((await ask(key.key, query)).statusCode, 401);
  const renewed = await issueKey('Revoked Bank');
  assert.equal((await ask(renewed.key, query)).statusCode, 200);
  // Two live keys never share a name (in any case), so the audit and the console tell them apart.
  await assert.rejects(issueKey('revoked bank'), /already named/);
  await assert.rejects(issueKey('   '), /needs a name/);
});
