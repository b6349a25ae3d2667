import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { iccidFor, msisdnFor } from '../../../../test/helpers/factories.ts';
import { adminHeaders, assertLedgerBalances, buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => { t = await buildTestApp(); });
after(async () => { await t.close(); });

const row = (n: number, over: Record<string, unknown> = {}) => ({
  msisdn: msisdnFor(n), iccid: iccidFor(n), balance: { amount: 250, currency: 'AZN' }, validUntil: '2026-12-20', language: 'en', ...over,
});
const count = async (table: string) => Number((await t.db.query<{ n: number }>(`select count(*)::int8 as n from ${table}`))[0]?.n);

describe('operator API', () => {
  test('without the bearer token: 401 problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/lines/0501234567' });
    assert.equal(res.statusCode, 401);
    assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.equal(res.json().code, 'UNAUTHENTICATED');
    const wrong = await t.app.inject({ method: 'GET', url: '/api/v1/admin/lines/0501234567', headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.statusCode, 401);
  });

  test('provisions lines, idempotently on msisdn, and shows them with a countdown', async () => {
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/admin/lines', headers: adminHeaders, payload: [row(1), row(2, { msisdn: '050 000 00 02'.replace('050 000 00 02', '0500000002') })] });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().created, 2);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/admin/lines', headers: adminHeaders, payload: [row(1)] });
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json().items, [{ msisdn: msisdnFor(1), outcome: 'existing' }]);
    assert.equal(await count('ledger_entries'), 2, 'the repeat wrote nothing');

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/admin/lines/${encodeURIComponent(msisdnFor(1))}`, headers: adminHeaders });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.msisdn, msisdnFor(1));
    assert.equal(body.status, 'active');
    assert.deepEqual(body.balance, { amount: 250, currency: 'AZN' });
    assert.equal(body.validUntil, '2026-12-20');
    assert.equal(body.plan, null);
    assert.equal(body.countdown.daysUntilOneWay, 25); // 26 Nov → 21 Dec
    assert.equal(body.countdown.numberLostFrom, '2027-06-19');
    const national = await t.app.inject({ method: 'GET', url: '/api/v1/admin/lines/0500000001', headers: adminHeaders });
    assert.equal(national.json().msisdn, msisdnFor(1));
  });

  test('a line provisioned already lapsed starts in its stage', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/admin/lines', headers: adminHeaders, payload: [row(3, { validUntil: '2026-10-01' })] });
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/admin/lines/${encodeURIComponent(msisdnFor(3))}`, headers: adminHeaders });
    assert.equal(res.json().status, 'suspended');
  });

  test('one bad row refuses the whole request, naming the row, and writes nothing', async () => {
    const before = await count('lines');
    // [rows, the request's code, the row's own code when it differs]
    const cases: [unknown[], string, string | undefined][] = [
      [[row(10), row(11, { msisdn: '+4915112345678' })], 'VALIDATION_FAILED', 'NOT_AZ_MOBILE'],
      [[row(10), row(11, { iccid: '8999400000000000010' })], 'VALIDATION_FAILED', 'INVALID_ICCID'],
      [[row(10), row(11, { balance: { amount: 1.5, currency: 'AZN' } })], 'VALIDATION_FAILED', undefined],
      [[row(10), row(11, { balance: { amount: -1, currency: 'AZN' } })], 'VALIDATION_FAILED', undefined],
      [[row(10), row(11, { validUntil: '2026-02-30' })], 'VALIDATION_FAILED', 'INVALID_DATE'],
      [[row(10), row(11, { validUntil: 20261201 })], 'VALIDATION_FAILED', undefined],
      [[row(10), row(11, { colour: 'red' })], 'UNKNOWN_FIELD', undefined],
      [[row(10), row(10)], 'VALIDATION_FAILED', 'VALIDATION_FAILED'],
      [[row(10), row(11, { iccid: iccidFor(1) })], 'LINE_ALREADY_EXISTS', undefined],
      [[row(10), row(1, { iccid: iccidFor(99) })], 'LINE_ALREADY_EXISTS', undefined],
      [[row(10), row(11, { planCode: 'NO_SUCH_PLAN' })], 'PLAN_NOT_FOUND', undefined],
    ];
    for (const [payload, code, rowCode] of cases) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/admin/lines', headers: adminHeaders, payload });
      const problem = res.json();
      assert.equal(problem.code, code, res.body);
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${code}: ${res.statusCode}`);
      assert.match(problem.detail, /row 2/, res.body);
      const detail = problem.errors.find((e: { row?: number }) => e.row === 2);
      assert.ok(detail, `names row 2: ${res.body}`);
      if (rowCode) assert.equal(detail.code, rowCode);
    }
    assert.equal(await count('lines'), before);
  });

  test('malformed bodies get problem+json, not a crash', async () => {
    const notJson = await t.app.inject({ method: 'POST', url: '/api/v1/admin/lines', headers: { ...adminHeaders, 'content-type': 'application/json' }, payload: '{"msisdn":' });
    assert.equal(notJson.statusCode, 400);
    assert.equal(notJson.json().code, 'MALFORMED_BODY');
    const notArray = await t.app.inject({ method: 'POST', url: '/api/v1/admin/lines', headers: adminHeaders, payload: { msisdn: '0501234567' } });
    assert.equal(notArray.statusCode, 400);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/admin/lines/0601112233', headers: adminHeaders });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().code, 'LINE_NOT_FOUND');
    const badNumber = await t.app.inject({ method: 'GET', url: '/api/v1/admin/lines/12345', headers: adminHeaders });
    assert.equal(badNumber.statusCode, 422);
  });
});

describe('top-ups', () => {
  const topUp = (key: string | undefined, amount: unknown, msisdn = msisdnFor(1)) => t.app.inject({
    method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(msisdn)}/top-ups`,
    headers: { ...adminHeaders, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { amount: typeof amount === 'number' ? { amount, currency: 'AZN' } : amount, reference: 'emanat-778812' },
  });

  test('credits the balance and buys days by the band table, once per key', async () => {
    const res = await topUp('k-1', 1000);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().daysAdded, 60);
    assert.equal(res.json().validUntil, '2027-01-25'); // 26 Nov + 60 days
    assert.deepEqual(res.json().balance, { amount: 1250, currency: 'AZN' });
    const again = await topUp('k-1', 1000);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), res.json());
    const other = await topUp('k-1', 500);
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().code, 'IDEMPOTENCY_KEY_REUSED');
    await assertLedgerBalances(t.db);
  });

  test('a top-up restores a suspended line', async () => {
    const res = await topUp('k-restore', 500, msisdnFor(3));
    assert.equal(res.json().status, 'active');
    const events = await t.db.query<{ from_status: string; to_status: string }>('select from_status, to_status from lifecycle_events where msisdn = $1', [msisdnFor(3)]);
    assert.deepEqual(events, [{ from_status: 'suspended', to_status: 'active' }]);
  });

  test('bad top-ups change nothing', async () => {
    const entries = await count('ledger_entries');
    assert.equal((await topUp(undefined, 100)).json().code, 'IDEMPOTENCY_KEY_REQUIRED');
    assert.equal((await topUp('k-2', 0)).statusCode, 400);
    assert.equal((await topUp('k-3', -100)).statusCode, 400);
    assert.equal((await topUp('k-4', 10.5)).statusCode, 400);
    assert.equal((await topUp('k-5', '100')).statusCode, 400);
    assert.equal((await topUp('k-6', { amount: 100, currency: 'USD' })).statusCode, 400);
    assert.equal((await topUp('k-7', 100, msisdnFor(9999))).statusCode, 404);
    assert.equal(await count('ledger_entries'), entries);
  });

  test('concurrent top-ups to one line serialise: no lost update', async () => {
    const before = (await t.db.query<{ balance: number }>('select balance from lines where msisdn = $1', [msisdnFor(2)]))[0]?.balance ?? 0;
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => topUp(`par-${i}`, 100, msisdnFor(2))));
    assert.ok(results.every((r) => r.statusCode === 201), results.map((r) => r.statusCode).join());
    const sameKey = await Promise.all(Array.from({ length: 20 }, () => topUp('par-same', 100, msisdnFor(2))));
    assert.equal(sameKey.filter((r) => r.statusCode === 201).length, 1);
    const after = (await t.db.query<{ balance: number }>('select balance from lines where msisdn = $1', [msisdnFor(2)]))[0]?.balance;
    assert.equal(after, before + 41 * 100);
    await assertLedgerBalances(t.db);
  });

  test('the ledger is append-only', async () => {
    await assert.rejects(t.db.query('update ledger_entries set amount = amount + 1'), /append-only/);
    await assert.rejects(t.db.query('delete from ledger_entries'), /append-only/);
  });
});

