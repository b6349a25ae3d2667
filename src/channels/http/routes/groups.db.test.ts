// Family groups over the API (contract "groups"): invite → consent with the member's code (typed by
// the member or passed to the payer) → renew all in one quote; leaving, removal, limits, privacy.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieHeader, customerHeaders, latestCodeFor, otpCount, provisionTestLine, registerCustomer, signUpCustomer } from '../../../../test/helpers/customers.ts';
import { msisdnFor } from '../../../../test/helpers/factories.ts';
import { adminHeaders, buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { upsertPlans } from '../../../db/plan-repository.ts';
import { upsertPromotions } from '../../../db/promotion-repository.ts';
import { demoPlans, demoPromotions } from '../../../demo/catalog.ts';

let t: TestApp;
let payer = '';
let bob = '';
let carol = '';
const [A, M1, M2, M3, M4, M5, C] = [msisdnFor(61), msisdnFor(62), msisdnFor(63), msisdnFor(64), msisdnFor(65), msisdnFor(66), msisdnFor(67)];
let groupId = '';

before(async () => {
  t = await buildTestApp();
  await t.db.tx(async (sql) => {
    await upsertPlans(sql, demoPlans);
    await upsertPromotions(sql, demoPromotions);
  });
  payer = await signUpCustomer(t, A, 61);
  await provisionTestLine(t, M1, 62, { language: 'ru', validUntil: '2026-12-10' });
  bob = await registerCustomer(t, M1);
  // Registering in English set the line's language; its holder reads Russian.
  const ru = await t.app.inject({ method: 'PUT', url: `/api/v1/lines/${encodeURIComponent(M1)}/language`, headers: customerHeaders(bob), payload: { language: 'ru' } });
  assert.equal(ru.statusCode, 200, ru.body);
  for (const [m, n] of [[M2, 63], [M3, 64], [M4, 65], [M5, 66]] as const) await provisionTestLine(t, m, n, { validUntil: '2027-01-05' });
  carol = await signUpCustomer(t, C, 67);
});
after(async () => { await t.close(); });

const send = (method: 'POST' | 'DELETE', url: string, token: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: customerHeaders(token), remoteAddress: '198.51.100.30', ...(payload ? { payload } : {}) });
const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: cookieHeader(token) });
const member = (msisdn: string) => `/api/v1/groups/${groupId}/members/${encodeURIComponent(msisdn)}`;

describe('a payer starts a group on a family plan', () => {
  test('only a family plan makes a group', async () => {
    const single = await send('POST', '/api/v1/groups', payer, { planCode: 'SAXLA_NOMRE' });
    assert.equal(single.statusCode, 422, single.body);
    assert.equal(single.json().code, 'GROUP_PLAN_NOT_SHARED');
    const multi = await send('POST', '/api/v1/groups', payer, { planCode: 'MULTI_SIM' });
    assert.equal(multi.json().code, 'GROUP_PLAN_NOT_SHARED');
    assert.equal((await send('POST', '/api/v1/groups', payer, { planCode: 'NO_SUCH' })).statusCode, 404);
    assert.equal((await send('POST', '/api/v1/groups', payer, { planCode: 'AILE_4', extra: 1 })).statusCode, 400);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/groups', payload: { planCode: 'AILE_4' } })).statusCode, 401);
    const created = await send('POST', '/api/v1/groups', payer, { planCode: 'AILE_4', name: 'Məmmədovlar' });
    assert.equal(created.statusCode, 201, created.body);
    groupId = created.json().groupId;
    const view = await get(`/api/v1/groups/${groupId}`, payer);
    assert.equal(view.statusCode, 200);
    assert.deepEqual({ planCode: view.json().planCode, members: view.json().members, role: view.json().role, maxMembers: view.json().maxMembers },
      { planCode: 'AILE_4', members: [], role: 'payer', maxMembers: 4 });
  });
});

