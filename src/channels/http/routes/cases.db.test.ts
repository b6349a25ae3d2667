// Support cases over the API (contract "cases") and at the support desk: open with entries of one's
// own numbers only, another customer's case is 404, staff answer / ask for more / resolve with an
// SMS (no link, the line's language) in the same transaction, and the dashboard's times.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieHeader, customerHeaders, provisionTestLine, registerCustomer, signUpCustomer } from '../../../../test/helpers/customers.ts';
import { msisdnFor } from '../../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { parseIsoDate as day } from '../../../domain/calendar.ts';
import { findStaffById, insertStaff } from '../../../db/staff-repository.ts';
import { seedDemoStores } from '../../../services/seed-demo-stores.ts';
import type { StaffActor } from '../../../services/staff-scope.ts';
import { actOnSupportCase, listSupportQueue, readDeskCase, readSupportFigures } from '../../../services/support-desk.ts';

let t: TestApp;
let ann = '';
let bob = '';
const [A, B] = [msisdnFor(71), msisdnFor(72)];
let support: StaffActor;
let agent: StaffActor;
let caseId = '';

async function actor(id: string, role: 'support' | 'agent'): Promise<StaffActor> {
  await t.db.tx((sql) => insertStaff(sql, { id, role, storeId: 'baku-28-may', phone: role === 'support' ? '+994700000171' : '+994700000172', name: `Test ${role}`, passwordHash: 'x', totpSecretSealed: 'x' }, new Date(t.clock.now())));
  const staff = await findStaffById(t.db, id);
  assert.ok(staff);
  return { staff, origin: { ip: '127.0.0.1', userAgent: 'test' } };
}

before(async () => {
  t = await buildTestApp();
  await seedDemoStores({ db: t.db, now: t.clock.now });
  await provisionTestLine(t, A, 71, { language: 'ru' });
  ann = await registerCustomer(t, A);
  // Registering in English set the line's language; its holder reads Russian SMS.
  const ru = await t.app.inject({ method: 'PUT', url: `/api/v1/lines/${encodeURIComponent(A)}/language`, headers: customerHeaders(ann), payload: { language: 'ru' } });
  assert.equal(ru.statusCode, 200, ru.body);
  bob = await signUpCustomer(t, B, 72);
  support = await actor('stf_support_1', 'support');
  agent = await actor('stf_agent_1', 'agent');
});
after(async () => { await t.close(); });

const post = (url: string, token: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: customerHeaders(token), remoteAddress: '198.51.100.40', payload });
const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: cookieHeader(token) });
const deps = () => ({ db: t.db, now: t.clock.now });

async function firstEntryId(msisdn: string, token: string): Promise<string> {
  const statement = await get(`/api/v1/lines/${encodeURIComponent(msisdn)}/statement?from=2026-11-01&to=2026-11-30`, token);
  assert.equal(statement.statusCode, 200, statement.body);
  const entries = (statement.json() as { entries: { id: string }[] }).entries;
  const first = entries[0];
  assert.ok(first, 'the provisioned line has an opening entry');
  assert.match(first.id, /^\d+$/);
  return first.id;
}

describe('a customer opens a case', () => {
  test('bad input is 400 or 404 and opens nothing; without a session 401', async () => {
    assert.equal((await post('/api/v1/cases', ann, { category: 'weather', text: 'hi' })).statusCode, 400);
    assert.equal((await post('/api/v1/cases', ann, { category: 'billing', text: '   ' })).statusCode, 400);
    assert.equal((await post('/api/v1/cases', ann, { category: 'billing', text: 'x'.repeat(2001) })).statusCode, 400);
    assert.equal((await post('/api/v1/cases', ann, { category: 'billing', text: 'hi', msisdn: B })).statusCode, 404, 'another account\'s number');
    const bobsEntry = await firstEntryId(B, bob);
    const foreign = await post('/api/v1/cases', ann, { category: 'billing', text: 'hi', entryIds: [bobsEntry] });
    assert.equal(foreign.statusCode, 404, foreign.body);
    assert.equal((await post('/api/v1/cases', ann, { category: 'billing', text: 'hi', entryIds: ['abc'] })).statusCode, 400);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/cases', payload: { category: 'other', text: 'hi' } })).statusCode, 401);
    assert.deepEqual((await get('/api/v1/cases', ann)).json(), { items: [] });
  });

  test('with a number and an entry of it: open, listed, readable by its owner only', async () => {
    const entryId = await firstEntryId(A, ann);
    const opened = await post('/api/v1/cases', ann, { msisdn: A, category: 'billing', text: '  This charge looks wrong.  ', entryIds: [entryId, entryId] });
    assert.equal(opened.statusCode, 201, opened.body);
    caseId = opened.json().caseId;
    assert.equal(opened.json().status, 'open');
    assert.match(opened.json().ref, /^S-[0-9A-F]{8}$/);
    const list = await get('/api/v1/cases', ann);
    assert.deepEqual(list.json().items.map((c: { caseId: string }) => c.caseId), [caseId]);
    const one = await get(`/api/v1/cases/${caseId}`, ann);
    assert.equal(one.statusCode, 200);
    assert.deepEqual(one.json().messages.map((m: { from: string; text: string }) => [m.from, m.text]), [['customer', 'This charge looks wrong.']]);
    assert.deepEqual(one.json().entries.map((e: { id: string }) => e.id), [entryId]);
    assert.equal((await get(`/api/v1/cases/${caseId}`, bob)).statusCode, 404);
    assert.equal((await get('/api/v1/cases/not-a-uuid', ann)).statusCode, 404);
    assert.equal((await post(`/api/v1/cases/${caseId}/messages`, bob, { text: 'me too' })).statusCode, 404);
    assert.deepEqual((await get('/api/v1/cases', bob)).json(), { items: [] });
  });
});