test('health, readiness and the OpenAPI document', async () => {
  assert.equal((await t.app.inject('/healthz')).statusCode, 200);
  assert.equal((await t.app.inject('/readyz')).statusCode, 200);
  const doc = (await t.app.inject('/api/v1/openapi.json')).json();
  assert.ok(doc.paths['/api/v1/admin/lines']);
  const missing = await t.app.inject('/api/v1/nothing-here');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().code, 'NOT_FOUND');
});

test('a top-up sends one confirmation SMS in the line\'s language, with a check code and no link', async () => {
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(msisdnFor(1))}/top-ups`,
    headers: { ...adminHeaders, 'idempotency-key': 'sms-1' }, payload: { amount: { amount: 250, currency: 'AZN' }, reference: 'terminal-9' },
  });
  assert.equal(res.statusCode, 201);
  await t.app.inject({
    method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(msisdnFor(1))}/top-ups`,
    headers: { ...adminHeaders, 'idempotency-key': 'sms-1' }, payload: { amount: { amount: 250, currency: 'AZN' }, reference: 'terminal-9' },
  });
  const sms = await t.db.query<{ body: string; check_code: string; kind: string }>("select body, check_code, kind from sms_outbox where dedupe_key = 'top-up:admin:sms-1'");
  assert.equal(sms.length, 1);
  assert.equal(sms[0]?.kind, 'top_up_confirmation');
  assert.match(sms[0]?.body ?? '', /2\.50 AZN/);
  assert.ok(sms[0]?.body.endsWith(sms[0].check_code));
  assert.doesNotMatch(sms[0]?.body ?? '', /https?:|www\./);
});

test('an unknown page answers a browser with HTML and an API client with problem+json', async () => {
  const page = await t.app.inject({ method: 'GET', url: '/no-such-page', headers: { accept: 'text/html,application/xhtml+xml' } });
  assert.equal(page.statusCode, 404);
  assert.match(page.headers['content-type'] ?? '', /text\/html/);
  assert.match(page.body, /href="\/"/);
  const api = await t.app.inject({ method: 'GET', url: '/api/v1/no-such', headers: { accept: 'text/html' } });
  assert.equal(api.json().code, 'NOT_FOUND');
});