describe('invite and consent', () => {
  test('the invitation\'s code goes to the member\'s number in its language, saying what it is for', async () => {
    const invited = await send('POST', `/api/v1/groups/${groupId}/members`, payer, { msisdn: '0500000062' });
    assert.equal(invited.statusCode, 202, invited.body);
    assert.deepEqual(invited.json(), { msisdn: M1, status: 'invited' });
    const [sms] = await t.db.query<{ language: string; body: string }>("select language, body from sms_outbox where msisdn = $1 and kind = 'otp' order by id desc limit 1", [M1]);
    assert.equal(sms?.language, 'ru');
    assert.match(sms?.body ?? '', /Семейный/, 'the plan\'s name in the member\'s language');
    assert.ok(sms?.body.includes(A), 'names who invites');
    assert.deepEqual((await get(`/api/v1/groups/${groupId}`, payer)).json().members, [{ msisdn: M1, status: 'invited', validUntil: null }]);
  });

  test('a stranger sees nothing; the invited member sees the group', async () => {
    assert.equal((await get(`/api/v1/groups/${groupId}`, carol)).statusCode, 404);
    assert.equal((await get('/api/v1/groups/not-a-uuid', carol)).statusCode, 404);
    assert.equal((await send('POST', `/api/v1/groups/${groupId}/members`, carol, { msisdn: M3 })).statusCode, 404);
    const seen = await get(`/api/v1/groups/${groupId}`, bob);
    assert.equal(seen.statusCode, 200);
    assert.equal(seen.json().role, 'member');
    assert.equal((await send('POST', `/api/v1/groups/${groupId}/members`, bob, { msisdn: M3 })).statusCode, 403, 'only the payer invites');
  });

  test('a wrong code changes nothing; the member joins with its own code', async () => {
    const code = await latestCodeFor(t, M1);
    const wrong = await send('POST', `${member(M1)}/consent`, bob, { code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().code, 'CODE_INVALID');
    assert.equal((await get(`/api/v1/groups/${groupId}`, payer)).json().members[0].status, 'invited');
    const joined = await send('POST', `${member(M1)}/consent`, bob, { code });
    assert.equal(joined.statusCode, 200, joined.body);
    assert.deepEqual(joined.json().members, [{ msisdn: M1, status: 'active', validUntil: '2026-12-10' }]);
    const again = await send('POST', `${member(M1)}/consent`, bob, { code });
    assert.equal(again.statusCode, 409, 'nothing left to consent to');
  });

  test('the member may pass the code on: the payer types it', async () => {
    assert.equal((await send('POST', `/api/v1/groups/${groupId}/members`, payer, { msisdn: M2 })).statusCode, 202);
    const code = await latestCodeFor(t, M2);
    // Bound to the payer's account: another account holding the code cannot use it.
    assert.equal((await send('POST', `${member(M2)}/consent`, carol, { code })).statusCode, 404);
    const joined = await send('POST', `${member(M2)}/consent`, payer, { code });
    assert.equal(joined.statusCode, 200, joined.body);
    const members = joined.json().members as { msisdn: string; status: string; validUntil: string | null }[];
    assert.deepEqual(members.map((m) => [m.msisdn, m.status, m.validUntil]), [[M1, 'active', '2026-12-10'], [M2, 'active', '2027-01-05']]);
    // A member sees its own validity, not the others'.
    const asBob = (await get(`/api/v1/groups/${groupId}`, bob)).json().members as { msisdn: string; validUntil: string | null }[];
    assert.deepEqual(asBob.map((m) => m.validUntil), ['2026-12-10', null]);
  });

  test('the plan\'s count holds invitations too; a number Saxla does not serve is answered alike, with no SMS', async () => {
    const unknown = msisdnFor(9990);
    const before = await otpCount(t, unknown);
    const ghost = await send('POST', `/api/v1/groups/${groupId}/members`, payer, { msisdn: unknown });
    assert.equal(ghost.statusCode, 202);
    assert.equal(await otpCount(t, unknown), before);
    assert.equal((await send('POST', `/api/v1/groups/${groupId}/members`, payer, { msisdn: M3 })).statusCode, 202);
    const full = await send('POST', `/api/v1/groups/${groupId}/members`, payer, { msisdn: M4 });
    assert.equal(full.statusCode, 409);
    assert.equal(full.json().code, 'GROUP_FULL');
    assert.equal((await send('POST', `/api/v1/groups/${groupId}/members`, payer, { msisdn: M1 })).json().code, 'GROUP_MEMBER_CONFLICT');
    // Withdrawing an invitation frees its place.
    const withdrawn = await send('DELETE', member(unknown), payer);
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal((await send('POST', `/api/v1/groups/${groupId}/members`, payer, { msisdn: M4 })).statusCode, 202);
    assert.equal((await send('POST', `/api/v1/groups/${groupId}/members`, payer, { msisdn: 'not a number' })).statusCode, 422);
  });
});

describe('renewing all at once', () => {
  test('one quote for every active member on the group\'s plan, with the bundle discount', async () => {
    const quote = await send('POST', `/api/v1/groups/${groupId}/quotes`, payer, { months: 1 });
    assert.equal(quote.statusCode, 201, quote.body);
    const body = quote.json();
    assert.deepEqual(body.items.map((i: { msisdn: string; planCode: string }) => [i.msisdn, i.planCode]), [[M1, 'AILE_4'], [M2, 'AILE_4']]);
    assert.ok(body.discounts.some((d: { code: string }) => d.code === 'BUNDLE'), JSON.stringify(body.discounts));
    assert.equal(body.total.amount, 2 * 3000 - body.discounts.reduce((s: number, d: { amount: { amount: number } }) => s + d.amount.amount, 0));
    assert.equal((await send('POST', `/api/v1/groups/${groupId}/quotes`, bob, { months: 1 })).statusCode, 403, 'only the payer renews all');
    // The payer may quote the members' lines themselves too, but not a line of nobody's group.
    const other = await send('POST', '/api/v1/quotes', payer, { items: [{ msisdn: M1, planCode: 'AILE_4', months: 1 }, { msisdn: M5, planCode: 'AILE_4', months: 1 }] });
    assert.equal(other.statusCode, 404);
  });
});

describe('two invitations at once for the last place', () => {
  test('exactly one gets it: the group is locked while a place is taken', async () => {
    const created = await send('POST', '/api/v1/groups', payer, { planCode: 'AILE_4' });
    const id = created.json().groupId as string;
    for (const n of [9001, 9002, 9003]) assert.equal((await send('POST', `/api/v1/groups/${id}/members`, payer, { msisdn: msisdnFor(n) })).statusCode, 202);
    const racing = await Promise.all([9004, 9005].map((n) => send('POST', `/api/v1/groups/${id}/members`, payer, { msisdn: msisdnFor(n) })));
    assert.deepEqual(racing.map((r) => r.statusCode).sort(), [202, 409]);
    const members = (await get(`/api/v1/groups/${id}`, payer)).json().members as unknown[];
    assert.equal(members.length, 4);
  });
});

describe('renewing all leaves out what only a store may restore', () => {
  test('a member in quarantine is not in the quote; the others are', async () => {
    await t.db.query("update lines set status = 'quarantine' where msisdn = $1", [M2]);
    try {
      const quote = await send('POST', `/api/v1/groups/${groupId}/quotes`, payer, { months: 1 });
      assert.equal(quote.statusCode, 201, quote.body);
      assert.deepEqual(quote.json().items.map((i: { msisdn: string }) => i.msisdn), [M1]);
    } finally {
      await t.db.query("update lines set status = 'active' where msisdn = $1", [M2]);
    }
  });
});

describe('the shared data pool', () => {
  test('members\' data draws on one pool; what goes past it is charged to the line that used it; the group shows who used what', async () => {
    const usage = await t.app.inject({
      method: 'POST', url: '/api/v1/admin/usage', headers: adminHeaders,
      payload: [
        { sourceId: 'pool-1', msisdn: M1, kind: 'data', quantity: 15_000_000, unit: 'kilobyte', occurredAt: '2026-11-26T08:00:00+04:00' },
        { sourceId: 'pool-2', msisdn: M2, kind: 'data', quantity: 6_000_000, unit: 'kilobyte', occurredAt: '2026-11-26T09:00:00+04:00' },
        // Not data: the line's own packs and rates, as before.
        { sourceId: 'pool-3', msisdn: M2, kind: 'sms', quantity: 1, unit: 'message', occurredAt: '2026-11-26T09:30:00+04:00' },
      ],
    });
    assert.equal(usage.statusCode, 200, usage.body);
    const pool = (await get(`/api/v1/groups/${groupId}`, payer)).json().pool;
    // AILE_4 shares 20 GB: 20,971,520 KB.
    assert.deepEqual(pool, {
      periodStart: '2026-11-26', periodEnd: '2026-12-25', included: 20_971_520, used: 21_000_000, left: 0,
      byMember: [{ msisdn: M1, used: 15_000_000 }, { msisdn: M2, used: 6_000_000 }],
    });
    const [m1, m2] = await t.db.query<{ msisdn: string; balance: number }>('select msisdn, balance from lines where msisdn = any($1::text[]) order by msisdn', [[M1, M2]]);
    assert.equal(m1?.balance, 500, 'the first 15 GB fit the pool');
    assert.ok((m2?.balance ?? 500) < 500, 'past the pool, the second member pays for its overage');
    const [record] = await t.db.query<{ period_start: string; from_pack: number }>(
      "select to_char(period_start, 'YYYY-MM-DD') as period_start, from_pack from usage_records where source_id = 'pool-2'");
    assert.deepEqual(record, { period_start: '2026-11-26', from_pack: 20_971_520 - 15_000_000 });
    // A member's "left in your packs" shows the pool's data, the whole group's.
    const packs = await get(`/api/v1/lines/${encodeURIComponent(M1)}/usage`, bob);
    assert.equal(packs.statusCode, 200, packs.body);
    const data = (packs.json().items as { kind: string; included: number; left: number; resetsAt: string }[]).find((i) => i.kind === 'data');
    assert.deepEqual(data && { included: data.included, left: data.left, resetsAt: data.resetsAt }, { included: 20_971_520, left: 0, resetsAt: '2026-12-26T00:00:00+04:00' });
    // Resending the batch changes nothing.
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/admin/usage', headers: adminHeaders,
      payload: [{ sourceId: 'pool-1', msisdn: M1, kind: 'data', quantity: 15_000_000, unit: 'kilobyte', occurredAt: '2026-11-26T08:00:00+04:00' }] });
    assert.equal(again.json().duplicates, 1);
    assert.equal((await get(`/api/v1/groups/${groupId}`, payer)).json().pool.used, 21_000_000);
  });
});

