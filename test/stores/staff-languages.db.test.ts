// The staff console in Chinese and Turkish like in its other languages; plans named in the
// console's language whatever the customer's; people by name (else phone), never by id; every
// time in Baku's wall clock.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import type { StaffDeps } from '../../src/services/staff-auth.ts';
import { parseStaffName } from '../../src/domain/staff-name.ts';
import { iccidFor, msisdnFor } from '../helpers/factories.ts';
import { buildPaymentsTestApp, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff, staffForm, type EnrolledStaff } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

const SECRET = 'test-secret-for-hmacs-0123456789abcdef';
let t: PaymentsTestApp;
let agent: EnrolledStaff;
let manager: EnrolledStaff;

before(async () => {
  // 10:00 Baku is 06:00 UTC: a time shown in UTC would read 06:…
  t = await buildPaymentsTestApp({ lines: 3, startAt: '2026-11-26T10:00:00+04:00' });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  const deps: StaffDeps = { db: t.db, now: t.clock.now, secret: SECRET, passwordHashing: testPasswordHashing };
  agent = await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000401', { ip: '10.0.0.4', userAgent: 'test' });
  manager = await enrolledStaff(deps, 'manager', 'baku-28-may', '+994700000402', { ip: '10.0.0.4', userAgent: 'test' });
  await t.db.query(`update staff set name = 'Leyla Əliyeva' where id = $1`, [agent.actor.staff.id]);
});
after(async () => t.close());

const htmlLang = (body: string): string | undefined => /<html lang="([^"]+)"/.exec(body)?.[1];

