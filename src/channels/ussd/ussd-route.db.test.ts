import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { demoPlans, demoPromotions } from '../../demo/catalog.ts';
import { upsertPlans } from '../../db/plan-repository.ts';
import { upsertPromotions } from '../../db/promotion-repository.ts';
import { fixedClock, iccidFor, msisdnFor, policy } from '../../../test/helpers/factories.ts';
import { openTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import { ADMIN_TOKEN, adminHeaders, assertLedgerBalances, buildAppOn, TEST_SECRET, testPasswordHashing } from '../../../test/helpers/test-app.ts';

let testDb: TestDatabase;
let app: FastifyInstance;
let guarded: FastifyInstance;
let proxied: FastifyInstance;
let network: FastifyInstance;
let production: FastifyInstance;
const clock = fixedClock('2026-11-26T10:00:00+04:00');
const GATEWAY_SECRET = 'gateway-secret-0123456789';

before(async () => {
  testDb = await openTestDatabase();
  const deps = { db: testDb.db, policy, now: clock.now, adminToken: ADMIN_TOKEN, secret: TEST_SECRET, passwordHashing: testPasswordHashing };
  app = await buildAppOn(deps);
  guarded = await buildAppOn({ ...deps, ussdGatewaySecret: GATEWAY_SECRET });
  proxied = await buildAppOn(deps, { trustProxy: '127.0.0.1' });
  network = await buildAppOn(deps, { trustProxy: '10.0.0.0/8' });
  production = await buildAppOn({ ...deps, mode: 'production' });
  await testDb.db.tx(async (sql) => {
    await upsertPlans(sql, demoPlans);
    await upsertPromotions(sql, demoPromotions);
  });
  const lines = [
    { n: 1, balance: 320, validUntil: '2026-12-20', language: 'en' },
    { n: 2, balance: 5000, validUntil: '2026-11-30', language: 'en' },
    { n: 3, balance: 100, validUntil: '2026-11-30', language: 'az' },
    { n: 4, balance: 0, validUntil: '2026-07-01', language: 'en' },
    { n: 5, balance: 5000, validUntil: '2026-12-20', language: 'en' },
    { n: 6, balance: 5000, validUntil: '2026-12-20', language: 'en' },
    { n: 7, balance: 5000, validUntil: '2026-12-20', language: 'en' },
  ];
  const res = await app.inject({
    method: 'POST', url: '/api/v1/admin/lines', headers: adminHeaders,
    payload: lines.map((l) => ({ msisdn: msisdnFor(l.n), iccid: iccidFor(l.n), balance: { amount: l.balance, currency: 'AZN' }, validUntil: l.validUntil, language: l.language })),
  });
  assert.equal(res.statusCode, 201, res.body);
});
after(async () => {
  await app.close();
  await guarded.close();
  await proxied.close();
  await network.close();
  await production.close();
  await testDb.close();
});

let sessions = 0;
function newSession(): string {
  sessions += 1;
  return `ATUid_test_${sessions}`;
}

async function dial(sessionId: string, n: number, text: string, over: Record<string, string> = {}, target = app) {
  const payload = new URLSearchParams({ sessionId, serviceCode: '*101#', phoneNumber: msisdnFor(n), networkCode: '40001', text, ...over }).toString();
  const res = await target.inject({ method: 'POST', url: '/ussd', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
  return { status: res.statusCode, body: res.body, type: res.headers['content-type'] ?? '' };
}

async function lineRow(n: number) {
  const [row] = await testDb.db.query<{ balance: number; valid_until: string; language: string; status: string }>(
    'select balance, valid_until, language, status from lines where msisdn = $1', [msisdnFor(n)]);
  return row;
}
const count = async (sql: string, params: unknown[] = []) => Number((await testDb.db.query<{ n: number }>(sql, params))[0]?.n);

describe('POST /ussd', () => {
  test('*101# shows balance and validity at once, with the menu, as text/plain CON', async () => {
    const res = await dial(newSession(), 1, '');
    assert.equal(res.status, 200);
    assert.match(res.type, /^text\/plain/);
    assert.equal(res.body, 'CON Balance 3.20 AZN\nActive until 20.12.2026\n1 Renew from balance\n2 Plans and prices\n3 Last top-ups\n4 Language');
  });

  test('renewal from balance: calendar months, exactly the priced amount, SMS in the outbox; a retried final step charges once', async () => {
    const id = newSession();
    assert.match((await dial(id, 2, '')).body, /^CON Balance 50\.00 AZN/);
    assert.match((await dial(id, 2, '1')).body, /^CON Renew with plan:\n1 Keep My Number/);
    assert.match((await dial(id, 2, '1*1')).body, /^CON Keep My Number\n1 1 month 1\.50 AZN\n2 3 months 4\.50 AZN\n3 6 months 8\.10 AZN/);
    const confirm = await dial(id, 2, '1*1*2');
    // 30 November + 3 calendar months = 28 February.
    assert.equal(confirm.body, 'CON Keep My Number, 3 months\nPrice 4.50 AZN\nValid until 28.02.2027\n1 Pay from balance\n0 Back');
    const [beforePay] = await testDb.db.query<{ inputs: string; state: unknown }>('select inputs, state from ussd_sessions where session_id = $1', [id]);
    assert.equal((await lineRow(2))?.balance, 5000, 'nothing is charged before the confirmation');

    const done = await dial(id, 2, '1*1*2*1');
    assert.match(done.body, /^END Done: Keep My Number, 3 months\. Paid 4\.50 AZN\. Valid until 28\.02\.2027\. Balance 45\.50 AZN/);
    assert.deepEqual(await lineRow(2), { balance: 4550, valid_until: '2027-02-28', language: 'en', status: 'active' });
    assert.equal(await count("select count(*)::int8 as n from sms_outbox where msisdn = $1 and kind = 'renewal_confirmation'", [msisdnFor(2)]), 1);

    const retried = await dial(id, 2, '1*1*2*1');
    assert.equal(retried.body, done.body, 'the gateway retry gets the same answer');
    // Even had the session not been saved, the idempotency key ussd:<session>:<step> holds.
    await testDb.db.query('update ussd_sessions set inputs = $2, state = $3 where session_id = $1', [id, beforePay?.inputs, JSON.stringify(beforePay?.state)]);
    const replayed = await dial(id, 2, '1*1*2*1');
    assert.match(replayed.body, /^END Done: .* Valid until 28\.02\.2027/);
    assert.equal((await lineRow(2))?.balance, 4550, 'charged once');
    assert.equal(await count("select count(*)::int8 as n from ledger_entries where msisdn = $1 and kind = 'plan_charge'", [msisdnFor(2)]), 1);
    assert.equal(await count('select count(*)::int8 as n from sms_outbox where msisdn = $1', [msisdnFor(2)]), 1);
    await assertLedgerBalances(testDb.db);
  });

  test('two copies of the final step at once still charge once', async () => {
    const id = newSession();
    for (const text of ['', '1', '1*1', '1*1*1']) await dial(id, 5, text);
    const answers = await Promise.all([dial(id, 5, '1*1*1*1'), dial(id, 5, '1*1*1*1'), dial(id, 5, '1*1*1*1')]);
    for (const a of answers) assert.match(a.body, /^END Done/);
    assert.equal((await lineRow(5))?.balance, 4850);
    assert.equal(await count("select count(*)::int8 as n from ledger_entries where msisdn = $1 and kind = 'plan_charge'", [msisdnFor(5)]), 1);
  });

  test('insufficient balance ends clearly and changes nothing', async () => {
    const id = newSession();
    for (const text of ['', '1', '1*1']) await dial(id, 3, text);
    const res = await dial(id, 3, '1*1*2');
    assert.equal(res.body, 'END Balans kifayet deyil: tarif 4.50 AZN, balansiniz 1.00 AZN. Balansi artirin ve yeniden *101# yigin.');
    assert.deepEqual(await lineRow(3), { balance: 100, valid_until: '2026-11-30', language: 'az', status: 'active' });
  });

  test('last top-ups and a language change that stays on the line', async () => {
    const top = await app.inject({ method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(msisdnFor(6))}/top-ups`, headers: { ...adminHeaders, 'idempotency-key': 'ussd-test-top-up' }, payload: { amount: { amount: 1000, currency: 'AZN' }, reference: 'T-1' } });
    assert.ok(top.statusCode < 300, top.body);
    const id = newSession();
    await dial(id, 6, '');
    assert.match((await dial(id, 6, '3')).body, /^CON Last top-ups:\n26\.11\.2026 10\.00 AZN\n0 Back$/);
    await dial(id, 6, '3*0');
    assert.match((await dial(id, 6, '3*0*4')).body, /^CON Language:\n1 Azərbaycan\n2 English\n3 Русский\n4 中文/);
    assert.match((await dial(id, 6, '3*0*4*3')).body, /^CON Баланс 60\.00 AZN/);
    assert.equal((await lineRow(6))?.language, 'ru');
    assert.match((await dial(newSession(), 6, '')).body, /^CON Баланс/, 'the next session speaks Russian');
  });

  test('a quarantined line and an unknown number get a polite END', async () => {
    assert.match((await dial(newSession(), 4, '')).body, /^END This number is closed\. Restore it at a Saxla store with your ID within \d+ days\./);
    const unknown = await dial(newSession(), 999, '');
    assert.equal(unknown.status, 200);
    assert.equal(unknown.body, 'END Bu nömre Saxla ile xidmet olunmur.\nThis number is not served by Saxla.');
  });

  test('a session ends 180 s after its first input (the dial itself stores nothing)', async () => {
    const id = newSession();
    await dial(id, 7, '');
    assert.equal(await count('select count(*)::int8 as n from ussd_sessions where session_id = $1', [id]), 0, 'the first screen only reads');
    assert.match((await dial(id, 7, '2')).body, /^CON Plans, a month:/);
    clock.advanceMs(179_000);
    assert.match((await dial(id, 7, '2*0')).body, /^CON /);
    clock.advanceMs(2_000);
    assert.equal((await dial(id, 7, '2*0*1')).body, 'END This session has timed out. Please dial *101# again.');
    assert.equal(await count('select count(*)::int8 as n from ussd_sessions where session_id = $1', [id]), 0, 'the expired session is gone');
    // A new session after an old one expired sweeps it lazily.
    const stale = newSession();
    await dial(stale, 7, '');
    await dial(stale, 7, '2');
    clock.advanceMs(200_000);
    const next = newSession();
    await dial(next, 7, '');
    await dial(next, 7, '2');
    assert.equal(await count('select count(*)::int8 as n from ussd_sessions where session_id = $1', [stale]), 0);
  });
});

describe('POST /ussd refuses what is not a gateway request, and changes nothing', () => {
  test('gateway authentication: the secret when set, else loopback only', async () => {
    const id = newSession();
    const noHeader = await dial(id, 1, '', {}, guarded);
    assert.equal(noHeader.status, 403);
    assert.match(noHeader.body, /^END /);
    const payload = new URLSearchParams({ sessionId: id, serviceCode: '*101#', phoneNumber: msisdnFor(1), text: '' }).toString();
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const wrong = await guarded.inject({ method: 'POST', url: '/ussd', headers: { ...form, 'x-gateway-secret': 'nope' }, payload });
    assert.equal(wrong.statusCode, 403);
    const right = await guarded.inject({ method: 'POST', url: '/ussd', headers: { ...form, 'x-gateway-secret': GATEWAY_SECRET }, payload, remoteAddress: '203.0.113.7' });
    assert.equal(right.statusCode, 200);
    assert.match(right.body, /^CON Balance/);
    const remote = await app.inject({ method: 'POST', url: '/ussd', headers: form, payload, remoteAddress: '203.0.113.7' });
    assert.equal(remote.statusCode, 403);
    // Behind a trusted proxy on this host, the caller is who the proxy says, not the loopback socket.
    const viaProxy = await proxied.inject({ method: 'POST', url: '/ussd', headers: { ...form, 'x-forwarded-for': '203.0.113.7' }, payload, remoteAddress: '127.0.0.1' });
    assert.equal(viaProxy.statusCode, 403);
    const local = await proxied.inject({ method: 'POST', url: '/ussd', headers: form, payload, remoteAddress: '127.0.0.1' });
    assert.equal(local.statusCode, 200);
    const spoofed = await app.inject({ method: 'POST', url: '/ussd', headers: { ...form, 'x-forwarded-for': '127.0.0.1' }, payload, remoteAddress: '203.0.113.7' });
    assert.equal(spoofed.statusCode, 403, 'without TRUST_PROXY the header is ignored');
    // A proxy on this host with TRUST_PROXY unset: the socket is loopback, the caller is not.
    const sameHostProxy = await app.inject({ method: 'POST', url: '/ussd', headers: { ...form, 'x-forwarded-for': '203.0.113.7' }, payload, remoteAddress: '127.0.0.1' });
    assert.equal(sameHostProxy.statusCode, 403, 'a forwarded public caller is not local');
    // TRUST_PROXY naming a whole network, where every host could claim to be 127.0.0.1.
    const claimed = await network.inject({ method: 'POST', url: '/ussd', headers: { ...form, 'x-forwarded-for': '127.0.0.1' }, payload, remoteAddress: '10.1.2.3' });
    assert.equal(claimed.statusCode, 403, 'an address claimed through a trusted network is not loopback');
    // Production trusts no address, loopback included: only the gateway secret.
    const productionLocal = await production.inject({ method: 'POST', url: '/ussd', headers: form, payload, remoteAddress: '127.0.0.1' });
    assert.equal(productionLocal.statusCode, 403);
  });

  test('missing fields, a bad number, a 10 kB body (form or JSON): 400 with an END text', async () => {
    const before = await count('select count(*)::int8 as n from ledger_entries');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const cases = [
      new URLSearchParams({ serviceCode: '*101#', phoneNumber: msisdnFor(2), text: '' }).toString(),
      new URLSearchParams({ sessionId: 's', serviceCode: '*101#', phoneNumber: msisdnFor(2) }).toString(),
      new URLSearchParams({ sessionId: 's', serviceCode: '*101#', phoneNumber: '+4915112345678', text: '' }).toString(),
      new URLSearchParams({ sessionId: 's', serviceCode: '*101#', phoneNumber: 'abc', text: '' }).toString(),
      new URLSearchParams({ sessionId: 's', serviceCode: '*101#', phoneNumber: msisdnFor(2), text: '1*'.repeat(5000) }).toString(),
    ];
    for (const payload of cases) {
      const res = await app.inject({ method: 'POST', url: '/ussd', headers: form, payload });
      assert.equal(res.statusCode, 400, `${payload.slice(0, 80)}: ${res.body}`);
      assert.match(res.body, /^END /);
    }
    const oversized = await app.inject({ method: 'POST', url: '/ussd', payload: { sessionId: 's', serviceCode: '*101#', phoneNumber: msisdnFor(2), text: 'x'.repeat(10_000) } });
    assert.equal(oversized.statusCode, 400, 'the 2 kB limit holds for JSON bodies too');
    assert.match(oversized.body, /^END /);
    assert.equal(await count('select count(*)::int8 as n from ledger_entries'), before);
  });

  test('garbage text: invalid choice or END, never a change', async () => {
    const before = await lineRow(1);
    const id = newSession();
    await dial(id, 1, '');
    assert.match((await dial(id, 1, 'abc')).body, /^CON Invalid choice, try again:\n1 Renew/);
    assert.match((await dial(id, 1, 'abc*99999999999999999999')).body, /^CON Invalid choice/);
    assert.match((await dial(id, 1, 'abc*99999999999999999999*****')).body, /^CON Invalid choice/);
    assert.match((await dial(id, 1, '1*1*1*1')).body, /^END We did not understand that/, 'a text that rewrites the past');
    assert.match((await dial(id, 1, `${'*'.repeat(60)}`)).body, /^END /);
    // Typed ahead in one request, the confirmation is not taken as seen.
    const ahead = newSession();
    await dial(ahead, 1, '');
    assert.match((await dial(ahead, 1, '1*1*1*1')).body, /^CON Invalid choice/);
    // A first input for a dial we stored nothing for starts the session there; typed-ahead
    // steps after it are still refused, so nothing can be bought unseen.
    assert.match((await dial(newSession(), 1, '1*1*1*1')).body, /^CON Invalid choice/);
    assert.deepEqual(await lineRow(1), before);
  });
});
