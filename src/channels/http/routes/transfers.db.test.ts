import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { msisdnFor } from '../../../../test/helpers/factories.ts';
import { cookieHeader, customerHeaders, latestCodeFor, provisionTestLine, registerCustomer } from '../../../../test/helpers/customers.ts';
import { assertLedgerBalances, buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
let alice = '';
let bob = '';
// Alice signs in with A and has linked B and C; Bob signs in with D.
const [A, B, C, D] = [msisdnFor(11), msisdnFor(12), msisdnFor(13), msisdnFor(14)];
const address = '198.51.100.30';

const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: cookieHeader(token) });
const post = (url: string, token: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...customerHeaders(token), ...headers }, payload, remoteAddress: address });
const azn = (amount: number) => ({ amount, currency: 'AZN' });

async function link(token: string, msisdn: string): Promise<void> {
  assert.equal((await post('/api/v1/lines/link', token, { msisdn })).statusCode, 202);
  const res = await post('/api/v1/lines/link/verify', token, { msisdn, code: await latestCodeFor(t, msisdn) });
  assert.equal(res.statusCode, 201, res.body);
}

async function balanceOf(msisdn: string): Promise<number> {
  const [row] = await t.db.query<{ balance: number }>('select balance from lines where msisdn = $1', [msisdn]);
  return row?.balance ?? -1;
}

let keys = 0;
/** Asks for a transfer and confirms it with the code the sending line received. */
async function transfer(from: string, to: string, amount: number, token = alice) {
  const asked = await post('/api/v1/transfers', token, { from, to, amount: azn(amount) }, { 'idempotency-key': `k-${++keys}` });
  if (asked.statusCode !== 201) return asked;
  return post(`/api/v1/transfers/${asked.json().transferId}/confirm`, token, { code: await latestCodeFor(t, from) });
}

before(async () => {
  // Late evening in Baku, so the daily cap's new day comes without sessions going idle.
  t = await buildTestApp('2026-11-26T23:40:00+04:00');
  await provisionTestLine(t, A, 11, { balance: azn(10_000) });
  await provisionTestLine(t, B, 12, { balance: azn(10_000), language: 'zh' });
  await provisionTestLine(t, C, 13, { balance: azn(500) });
  await provisionTestLine(t, D, 14);
  alice = await registerCustomer(t, A, { address });
  bob = await registerCustomer(t, D, { address: '198.51.100.31' });
  t.clock.advanceMs(61_000);
  await link(alice, B);
  t.clock.advanceMs(61_000);
  await link(alice, C);
});
after(async () => { await t.close(); });

