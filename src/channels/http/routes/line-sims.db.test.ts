// Multi-SIM numbers: SIMs listed by the ICCID's last 4 digits; one added online only with the code
// sent to the number (naming that SIM), or at the counter after an ID check; the plan's count
// holds; a SIM serves one number; removal recorded with who and when, audited at the counter; the
// number told by SMS each time.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieHeader, customerHeaders, latestCodeFor, provisionTestLine, registerCustomer } from '../../../../test/helpers/customers.ts';
import { iccidFor, msisdnFor } from '../../../../test/helpers/factories.ts';
import { enrolledStaff, staffForm } from '../../../../test/helpers/staff.ts';
import { buildTestApp, TEST_SECRET, testPasswordHashing, type TestApp } from '../../../../test/helpers/test-app.ts';
import { upsertPlans } from '../../../db/plan-repository.ts';
import { demoPlans } from '../../../demo/catalog.ts';
import { addSimAtCounter, removeSimAtCounter } from '../../../services/line-sims-at-counter.ts';
import { recordIdCheck } from '../../../services/record-id-check.ts';
import { seedDemoStores } from '../../../services/seed-demo-stores.ts';
import type { StaffDeps } from '../../../services/staff-auth.ts';
import type { StaffActor } from '../../../services/staff-scope.ts';

let t: TestApp;
let owner = '';
let other = '';
let deps: StaffDeps;
let agent: StaffActor;
let agentToken = '';
const [MULTI, SINGLE, OTHER] = [msisdnFor(71), msisdnFor(72), msisdnFor(73)];
const [TABLET, WATCH, SPARE] = [iccidFor(7101), iccidFor(7102), iccidFor(7103)];
const origin = { ip: '10.0.0.9', userAgent: 'test' };

before(async () => {
  t = await buildTestApp();
  await t.db.tx((sql) => upsertPlans(sql, demoPlans));
  await seedDemoStores({ db: t.db, now: t.clock.now });
  await provisionTestLine(t, MULTI, 71, { planCode: 'MULTI_SIM', language: 'az' });
  owner = await registerCustomer(t, MULTI);
  await t.app.inject({ method: 'PUT', url: `/api/v1/lines/${encodeURIComponent(MULTI)}/language`, headers: customerHeaders(owner), payload: { language: 'az' } });
  await provisionTestLine(t, SINGLE, 72, { planCode: 'SAXLA_NOMRE' });
  await provisionTestLine(t, OTHER, 73);
  other = await registerCustomer(t, OTHER);
  deps = { db: t.db, now: t.clock.now, secret: TEST_SECRET, passwordHashing: testPasswordHashing };
  const enrolled = await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000501', origin);
  agent = enrolled.actor;
  agentToken = enrolled.token;
});
after(async () => { await t.close(); });

