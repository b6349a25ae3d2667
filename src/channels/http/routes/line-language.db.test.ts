// One language per line (issue 11): chosen at sign-up, changed with PUT /api/v1/lines/{msisdn}/language
// by any account holding the line (the last choice wins, logged with who and when), and the line
// view naming its plan in the reader's language. On PGlite and (SAXLA_TEST_DB=postgres) PostgreSQL.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { upsertPlans } from '../../../db/plan-repository.ts';
import { demoPlans } from '../../../demo/catalog.ts';
import { msisdnFor } from '../../../../test/helpers/factories.ts';
import {
  TEST_PASSWORD, cookieHeader, customerHeaders, latestCodeFor, provisionTestLine, registerCustomer, sameOriginHeaders, sessionCookieOf,
} from '../../../../test/helpers/customers.ts';
import { adminHeaders, buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
const [ZH, ALICE, BOB, SHARED, STRANGER] = [msisdnFor(11), msisdnFor(12), msisdnFor(13), msisdnFor(14), msisdnFor(15)];
let alice = '';
let bob = '';
let zh = '';

async function signUp(msisdn: string, language: string, address: string): Promise<string> {
  const reg = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', headers: sameOriginHeaders, remoteAddress: address, payload: { phone: msisdn, language } });
  assert.equal(reg.statusCode, 202, reg.body);
  const verify = await t.app.inject({
    method: 'POST', url: '/api/v1/auth/verify', headers: sameOriginHeaders, remoteAddress: address,
    payload: { phone: msisdn, code: await latestCodeFor(t, msisdn), password: TEST_PASSWORD },
  });
  assert.equal(verify.statusCode, 200, verify.body);
  const cookie = sessionCookieOf(verify);
  assert.ok(cookie);
  return cookie.value;
}

const adminView = async (msisdn: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/admin/lines/${encodeURIComponent(msisdn)}`, headers: adminHeaders })).json();
const lineOf = (msisdn: string, token: string, query = '') => t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(msisdn)}${query}`, headers: cookieHeader(token) });
const putLanguage = (msisdn: string, token: string, payload: unknown, headers: Record<string, string> = customerHeaders(token)) =>
  t.app.inject({ method: 'PUT', url: `/api/v1/lines/${encodeURIComponent(msisdn)}/language`, headers, payload: payload as Record<string, unknown> });
const lineLanguage = async (msisdn: string) => (await t.db.query<{ language: string }>('select language from lines where msisdn = $1', [msisdn]))[0]?.language;
const changes = (msisdn: string) => t.db.query<{ language: string; previous_language: string; source: string; customer_id: string | null }>(
  'select language, previous_language, source, customer_id from line_language_changes where msisdn = $1 order by id', [msisdn]);

before(async () => {
  t = await buildTestApp();
  await t.db.tx((sql) => upsertPlans(sql, demoPlans));
  await provisionTestLine(t, ZH, 11, { language: 'en', planCode: 'ECNEBI_PAKET' });
  await provisionTestLine(t, ALICE, 12, { language: 'en', planCode: 'SAXLA_NOMRE' });
  await provisionTestLine(t, BOB, 13, { language: 'en' });
  await provisionTestLine(t, SHARED, 14, { language: 'az', planCode: 'SAXLA_NOMRE' });
  await provisionTestLine(t, STRANGER, 15, { language: 'en' });
  alice = await registerCustomer(t, ALICE, { address: '198.51.100.31' });
  bob = await registerCustomer(t, BOB, { address: '198.51.100.32' });
  // Both accounts hold the shared line (a family number both parents manage).
  await t.db.query(
    `insert into customer_lines (customer_id, msisdn, is_login, verified_at)
     select customer_id, $2, false, now() from customer_lines where msisdn in ($1, $3) and is_login`,
    [ALICE, SHARED, BOB],
  );
});
after(async () => { await t.close(); });

describe('the language chosen at sign-up', () => {
  test('becomes the line\'s: the operator API, the customer API and the change log say zh', async () => {
    assert.equal((await adminView(ZH)).language, 'en', 'provisioned in English');
    zh = await signUp(ZH, 'zh', '198.51.100.30');
    assert.equal(await lineLanguage(ZH), 'zh');
    assert.equal((await adminView(ZH)).language, 'zh');
    const view = (await lineOf(ZH, zh)).json();
    assert.equal(view.language, 'zh');
    const [change, ...more] = await changes(ZH);
    assert.deepEqual(more, []);
    assert.equal(change?.source, 'sign_up');
    assert.equal(change?.previous_language, 'en');
    assert.ok(change?.customer_id, 'who chose it');
  });

  test('the sign-up code itself went in the line\'s language of the time: a stranger cannot pick it', async () => {
    const [code] = await t.db.query<{ language: string }>("select language from sms_outbox where msisdn = $1 and kind = 'otp'", [ZH]);
    assert.equal(code?.language, 'en');
  });
});