describe('balance transfer between the account\'s own lines', () => {
  test('asked, confirmed by the code sent to the sending line; both lines get an SMS; the ledger explains both balances', async () => {
    const asked = await post('/api/v1/transfers', alice, { from: A, to: '0500000012', amount: azn(250) }, { 'idempotency-key': 'first' });
    assert.equal(asked.statusCode, 201, asked.body);
    assert.equal(asked.json().status, 'pending_code');
    assert.equal(asked.json().to, B, 'answers in E.164');
    assert.equal(await balanceOf(A), 10_000, 'nothing moves before the code');
    const [codeSms] = await t.db.query<{ body: string }>("select body from sms_outbox where msisdn = $1 and kind = 'otp' order by id desc limit 1", [A]);
    assert.match(codeSms?.body ?? '', /2\.50 AZN/, 'the code names what it confirms');
    assert.match(codeSms?.body ?? '', new RegExp(B.replace('+', '\\+')));

    const again = await post('/api/v1/transfers', alice, { from: A, to: B, amount: azn(250) }, { 'idempotency-key': 'first' });
    assert.equal(again.json().transferId, asked.json().transferId, 'same key, same body: the same transfer');
    const other = await post('/api/v1/transfers', alice, { from: A, to: B, amount: azn(300) }, { 'idempotency-key': 'first' });
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().code, 'IDEMPOTENCY_KEY_REUSED');

    const url = `/api/v1/transfers/${asked.json().transferId}/confirm`;
    const code = await latestCodeFor(t, A);
    const wrong = await post(url, alice, { code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().code, 'CODE_INVALID');
    const stolen = await post(url, bob, { code });
    assert.equal(stolen.statusCode, 404, 'another account cannot see or confirm it');
    const done = await post(url, alice, { code });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().status, 'completed');
    assert.deepEqual([await balanceOf(A), await balanceOf(B)], [9_750, 10_250]);

    const replay = await post(url, alice, { code });
    assert.equal(replay.statusCode, 200, 'confirming again answers the completed transfer');
    assert.deepEqual([await balanceOf(A), await balanceOf(B)], [9_750, 10_250], 'and moves nothing twice');

    const sms = await t.db.query<{ msisdn: string; language: string; body: string }>(
      "select msisdn, language, body from sms_outbox where kind = 'transfer_confirmation' order by id",
    );
    assert.deepEqual(sms.map((s) => [s.msisdn, s.language]), [[A, 'en'], [B, 'zh']], 'each line in its own language');
    assert.match(sms[1]?.body ?? '', /2\.50 AZN/);
    await assertLedgerBalances(t.db);

    const statement = await get(`/api/v1/lines/${encodeURIComponent(B)}/statement?from=2026-11-26&to=2026-11-26&format=json&lang=en`, alice);
    assert.equal(statement.statusCode, 200, statement.body);
    const entry = statement.json().entries.find((e: { kind: string }) => e.kind === 'transfer_in');
    assert.equal(entry?.description, `Received from ${A}`);
  });

  test('the same key sent three times at once: one transfer, one code', async () => {
    const codes = async () => (await t.db.query("select 1 from sms_outbox where kind = 'otp' and msisdn = $1", [B])).length;
    const before = await codes();
    const answers = await Promise.all([1, 2, 3].map(() => post('/api/v1/transfers', alice, { from: B, to: A, amount: azn(100) }, { 'idempotency-key': 'at-once' })));
    assert.deepEqual(answers.map((a) => a.statusCode), [201, 201, 201], answers.map((a) => a.body).join('\n'));
    assert.equal(new Set(answers.map((a) => a.json().transferId)).size, 1);
    assert.equal(await codes(), before + 1);
  });

  test('the policy\'s limits: minimum amount, minimum left behind, more than the balance, the daily cap', async () => {
    const below = await transfer(A, B, 50);
    assert.equal(below.json().code, 'TRANSFER_BELOW_MINIMUM');
    const tooMuch = await transfer(C, A, 450);
    assert.equal(tooMuch.statusCode, 422);
    assert.equal(tooMuch.json().code, 'TRANSFER_LEAVES_TOO_LITTLE', 'C has 5 AZN and must keep 1 AZN');
    assert.equal((await transfer(C, A, 600)).json().code, 'INSUFFICIENT_BALANCE');
    assert.equal((await transfer(C, A, 400)).statusCode, 200, 'exactly the minimum left behind is fine');
    assert.equal(await balanceOf(C), 100);

    // A sent 2.50 today; the daily cap is 50 AZN per sending line.
    const allowance = await get(`/api/v1/transfers/allowance?from=${encodeURIComponent(A)}`, alice);
    assert.deepEqual(allowance.json().sentToday, azn(250));
    assert.deepEqual(allowance.json().mostNow, azn(4_750));
    const overCap = await transfer(A, B, 4_751);
    assert.equal(overCap.json().code, 'TRANSFER_DAILY_CAP');
    assert.equal((await transfer(A, B, 4_750)).statusCode, 200);
    assert.equal((await transfer(A, B, 100)).json().code, 'TRANSFER_DAILY_CAP');
    t.clock.set('2026-11-27T00:00:30+04:00');
    assert.equal((await transfer(A, B, 100)).statusCode, 200, 'a new Baku day, a new cap');
    await assertLedgerBalances(t.db);
  });

  test('only to the account\'s own lines; the same line, or a stranger\'s line, is refused without a code', async () => {
    const sent = await t.db.query("select 1 from sms_outbox where kind = 'otp' and msisdn = $1", [A]);
    assert.equal((await transfer(A, D, 100)).json().code, 'TRANSFER_RECIPIENT_NOT_ALLOWED');
    assert.equal((await transfer(A, msisdnFor(9_999), 100)).json().code, 'TRANSFER_RECIPIENT_NOT_ALLOWED');
    assert.equal((await transfer(A, A, 100)).json().code, 'TRANSFER_SAME_LINE');
    assert.equal((await transfer(D, B, 100)).statusCode, 404, 'from a line not on the account: not found');
    assert.equal((await t.db.query("select 1 from sms_outbox where kind = 'otp' and msisdn = $1", [A])).length, sent.length, 'no code for a refusal');
    const noKey = await post('/api/v1/transfers', alice, { from: A, to: B, amount: azn(100) });
    assert.equal(noKey.json().code, 'IDEMPOTENCY_KEY_REQUIRED');
    const float = await post('/api/v1/transfers', alice, { from: A, to: B, amount: azn(1.5) }, { 'idempotency-key': 'float' });
    assert.equal(float.statusCode, 400, 'qəpik are whole');
  });

  test('a code expires after 10 minutes, and 5 wrong codes end the transfer', async () => {
    const asked = await post('/api/v1/transfers', alice, { from: B, to: A, amount: azn(100) }, { 'idempotency-key': 'late' });
    const code = await latestCodeFor(t, B);
    t.clock.advanceMs(10 * 60 * 1000 + 1);
    assert.equal((await post(`/api/v1/transfers/${asked.json().transferId}/confirm`, alice, { code })).json().code, 'CODE_EXPIRED');

    const next = await post('/api/v1/transfers', alice, { from: B, to: A, amount: azn(100) }, { 'idempotency-key': 'guessed' });
    const right = await latestCodeFor(t, B);
    const url = `/api/v1/transfers/${next.json().transferId}/confirm`;
    let last = '';
    for (let i = 0; i < 5; i++) last = (await post(url, alice, { code: String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0') })).json().code;
    assert.equal(last, 'CODE_TOO_MANY_ATTEMPTS');
    assert.equal((await post(url, alice, { code: right })).json().code, 'CODE_TOO_MANY_ATTEMPTS', 'even the right code is too late now');
    await assertLedgerBalances(t.db);
  });

  test('A→B and B→A confirmed at the same moment: both go through, no deadlock, the ledger holds', async () => {
    const before = (await balanceOf(A)) + (await balanceOf(B));
    const ab = await post('/api/v1/transfers', alice, { from: A, to: B, amount: azn(100) }, { 'idempotency-key': 'ab' });
    const abCode = await latestCodeFor(t, A);
    const ba = await post('/api/v1/transfers', alice, { from: B, to: A, amount: azn(300) }, { 'idempotency-key': 'ba' });
    const baCode = await latestCodeFor(t, B);
    const results = await Promise.all(Array.from({ length: 3 }, () => [
      post(`/api/v1/transfers/${ab.json().transferId}/confirm`, alice, { code: abCode }),
      post(`/api/v1/transfers/${ba.json().transferId}/confirm`, alice, { code: baCode }),
    ]).flat());
    assert.deepEqual(results.map((r) => r.statusCode), [200, 200, 200, 200, 200, 200], results.map((r) => r.body).join('\n'));
    assert.equal((await balanceOf(A)) + (await balanceOf(B)), before, 'money is neither made nor lost');
    const ops = await t.db.query("select 1 from ledger_operations where reference in ($1, $2)", [`transfer:${ab.json().transferId}`, `transfer:${ba.json().transferId}`]);
    assert.equal(ops.length, 4, 'one operation per line and transfer, whatever the retries');
    await assertLedgerBalances(t.db);
  });
});

describe('removing a linked line', () => {
  test('a linked line can be removed (audited); the login line cannot; another account\'s line is not found', async () => {
    const login = await t.app.inject({ method: 'DELETE', url: `/api/v1/lines/${encodeURIComponent(A)}/link`, headers: customerHeaders(alice), remoteAddress: address });
    assert.equal(login.statusCode, 409);
    assert.equal(login.json().code, 'LOGIN_LINE_NOT_REMOVABLE');
    const foreign = await t.app.inject({ method: 'DELETE', url: `/api/v1/lines/${encodeURIComponent(D)}/link`, headers: customerHeaders(alice), remoteAddress: address });
    assert.equal(foreign.statusCode, 404);
    const removed = await t.app.inject({ method: 'DELETE', url: '/api/v1/lines/0500000013/link', headers: customerHeaders(alice), remoteAddress: address });
    assert.equal(removed.statusCode, 204, removed.body);
    const items = (await get('/api/v1/lines', alice)).json().items.map((l: { msisdn: string }) => l.msisdn);
    assert.deepEqual(items, [A, B]);
    assert.equal((await get(`/api/v1/lines/${encodeURIComponent(C)}`, alice)).statusCode, 404);
    const audit = await t.db.query<{ msisdn: string; address_hash: string }>('select msisdn, address_hash from customer_line_removals');
    assert.deepEqual(audit.map((a) => a.msisdn), [C]);
    assert.ok(audit[0] && !audit[0].address_hash.includes('198.51'), 'the address only as an HMAC');
    assert.equal((await transfer(A, C, 100)).json().code, 'TRANSFER_RECIPIENT_NOT_ALLOWED', 'a removed line receives no more');
    assert.equal(await balanceOf(C), 100, 'the line keeps its balance');
    // Linked again with a new code: it is back.
    t.clock.advanceMs(61_000);
    await link(alice, C);
    assert.equal((await get(`/api/v1/lines/${encodeURIComponent(C)}`, alice)).statusCode, 200);
  });
});