describe('balance to a family member', () => {
  test('the payer may send balance to an active member (a code to the sending number); a stranger\'s number is refused', async () => {
    const transfer = (to: string, key: string) => t.app.inject({
      method: 'POST', url: '/api/v1/transfers', headers: { ...customerHeaders(payer), 'idempotency-key': key }, remoteAddress: '198.51.100.30',
      payload: { from: A, to, amount: { amount: 100, currency: 'AZN' } },
    });
    const asked = await transfer(M2, 'family-1');
    assert.equal(asked.statusCode, 201, asked.body);
    const done = await send('POST', `/api/v1/transfers/${asked.json().transferId}/confirm`, payer, { code: await latestCodeFor(t, A) });
    assert.equal(done.statusCode, 200, done.body);
    const [m2] = await t.db.query<{ balance: number }>('select balance from lines where msisdn = $1', [M2]);
    assert.ok((m2?.balance ?? 0) > 0);
    const stranger = await transfer(M5, 'family-2');
    assert.equal(stranger.statusCode, 422, stranger.body);
    assert.equal(stranger.json().code, 'TRANSFER_RECIPIENT_NOT_ALLOWED');
  });
});

describe('leaving and removal', () => {
  test('a member leaves and keeps its number and validity; it cannot remove others', async () => {
    assert.equal((await send('DELETE', member(M2), bob)).statusCode, 403);
    const left = await send('DELETE', member(M1), bob);
    assert.equal(left.statusCode, 200, left.body);
    assert.deepEqual(left.json(), { msisdn: M1, status: 'left', reason: 'left' });
    const line = await get(`/api/v1/lines/${encodeURIComponent(M1)}`, bob);
    assert.equal(line.json().validUntil, '2026-12-10');
    assert.equal((await get(`/api/v1/groups/${groupId}`, bob)).statusCode, 404, 'a former member no longer sees the group');
  });

  test('the payer removes a member, who is told by SMS in its line\'s language', async () => {
    const removed = await send('DELETE', member(M2), payer);
    assert.deepEqual(removed.json(), { msisdn: M2, status: 'left', reason: 'removed' });
    const [sms] = await t.db.query<{ body: string; language: string }>("select body, language from sms_outbox where msisdn = $1 and kind = 'group_notice'", [M2]);
    assert.equal(sms?.language, 'en');
    assert.match(sms?.body ?? '', /no longer in the shared Family Plan.*valid until 05\.01\.2027/);
    assert.doesNotMatch(sms?.body ?? '', /https?:|www\./);
    assert.equal((await send('DELETE', member(M2), payer)).statusCode, 404, 'already gone');
    const members = (await get(`/api/v1/groups/${groupId}`, payer)).json().members as { msisdn: string; status: string }[];
    assert.deepEqual(members.map((m) => `${m.msisdn}:${m.status}`).sort(), [`${M1}:left`, `${M2}:left`, `${M3}:invited`, `${M4}:invited`, `${msisdnFor(9990)}:left`].sort());
    const events = await t.db.query<{ event: string }>('select event from group_events where group_id = $1 order by id', [groupId]);
    assert.ok(events.map((e) => e.event).includes('removed'));
  });

  test('the payer lists its groups', async () => {
    const list = await get('/api/v1/groups', payer);
    assert.ok(list.json().items.some((g: { groupId: string }) => g.groupId === groupId));
    assert.deepEqual((await get('/api/v1/groups', carol)).json().items, []);
  });
});