test('the counter, line and sign-in pages in Chinese and in Turkish, chosen by ?lang= or Accept-Language', async () => {
  const zh = await t.app.inject({ method: 'GET', url: '/staff?lang=zh', cookies: { saxla_staff: agent.token } });
  assert.equal(zh.statusCode, 200, zh.body);
  assert.equal(htmlLang(zh.body), 'zh');
  assert.match(zh.body, /<h1>柜台<\/h1>/);
  assert.match(zh.body, /<h2>今日预约<\/h2>/);
  assert.match(zh.body, /aria-current="true">中文<\/a>/);
  assert.equal(zh.cookies.find((c) => c.name === 'saxla_staff_lang')?.value, 'zh');
  assert.match(zh.body, /<link rel="icon" href="\/favicon\.ico"/);
  const icon = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
  assert.equal(icon.statusCode, 200, 'the icon every browser asks for exists');
  assert.equal(icon.headers['content-type'], 'image/x-icon');
  const tr = await t.app.inject({ method: 'GET', url: `/staff/lines?q=${encodeURIComponent(msisdnFor(1))}`, headers: { 'accept-language': 'tr-TR,tr;q=0.9' }, cookies: { saxla_staff: agent.token } });
  assert.equal(tr.statusCode, 200, tr.body);
  assert.equal(htmlLang(tr.body), 'tr');
  assert.match(tr.body, /<h1>Hat \+994500000001<\/h1>/);
  assert.match(tr.body, /<th>Geçerlilik sonu<\/th>/);
  assert.match(tr.body, /<option value="passport">pasaport<\/option>/);
  assert.match(tr.body, /<option value="SAXLA_NOMRE">Numaramı Koru<\/option>/, 'plans named in Turkish');
  const login = await t.app.inject({ method: 'GET', url: '/staff/login', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
  assert.equal(htmlLang(login.body), 'zh');
  assert.match(login.body, /<label for="phone">电话号码<\/label>/);
  const refused = await t.app.inject({ method: 'POST', url: '/staff/login', headers: staffForm, cookies: { saxla_staff_lang: 'tr' }, payload: new URLSearchParams({ phone: agent.phone, password: 'wrong-password' }).toString() });
  assert.equal(refused.statusCode, 422);
  assert.match(refused.body, /Şifre \(veya telefon numarası\) yanlış\. \[INVALID_CREDENTIALS\]/);
});

test('the line and the sale name the plan in the console language, not the customer language', async () => {
  const msisdn = msisdnFor(2);
  await t.db.query(`update lines set language = 'zh', plan_code = 'SAXLA_NOMRE' where msisdn = $1`, [msisdn]);
  const cookies = { saxla_staff: agent.token, saxla_staff_lang: 'en' };
  const line = await t.app.inject({ method: 'GET', url: `/staff/lines?q=${encodeURIComponent(msisdn)}`, cookies });
  assert.match(line.body, /<th>Plan<\/th><td>Keep My Number<\/td>/, 'a name, not the code');
  assert.match(line.body, /<th>Language<\/th><td>Chinese<\/td>/);
  const check = await t.app.inject({ method: 'POST', url: '/staff/id-checks', headers: staffForm, cookies, payload: new URLSearchParams({ msisdn, documentType: 'passport', issuingCountry: 'CHN', documentNumber: 'E12345678', documentExpires: '2031-05-01', iccid: iccidFor(2) }).toString() });
  assert.equal(check.statusCode, 303, check.body);
  const sale = await t.app.inject({ method: 'POST', url: '/staff/sales', headers: staffForm, cookies, payload: new URLSearchParams({ msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: '3', method: 'pos', formKey: 'lang-1' }).toString() });
  assert.equal(sale.statusCode, 303, sale.body);
  const salePath = String(sale.headers.location);
  const [quote] = await t.db.query<{ items: { planName: string }[] }>('select q.items from quotes q join orders o on o.quote_id = q.id where o.id = $1', [salePath.split('/').pop()]);
  assert.equal(quote?.items[0]?.planName, '保号套餐', 'the quote keeps the customer’s language for the receipt');
  const english = await t.app.inject({ method: 'GET', url: salePath, cookies });
  assert.match(english.body, /<td>Keep My Number × 3<\/td>/);
  assert.doesNotMatch(english.body, /保号套餐/);
  // The simulator's rules stand on its page.
  assert.match(english.body, /The simulated terminal&#39;s rules: &quot;the customer pays&quot; approves exactly this amount with a new 12-digit RRN and a 6-digit approval code; &quot;the payment is declined&quot; declines it/);
  const turkish = await t.app.inject({ method: 'GET', url: `${salePath}?lang=tr`, cookies });
  assert.match(turkish.body, /<td>Numaramı Koru × 3<\/td>/);
  assert.match(turkish.body, /Simüle terminalin kuralları: &quot;müşteri öder&quot; tam olarak bu tutarı/);
  assert.match(turkish.body, /<h1>\+994500000002 için satış<\/h1>/);
  const pay = await t.app.inject({ method: 'POST', url: `${salePath}/simulate`, headers: staffForm, cookies, payload: 'outcome=succeeded' });
  assert.equal(pay.statusCode, 303, pay.body);
});

test('the shift report names agents, not ids; the audit log shows names and Baku time', async () => {
  const report = await t.app.inject({ method: 'GET', url: '/staff/report?date=2026-11-26&lang=tr', cookies: { saxla_staff: manager.token } });
  assert.equal(report.statusCode, 200, report.body);
  assert.equal(htmlLang(report.body), 'tr');
  assert.match(report.body, /<h1>Vardiya raporu 2026-11-26<\/h1>/);
  assert.match(report.body, /<td>Leyla Əliyeva<\/td><td>\+994500000002<\/td><td>pos<\/td>/);
  assert.doesNotMatch(report.body, new RegExp(agent.actor.staff.id), 'no staff id on the page');
  const own = await t.app.inject({ method: 'GET', url: '/staff/report?date=2026-11-26&lang=en', cookies: { saxla_staff: agent.token } });
  assert.match(own.body, /<p>Store Saxla — 28 May, agent Leyla Əliyeva<\/p>/, 'the store by its name too');
  const audit = await t.app.inject({ method: 'GET', url: '/staff/audit?lang=zh', cookies: { saxla_staff: manager.token } });
  assert.equal(audit.statusCode, 200, audit.body);
  assert.match(audit.body, /<th>时间（巴库时间）<\/th>/);
  assert.match(audit.body, /<td>2026-11-26 10:00:00<\/td><td>Leyla Əliyeva<\/td><td>Saxla — 28 May<\/td><td>\+994500000002<\/td><td>开始销售<\/td>/, 'what happened, in words');
  // Accounts without a name appear by phone number.
  assert.match(audit.body, /<td>\+994700000402<\/td>/);
  assert.doesNotMatch(audit.body, /T06:00:00|\.000Z/, 'no UTC timestamps');
  assert.doesNotMatch(audit.body, new RegExp(`<td>${agent.actor.staff.id}</td>`));
});

test('the team page asks for a name and lists it; names are tidied and checked', async () => {
  const cookies = { saxla_staff: manager.token, saxla_staff_lang: 'tr' };
  const page = await t.app.inject({ method: 'GET', url: '/staff/team', cookies });
  assert.match(page.body, /<label for="name">Adı \(iş arkadaşları raporlarda bunu görür\)<\/label>/);
  const created = await t.app.inject({ method: 'POST', url: '/staff/team', headers: staffForm, cookies, payload: new URLSearchParams({ name: '  Murad   Həsənov ', phone: '+994700000403', role: 'agent' }).toString() });
  assert.equal(created.statusCode, 201, created.body);
  assert.match(created.body, /<tr><td>Murad Həsənov<\/td><td>\+994700000403<\/td><td>Temsilci<\/td><td>Saxla — 28 May<\/td>/);
  assert.match(created.body, /<p>Mağaza: Saxla — 28 May<\/p>/, 'a manager’s own store, by name');
  const tooLong = await t.app.inject({ method: 'POST', url: '/staff/team', headers: staffForm, cookies, payload: new URLSearchParams({ name: 'x'.repeat(81), phone: '+994700000404', role: 'agent' }).toString() });
  assert.equal(tooLong.statusCode, 422);
  assert.match(tooLong.body, /\[VALIDATION_FAILED\]/);
  assert.equal((await t.db.query('select 1 from staff where phone = $1', ['+994700000404'])).length, 0, 'nothing created');
  assert.equal(parseStaffName('   '), null);
  assert.equal(parseStaffName(undefined), null);
  assert.throws(() => parseStaffName('Ali\u0000'), { code: 'VALIDATION_FAILED' });
});
