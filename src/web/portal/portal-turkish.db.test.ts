// Turkish from end to end over inject: ?lang=tr and Accept-Language choose it, the account and
// its line accept it, the code SMS is written in it, and pages, plans and amounts read Turkish.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieHeader, latestCodeFor, provisionTestLine, sameOriginHeaders, sessionCookieOf, TEST_PASSWORD } from '../../../test/helpers/customers.ts';
import { msisdnFor } from '../../../test/helpers/factories.ts';
import { upsertPlans } from '../../db/plan-repository.ts';
import { demoPlans } from '../../demo/catalog.ts';
import { adminHeaders, buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
let token = '';
const LINE = msisdnFor(71);

before(async () => {
  t = await buildTestApp('2026-11-26T10:00:00+04:00');
  await t.db.tx((sql) => upsertPlans(sql, demoPlans));
  await provisionTestLine(t, LINE, 71, { language: 'tr' });
  const reg = await t.app.inject({ method: 'POST', url: '/api/v1/auth/register', headers: sameOriginHeaders, payload: { phone: LINE, language: 'tr' } });
  assert.equal(reg.statusCode, 202, reg.body);
  const verify = await t.app.inject({
    method: 'POST', url: '/api/v1/auth/verify', headers: sameOriginHeaders, payload: { phone: LINE, code: await latestCodeFor(t, LINE), password: TEST_PASSWORD },
  });
  assert.equal(verify.statusCode, 200, verify.body);
  assert.equal(verify.json().language, 'tr');
  token = sessionCookieOf(verify)?.value ?? '';
  const topUp = await t.app.inject({
    method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(LINE)}/top-ups`, headers: { ...adminHeaders, 'idempotency-key': 'tr-1' },
    payload: { amount: { amount: 125050, currency: 'AZN' }, reference: 'kasa' },
  });
  assert.equal(topUp.statusCode, 201, topUp.body);
});
after(async () => { await t.close(); });

const html = { accept: 'text/html' } as const;

test('?lang=tr and Accept-Language tr / tr-TR choose Turkish; ?lang=tr is remembered', async () => {
  const asked = await t.app.inject({ method: 'GET', url: '/?lang=tr', headers: html });
  assert.equal(asked.statusCode, 200);
  assert.match(asked.body, /<html lang="tr"/);
  assert.match(asked.body, /<h1>Yurt dışındayken Azerbaycan numaranızı kaybetmeyin<\/h1>/);
  assert.match(asked.body, /Türkçe/, 'the switcher names Turkish in Turkish');
  assert.match(String(asked.headers['set-cookie']), /saxla_lang=tr/);
  for (const header of ['tr', 'tr-TR', 'tr-TR,tr;q=0.9,en-US;q=0.8', 'de-DE,tr;q=0.7,en;q=0.3']) {
    const res = await t.app.inject({ method: 'GET', url: '/login', headers: { ...html, 'accept-language': header } });
    assert.match(res.body, /<html lang="tr"/, header);
    assert.match(res.body, /Şifrenizi mi unuttunuz\?/, header);
  }
  const english = await t.app.inject({ method: 'GET', url: '/login', headers: { ...html, 'accept-language': 'en;q=0.9,tr;q=0.5' } });
  assert.match(english.body, /<html lang="en"/, 'the higher q-weight wins');
});

test('the code SMS went out in Turkish, and the line speaks Turkish', async () => {
  const [otp] = await t.db.query<{ body: string; language: string }>(
    "select body, language from sms_outbox where msisdn = $1 and kind = 'otp' order by id desc limit 1", [LINE],
  );
  assert.equal(otp?.language, 'tr');
  assert.match(otp?.body ?? '', /^Saxla kodu: \d{6}\. 10 dakika geçerlidir\..*\nKontrol kodu: [A-Z2-9]{6}$/s);
});

test('plans read Turkish through the API and on the renew page', async () => {
  const plans = await t.app.inject({ method: 'GET', url: '/api/v1/plans?lang=tr' });
  assert.equal(plans.statusCode, 200, plans.body);
  const names = (plans.json() as { items: { name: string }[] }).items.map((p) => p.name);
  assert.ok(names.includes('Numaramı Koru') && names.includes('Yabancılar Paketi'), names.join(', '));
  const renew = await t.app.inject({ method: 'GET', url: `/lines/${encodeURIComponent(LINE)}/renew?lang=tr`, headers: { ...cookieHeader(token), ...html } });
  assert.equal(renew.statusCode, 200, renew.body);
  assert.match(renew.body, /Kaç ay/);
  for (const name of names) assert.ok(renew.body.includes(name.replace(/'/g, '&#39;')), name);
});

test('history in Turkish: 1.250,50 ₼, days as 26.11.2026, downloads in tr', async () => {
  const res = await t.app.inject({ method: 'GET', url: `/lines/${encodeURIComponent(LINE)}/history?lang=tr`, headers: { ...cookieHeader(token), ...html } });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.body, /Bakiye yükleme/);
  assert.match(res.body, /1\.250,50\u00a0₼/);
  assert.match(res.body, /26\.11\.2026/);
  assert.match(res.body, /lang=tr&amp;format=csv/);
  const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(LINE)}/statement?from=2026-11-01&to=2026-11-26&lang=tr&format=pdf`, headers: cookieHeader(token) });
  assert.equal(pdf.statusCode, 200, pdf.body);
  assert.match(String(pdf.headers['content-type']), /application\/pdf/);
});

test('settings, stores and the unknown page speak Turkish too', async () => {
  const settings = await t.app.inject({ method: 'GET', url: '/settings?lang=tr', headers: { ...cookieHeader(token), ...html } });
  assert.match(settings.body, /Hatırlatmalar/);
  assert.match(settings.body, /Giriş kodları ve ödeme onayları her zaman gönderilir\./);
  const stores = await t.app.inject({ method: 'GET', url: '/stores?lang=tr', headers: html });
  assert.equal(stores.statusCode, 200);
  assert.match(stores.body, /Mağazalar/);
  const missing = await t.app.inject({ method: 'GET', url: '/no-such-page', headers: html });
  assert.match(missing.body, /<p lang="tr">Böyle bir sayfa yok\.<\/p>/);
});
