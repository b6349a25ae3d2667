// The History and Settings pages over inject (the browser tests cover a11y and screenshots):
// the ledger with locale formats and downloads, a period form without JavaScript, reminder choices.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { customerHeaders, cookieHeader, signUpCustomer } from '../../../test/helpers/customers.ts';
import { msisdnFor, policy } from '../../../test/helpers/factories.ts';
import { ADMIN_TOKEN, adminHeaders, buildAppOn, buildTestApp, TEST_SECRET, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
let token = '';
const LINE = msisdnFor(61);
before(async () => {
  t = await buildTestApp('2026-11-26T10:00:00+04:00');
  token = await signUpCustomer(t, LINE, 61);
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(LINE)}/top-ups`, headers: { ...adminHeaders, 'idempotency-key': 'page-1' },
    payload: { amount: { amount: 125050, currency: 'AZN' }, reference: '<b>kassa</b>' },
  });
  assert.equal(res.statusCode, 201, res.body);
});
after(async () => { await t.close(); });

const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { ...cookieHeader(token), accept: 'text/html' } });
const form = (url: string, body: string) => t.app.inject({
  method: 'POST', url, headers: { ...customerHeaders(token), 'content-type': 'application/x-www-form-urlencoded' }, payload: body,
});

test('History: each entry with the balance after it, formatted per language, with CSV and PDF links for the same period', async () => {
  const az = await page(`/lines/${encodeURIComponent(LINE)}/history?lang=az`);
  assert.equal(az.statusCode, 200, az.body);
  assert.match(az.body, /Balans artırma/);
  assert.match(az.body, /1\u00a0250,50\u00a0₼/, 'the top-up in az format');
  assert.match(az.body, /1\u00a0255,50\u00a0₼/, 'the balance after it');
  assert.match(az.body, /26\.11\.2026/);
  assert.match(az.body, /href="\/api\/v1\/lines\/%2B994500000061\/statement\?from=2026-08-29&amp;to=2026-11-26&amp;lang=az&amp;format=csv"/);
  assert.match(az.body, /format=pdf"/);
  assert.doesNotMatch(az.body, /<script/, 'works without JavaScript');
  const en = await page(`/lines/${encodeURIComponent(LINE)}/history?lang=en&from=2026-11-26&to=2026-11-26`);
  assert.match(en.body, /₼1,255\.50/);
  assert.match(en.body, /Top-up/);
  const csv = await t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(LINE)}/statement?from=2026-11-26&to=2026-11-26&format=csv`, headers: cookieHeader(token) });
  assert.match(csv.body, /1250\.50,AZN,1255\.50/);
});

test('History: a reversed period gets the form back with a message, not an error page', async () => {
  const res = await page(`/lines/${encodeURIComponent(LINE)}/history?lang=en&from=2026-11-20&to=2026-11-01`);
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /at most 366 days/);
  assert.match(res.body, /<input type="date" id="from" name="from" value="2026-11-20"/);
});

test('Settings: reminder choices and the email round-trip through the page; unchecked means off', async () => {
  const before = await page('/settings?lang=en');
  assert.equal(before.statusCode, 200);
  assert.equal((before.body.match(/type="checkbox"[^>]*checked/g) ?? []).length, 4, 'all on by default');
  assert.match(before.body, /not switched on yet/);
  assert.match(before.body, /Sign-in codes and payment confirmations are always sent/);
  const saved = await form('/settings/reminders', 'before7Days=on&stageNotices=on&email=leyla%40example.az');
  assert.equal(saved.statusCode, 303, saved.body);
  const api = await t.app.inject({ method: 'GET', url: '/api/v1/settings', headers: cookieHeader(token) });
  assert.deepEqual(api.json(), { reminders: { before30Days: false, before7Days: true, before1Day: false, stageNotices: true }, email: 'leyla@example.az' });
  const after = await page('/settings?saved=1&lang=en');
  assert.equal((after.body.match(/type="checkbox"[^>]*checked/g) ?? []).length, 2);
  assert.match(after.body, /value="leyla@example.az"/);
  const bad = await form('/settings/reminders?lang=en', 'before7Days=on&email=leyla%40gmail');
  assert.equal(bad.statusCode, 422);
  assert.match(bad.body, /role="alert">Enter an email address like name@example\.com/);
  assert.match(bad.body, /value="leyla@gmail"/, 'what was typed stays in the field');
});

test('Stores: the configured tile server (MAP_TILE_URL) is the map\'s and the only image host the CSP allows', async () => {
  const app = await buildAppOn({ db: t.db, policy, now: t.clock.now, adminToken: ADMIN_TOKEN, secret: TEST_SECRET, mapTileUrl: 'https://tiles.example.az/osm/{z}/{x}/{y}.png', smsSender: 'AzTelKeep' });
  try {
    const stores = await app.inject({ method: 'GET', url: '/stores?lang=en', headers: { accept: 'text/html' } });
    assert.equal(stores.statusCode, 200);
    assert.match(String(stores.headers['content-security-policy']), /img-src 'self' data: https:\/\/tiles\.example\.az;/);
    assert.doesNotMatch(String(stores.headers['content-security-policy']), /openstreetmap/);
    assert.match(stores.body, /data-tiles="https:\/\/tiles\.example\.az\/osm\/\{z\}\/\{x\}\/\{y\}\.png"/);
    const home = await app.inject({ method: 'GET', url: '/?lang=en', headers: { accept: 'text/html' } });
    assert.match(home.body, /AzTelKeep/, 'the home page names the sender ID our SMS come from');
  } finally {
    await app.close();
  }
});

test('Settings: the reminder boxes are the policy\'s reminder days, each labelled with its day', async () => {
  const app = await buildAppOn({ db: t.db, policy: { ...policy, reminderDays: [14, 3, 1] }, now: t.clock.now, adminToken: ADMIN_TOKEN, secret: TEST_SECRET });
  try {
    const headers = { ...cookieHeader(token), accept: 'text/html' };
    const page14 = await app.inject({ method: 'GET', url: '/settings?lang=tr', headers });
    assert.equal(page14.statusCode, 200, page14.body);
    assert.deepEqual([...page14.body.matchAll(/type="checkbox" id="(\w+)"/g)].map((m) => m[1]), ['before14Days', 'before3Days', 'before1Day', 'stageNotices']);
    assert.match(page14.body, /<label for="before14Days">Geçerlilik bitmeden 14 gün önce<\/label>/);
    assert.match(page14.body, /<label for="before3Days">Geçerlilik bitmeden 3 gün önce<\/label>/);
    assert.match(page14.body, /<label for="before1Day">1 gün önce ve son gün<\/label>/);
    const saved = await app.inject({
      method: 'POST', url: '/settings/reminders', headers: { ...customerHeaders(token), 'content-type': 'application/x-www-form-urlencoded' }, payload: 'before3Days=on&email=',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    const api = await app.inject({ method: 'GET', url: '/api/v1/settings', headers: cookieHeader(token) });
    assert.deepEqual(api.json(), { reminders: { before14Days: false, before3Days: true, before1Day: false, stageNotices: false }, email: null });
  } finally {
    await app.close();
  }
});