describe('the line view names the plan', () => {
  test('planName in the session\'s language by default, in ?lang= when asked; the code stays in plan', async () => {
    const session = (await lineOf(ZH, zh)).json();
    assert.equal(session.plan, 'ECNEBI_PAKET');
    assert.equal(session.planName, demoPlans.find((p) => p.code === 'ECNEBI_PAKET')?.texts.zh.name, 'the account chose Chinese');
    const inTurkish = (await lineOf(ALICE, alice, '?lang=tr')).json();
    assert.equal(inTurkish.planName, 'Numaramı Koru');
    assert.equal((await lineOf(ALICE, alice)).json().planName, 'Keep My Number');
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/lines?lang=az', headers: cookieHeader(alice) })).json();
    assert.deepEqual(list.items.map((l: { planName: string | null; language: string }) => [l.planName, l.language]), [['Saxla Nömrə', 'en'], ['Saxla Nömrə', 'az']]);
    assert.equal((await lineOf(BOB, bob)).json().planName, null, 'no plan, no name');
    assert.equal((await lineOf(ALICE, alice, '?lang=fr')).statusCode, 400);
  });
});

describe('PUT /api/v1/lines/{msisdn}/language', () => {
  test('own line: 200 with the line view; the line and the log change', async () => {
    const res = await putLanguage(ALICE, alice, { language: 'tr' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().language, 'tr');
    assert.equal(res.json().msisdn, ALICE);
    assert.equal(await lineLanguage(ALICE), 'tr');
    assert.equal((await adminView(ALICE)).language, 'tr');
    // Signed up in English on an English line: that choice changed nothing, so only this one is logged.
    assert.deepEqual((await changes(ALICE)).map((c) => [c.source, c.previous_language, c.language]), [['account', 'en', 'tr']]);
    const national = await putLanguage('0500000012', alice, { language: 'tr' });
    assert.equal(national.statusCode, 200, 'the national form works too; the same choice logs nothing');
    assert.equal((await changes(ALICE)).length, 1);
  });

  test('another customer\'s line, an unlinked line and an unknown number: 404 alike, nothing changes', async () => {
    for (const msisdn of [BOB, STRANGER, msisdnFor(9999)]) {
      const res = await putLanguage(msisdn, alice, { language: 'ru' });
      assert.equal(res.statusCode, 404, res.body);
      assert.equal(res.json().code, 'LINE_NOT_FOUND');
    }
    assert.equal(await lineLanguage(BOB), 'en');
    assert.equal(await lineLanguage(STRANGER), 'en');
    assert.deepEqual(await changes(STRANGER), []);
  });

  test('a bad language or body: 400, nothing changes', async () => {
    for (const payload of [{ language: 'fr' }, { language: 'ZH' }, {}, { language: 'zh', extra: 1 }, { language: 7 }]) {
      const res = await putLanguage(ALICE, alice, payload);
      assert.equal(res.statusCode, 400, `${JSON.stringify(payload)}: ${res.body}`);
    }
    assert.equal(await lineLanguage(ALICE), 'tr');
  });

  test('without a session 401; from another site 403', async () => {
    assert.equal((await t.app.inject({ method: 'PUT', url: `/api/v1/lines/${encodeURIComponent(ALICE)}/language`, headers: sameOriginHeaders, payload: { language: 'az' } })).statusCode, 401);
    const foreign = await putLanguage(ALICE, alice, { language: 'az' }, { ...cookieHeader(alice), origin: 'https://evil.example' });
    assert.equal(foreign.statusCode, 403);
    assert.equal(await lineLanguage(ALICE), 'tr');
  });

  test('two accounts on one line: the last choice wins, each logged with who made it', async () => {
    assert.equal((await putLanguage(SHARED, alice, { language: 'zh' })).statusCode, 200);
    assert.equal((await putLanguage(SHARED, bob, { language: 'ru' })).statusCode, 200);
    assert.equal(await lineLanguage(SHARED), 'ru');
    assert.equal((await lineOf(SHARED, alice)).json().language, 'ru', 'alice sees bob\'s choice');
    const [aliceId, bobId] = await Promise.all([ALICE, BOB].map(async (m) =>
      (await t.db.query<{ customer_id: string }>('select customer_id from customer_lines where msisdn = $1 and is_login', [m]))[0]?.customer_id));
    assert.deepEqual((await changes(SHARED)).map((c) => [c.source, c.customer_id, c.previous_language, c.language]), [
      ['account', aliceId, 'az', 'zh'],
      ['account', bobId, 'zh', 'ru'],
    ]);
    // Each account keeps its own page language: the plan is named in the session's.
    assert.equal((await lineOf(SHARED, alice)).json().planName, 'Keep My Number');
  });
});

test('the OpenAPI document describes the language path and the line view\'s new fields', async () => {
  const doc = (await t.app.inject('/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, { enum?: string[] }> } }> }; responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }> }>>;
  };
  const put = doc.paths['/api/v1/lines/{msisdn}/language']?.put;
  assert.ok(put, 'PUT /api/v1/lines/{msisdn}/language is documented');
  assert.deepEqual(put.requestBody?.content['application/json']?.schema.properties.language?.enum, ['az', 'en', 'ru', 'zh', 'tr']);
  const view = doc.paths['/api/v1/lines/{msisdn}']?.get?.responses['200']?.content?.['application/json']?.schema.properties ?? {};
  assert.ok('planName' in view && 'language' in view, JSON.stringify(Object.keys(view)));
});