const sims = (token: string, msisdn = MULTI) => t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(msisdn)}/sims`, headers: cookieHeader(token) });
const post = (url: string, token: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url, headers: customerHeaders(token), payload, remoteAddress: '198.51.100.40' });
const simsUrl = `/api/v1/lines/${encodeURIComponent(MULTI)}/sims`;
const notices = async (kind: string) => t.db.query<{ body: string; language: string }>('select body, language from sms_outbox where msisdn = $1 and kind = $2 order by id', [MULTI, kind]);

describe('adding a SIM online', () => {
  test('the main SIM alone at first, by its last 4 digits only', async () => {
    const res = await sims(owner);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().items, [{ simId: null, iccidLast4: iccidFor(71).slice(-4), main: true, channel: null, addedAt: null }]);
    assert.ok(!res.body.includes(iccidFor(71)), 'never the whole serial');
    assert.equal((await sims(other)).statusCode, 404, 'another customer\'s number');
  });

  test('a code to the number itself, naming the SIM; only that code adds that SIM', async () => {
    const asked = await post(simsUrl, owner, { iccid: TABLET.replace(/(\d{4})/g, '$1 ').trim() });
    assert.equal(asked.statusCode, 202, asked.body);
    const [otp] = await t.db.query<{ body: string; language: string }>("select body, language from sms_outbox where msisdn = $1 and kind = 'otp' order by id desc limit 1", [MULTI]);
    assert.equal(otp?.language, 'az');
    assert.ok(otp?.body.includes(TABLET.slice(-4)), 'the SMS names the SIM\'s last digits');
    const code = await latestCodeFor(t, MULTI);
    const wrong = await post(`${simsUrl}/verify`, owner, { code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 422);
    assert.equal((await sims(owner)).json().items.length, 1);
    const added = await post(`${simsUrl}/verify`, owner, { code });
    assert.equal(added.statusCode, 201, added.body);
    assert.deepEqual(added.json().items.map((s: { iccidLast4: string; channel: string | null }) => [s.iccidLast4, s.channel]), [[iccidFor(71).slice(-4), null], [TABLET.slice(-4), 'online']]);
    const [notice] = await notices('sim_notice');
    assert.match(notice?.body ?? '', new RegExp(`sonu ${TABLET.slice(-4)} olan SIM-kart indi`));
  });

  test('refusals: not an ICCID, a SIM already serving a number, a plan that is not multi-SIM, another account\'s number', async () => {
    assert.equal((await post(simsUrl, owner, { iccid: '1234' })).json().code, 'INVALID_ICCID');
    const inUse = await post(simsUrl, owner, { iccid: iccidFor(72) });
    assert.equal(inUse.statusCode, 409);
    assert.equal(inUse.json().code, 'ICCID_IN_USE');
    assert.equal((await post(simsUrl, owner, { iccid: TABLET })).json().code, 'ICCID_IN_USE');
    await post('/api/v1/lines/link', owner, { msisdn: SINGLE });
    await post('/api/v1/lines/link/verify', owner, { msisdn: SINGLE, code: await latestCodeFor(t, SINGLE) });
    const single = await post(`/api/v1/lines/${encodeURIComponent(SINGLE)}/sims`, owner, { iccid: SPARE });
    assert.equal(single.statusCode, 422);
    assert.equal(single.json().code, 'GROUP_PLAN_NOT_SHARED');
    assert.equal((await post(simsUrl, other, { iccid: SPARE })).statusCode, 404);
  });
});

describe('at the counter', () => {
  test('an ID check first; then the SIM is added and audited; the plan\'s count holds', async () => {
    t.clock.advanceMs(60_000);
    await assert.rejects(addSimAtCounter(deps, agent, { msisdn: MULTI, iccid: WATCH }), { code: 'ID_CHECK_REQUIRED' });
    await recordIdCheck(deps, agent, { msisdn: MULTI, documentType: 'passport', issuingCountry: 'AZE', documentNumber: 'C07654321', documentExpires: '2031-01-01' as never, iccid: iccidFor(71) });
    const after = await addSimAtCounter(deps, agent, { msisdn: MULTI, iccid: WATCH });
    assert.deepEqual(after.map((s) => s.channel), [null, 'online', 'counter']);
    const [audit] = await t.db.query<{ detail: { iccidLast4: string } }>("select detail from staff_audit_log where action = 'sim.add'");
    assert.equal(audit?.detail.iccidLast4, WATCH.slice(-4));
    // MULTI_SIM allows 3 SIMs, the main one included.
    await assert.rejects(addSimAtCounter(deps, agent, { msisdn: MULTI, iccid: SPARE }), { code: 'SIM_LIMIT_REACHED' });
    assert.equal((await post(simsUrl, owner, { iccid: SPARE })).json().code, 'SIM_LIMIT_REACHED');
  });
});

describe('removing a SIM', () => {
  test('online by the customer, at the counter by staff: recorded with who and when, the number told each time', async () => {
    const list = (await sims(owner)).json().items as { simId: string | null; iccidLast4: string }[];
    const tablet = list.find((s) => s.iccidLast4 === TABLET.slice(-4))?.simId ?? '';
    const watch = list.find((s) => s.iccidLast4 === WATCH.slice(-4))?.simId ?? '';
    assert.equal((await t.app.inject({ method: 'DELETE', url: `${simsUrl}/${tablet}`, headers: customerHeaders(other) })).statusCode, 404);
    const removed = await t.app.inject({ method: 'DELETE', url: `${simsUrl}/${tablet}`, headers: customerHeaders(owner) });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.equal(removed.json().items.length, 2);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `${simsUrl}/${tablet}`, headers: customerHeaders(owner) })).statusCode, 404, 'already gone');
    assert.equal((await t.app.inject({ method: 'DELETE', url: `${simsUrl}/not-a-uuid`, headers: customerHeaders(owner) })).statusCode, 404);
    const left = await removeSimAtCounter(deps, agent, { msisdn: MULTI, simId: watch });
    assert.equal(left.length, 1);
    const rows = await t.db.query<{ iccid: string; removed_by_customer: string | null; removed_by_staff: string | null }>(
      'select iccid, removed_by_customer, removed_by_staff from line_sims where removed_at is not null order by removed_at, iccid');
    assert.deepEqual(rows.map((r) => [r.iccid.slice(-4), r.removed_by_customer !== null, r.removed_by_staff]), [[TABLET.slice(-4), true, null], [WATCH.slice(-4), false, agent.staff.id]]);
    assert.equal((await t.db.query("select 1 from staff_audit_log where action = 'sim.remove'")).length, 1);
    assert.equal((await notices('sim_notice')).length, 4, 'two added, two removed');
    // A removed SIM may serve a number again (a minute later: one code a minute per number).
    t.clock.advanceMs(61_000);
    assert.equal((await post(simsUrl, owner, { iccid: TABLET })).statusCode, 202);
  });
});

describe('the counter\'s SIM page', () => {
  test('lists the SIMs by their last digits in the console\'s language; a refusal is shown on the page', async () => {
    const staffPage = await t.app.inject({ method: 'GET', url: `/staff/lines/${encodeURIComponent(MULTI)}/sims?lang=az`, cookies: { saxla_staff: agentToken } });
    assert.equal(staffPage.statusCode, 200, staffPage.body);
    assert.ok(staffPage.body.includes(`sonu ${iccidFor(71).slice(-4)}`));
    assert.ok(!staffPage.body.includes(iccidFor(71)), 'never the whole serial');
    const refused = await t.app.inject({
      method: 'POST', url: `/staff/lines/${encodeURIComponent(MULTI)}/sims`, headers: staffForm, cookies: { saxla_staff: agentToken },
      payload: new URLSearchParams({ iccid: '42' }).toString(),
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /INVALID_ICCID/);
    const line = await t.app.inject({ method: 'GET', url: `/staff/lines?q=${encodeURIComponent(MULTI)}`, cookies: { saxla_staff: agentToken } });
    assert.ok(line.body.includes(`/staff/lines/${encodeURIComponent(MULTI)}/sims`), 'the number\'s page links to its SIMs');
  });
});