describe('the support desk', () => {
  test('only support staff (and admins) see the queue; agents are refused', async () => {
    await assert.rejects(listSupportQueue(deps(), agent), { code: 'FORBIDDEN' });
    await assert.rejects(actOnSupportCase(deps(), agent, caseId, 'answer', 'x'), { code: 'FORBIDDEN' });
    const queue = await listSupportQueue(deps(), support);
    assert.deepEqual(queue.map((c) => c.caseId), [caseId]);
  });

  test('asking for more, the customer\'s reply, the answer and the resolution; each staff step sends one SMS without a link', async () => {
    t.clock.advanceMs(20 * 60_000);
    await actOnSupportCase(deps(), support, caseId, 'more_info', 'Which day was it?');
    assert.equal((await get(`/api/v1/cases/${caseId}`, ann)).json().status, 'answered');
    const replied = await post(`/api/v1/cases/${caseId}/messages`, ann, { text: 'The 20th.' });
    assert.equal(replied.statusCode, 200, replied.body);
    assert.equal(replied.json().status, 'open');
    t.clock.advanceMs(20 * 60_000);
    await actOnSupportCase(deps(), support, caseId, 'resolution', 'We refunded the charge.');
    const desk = await readDeskCase(deps(), support, caseId);
    assert.equal(desk.status, 'resolved');
    assert.equal(desk.notifies, A);
    assert.deepEqual(desk.messages.map((m) => m.kind), ['text', 'more_info', 'text', 'resolution']);
    const closed = await post(`/api/v1/cases/${caseId}/messages`, ann, { text: 'thanks' });
    assert.equal(closed.statusCode, 409);
    assert.equal(closed.json().code, 'CASE_CLOSED');
    await assert.rejects(actOnSupportCase(deps(), support, caseId, 'answer', 'again'), { code: 'CASE_CLOSED' });
    const sms = await t.db.query<{ body: string; language: string }>(`select body, language from sms_outbox where kind = 'support_notice' and msisdn = $1 order by id`, [A]);
    assert.equal(sms.length, 2);
    for (const m of sms) {
      assert.equal(m.language, 'ru');
      assert.match(m.body, /S-[0-9A-F]{8}/);
      assert.doesNotMatch(m.body, /https?:|www\.|\.az\b/);
    }
    assert.match(sms[1]?.body ?? '', /решено/);
    assert.deepEqual(await listSupportQueue(deps(), support), []);
  });

  test('the dashboard: first answer after 20 minutes, resolved after 40', async () => {
    const figures = await readSupportFigures(deps(), support, day('2026-11-26'), day('2026-11-26'));
    assert.equal(figures.opened, 1);
    assert.equal(figures.resolved, 1);
    assert.equal(figures.medianFirstAnswerMs, 20 * 60_000);
    assert.equal(figures.medianResolutionMs, 40 * 60_000);
    await assert.rejects(readSupportFigures(deps(), agent, day('2026-11-26'), day('2026-11-26')), { code: 'FORBIDDEN' });
    assert.equal((await readSupportFigures(deps(), support, day('2026-11-27'), day('2026-11-27'))).opened, 0);
  });
});
