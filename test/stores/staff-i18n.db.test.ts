// The staff console in az, en, ru, zh and tr: ?lang= picks the language and a /staff cookie remembers it,
// else Accept-Language, else English; <html lang> and the switcher follow; the common refusals
// read in the page language with their code kept; the three catalogues have the same keys.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { en } from '../../src/web/staff/messages/en.ts';
import { staffCatalogues, staffErrorText, staffLocales } from '../../src/web/staff/staff-i18n.ts';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import type { StaffDeps } from '../../src/services/staff-auth.ts';
import { iccidFor, msisdnFor } from '../helpers/factories.ts';
import { buildPaymentsTestApp, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff, type EnrolledStaff } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

const SECRET = 'test-secret-for-hmacs-0123456789abcdef';
const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
let t: PaymentsTestApp;
let agent: EnrolledStaff;

before(async () => {
  t = await buildPaymentsTestApp({ lines: 2 });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  const deps: StaffDeps = { db: t.db, now: t.clock.now, secret: SECRET, passwordHashing: testPasswordHashing };
  agent = await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000301', { ip: '10.0.0.3', userAgent: 'test' });
});
after(async () => t.close());

const htmlLang = (body: string): string | undefined => /<html lang="([^"]+)"/.exec(body)?.[1];
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

test('every key is in all five catalogues, not empty, with the same placeholders', () => {
  const keys = Object.keys(en).sort();
  for (const locale of staffLocales) {
    const catalogue: Readonly<Record<string, string>> = staffCatalogues[locale];
    assert.deepEqual(Object.keys(catalogue).sort(), keys, `${locale} has exactly the keys of en`);
    for (const key of keys) {
      const text = catalogue[key] ?? '';
      assert.ok(text.trim().length > 0, `${locale} ${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders(en[key as keyof typeof en]), `${locale} ${key} placeholders`);
    }
  }
  assert.match(Object.values(staffCatalogues.az).join(' '), /ə.*ş.*ı|ı.*ə/s, 'Azerbaijani letters, not substitutes');
  assert.match(Object.values(staffCatalogues.ru).join(' '), /[а-яё]/);
  assert.match(Object.values(staffCatalogues.zh).join(' '), /\p{Script=Han}/u);
  assert.match(Object.values(staffCatalogues.tr).join(' '), /ğ.*ı|ı.*ğ/s, 'Turkish letters, not substitutes');
  assert.deepEqual([...staffLocales].sort(), ['az', 'en', 'ru', 'tr', 'zh'], 'every customer language');
});

test('?lang=az on the sign-in page: Azerbaijani labels, <html lang="az">, the switcher, and a /staff cookie', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/staff/login?lang=az' });
  assert.equal(res.statusCode, 200);
  assert.equal(htmlLang(res.body), 'az');
  assert.match(res.body, /<label for="phone">Telefon nömrəsi<\/label>/);
  assert.match(res.body, /<button type="submit">Daxil ol<\/button>/);
  assert.match(res.body, /<nav class="langs" aria-label="Dil">/);
  assert.match(res.body, /<a href="\/staff\/login\?lang=az" hreflang="az" lang="az" aria-current="true">Azərbaycanca<\/a>/);
  assert.match(res.body, /<a href="\/staff\/login\?lang=ru" hreflang="ru" lang="ru">Русский<\/a>/);
  const cookie = res.cookies.find((c) => c.name === 'saxla_staff_lang');
  assert.ok(cookie, 'the choice is remembered');
  assert.equal(cookie.value, 'az');
  assert.equal(cookie.path, '/staff');
  assert.equal(cookie.sameSite, 'Strict');
  assert.equal(cookie.httpOnly, true);
  // The next request carries only the cookie.
  const next = await t.app.inject({ method: 'GET', url: '/staff/login', cookies: { saxla_staff_lang: cookie.value } });
  assert.equal(htmlLang(next.body), 'az');
  assert.match(next.body, /Autentifikator kodu \(6 rəqəm\)/);
  assert.equal(next.cookies.find((c) => c.name === 'saxla_staff_lang'), undefined, 'not set again');
  // ?lang= wins over the cookie, and a redirect to the sign-in keeps it.
  const switched = await t.app.inject({ method: 'GET', url: '/staff?lang=ru', cookies: { saxla_staff_lang: 'az' } });
  assert.equal(switched.headers.location, '/staff/login');
  assert.equal(switched.cookies.find((c) => c.name === 'saxla_staff_lang')?.value, 'ru');
});

test('the counter and line pages in Azerbaijani, the choice kept by the cookie', async () => {
  const counter = await t.app.inject({ method: 'GET', url: '/staff?lang=az', cookies: { saxla_staff: agent.token } });
  assert.equal(counter.statusCode, 200, counter.body);
  assert.equal(htmlLang(counter.body), 'az');
  assert.match(counter.body, /<h1>Kassa<\/h1>/);
  assert.match(counter.body, /<label for="q">Nömrə və ya ICCID<\/label>/);
  assert.match(counter.body, />Xətti tap</);
  assert.match(counter.body, /<h2>Bugünkü görüşlər<\/h2>/);
  assert.match(counter.body, /<nav aria-label="Panel menyusu"><a href="\/staff">Kassa<\/a> · <a href="\/staff\/report">Növbə hesabatı<\/a>/);
  assert.match(counter.body, />Çıxış</);
  const lang = counter.cookies.find((c) => c.name === 'saxla_staff_lang')?.value ?? '';
  assert.equal(lang, 'az');
  const cookies = { saxla_staff: agent.token, saxla_staff_lang: lang };
  const q = encodeURIComponent(msisdnFor(1));
  const line = await t.app.inject({ method: 'GET', url: `/staff/lines?q=${q}`, cookies });
  assert.equal(line.statusCode, 200, line.body);
  assert.equal(htmlLang(line.body), 'az');
  assert.match(line.body, /<h1>Xətt \+994500000001<\/h1>/);
  assert.match(line.body, /<th>Etibarlılıq tarixi<\/th>/);
  assert.match(line.body, /<label for="documentType">Sənədin növü<\/label>/);
  assert.match(line.body, /<option value="id_card">şəxsiyyət vəsiqəsi<\/option>/);
  assert.match(line.body, />Sənəd yoxlamasını qeyd et</);
  assert.match(line.body, /<h2>2\. Müraciət \(yeniləmə\)<\/h2>/);
  assert.match(line.body, /<option value="pos">Kart terminalı \(POS\)<\/option>/);
  assert.match(line.body, />Qiyməti hesabla və ödənişi qəbul et</);
  assert.match(line.body, /₼/);
  assert.ok(line.body.includes(`href="/staff/lines?q=${q}&amp;lang=en" hreflang="en"`), 'the switcher keeps the query');
  const unknown = await t.app.inject({ method: 'GET', url: '/staff/lines?q=%2B994559999999', cookies });
  assert.equal(unknown.statusCode, 404);
  assert.match(unknown.body, /Belə xətt yoxdur \(.*\) \[LINE_NOT_FOUND\]/);
});

test('refusals at the counter read in the page language and keep their code; notices are keys, not text', async () => {
  const cookies = { saxla_staff: agent.token, saxla_staff_lang: 'az' };
  const msisdn = msisdnFor(2);
  const sale = new URLSearchParams({ msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: '1', method: 'pos', formKey: 'i18n-1' }).toString();
  const refused = await t.app.inject({ method: 'POST', url: '/staff/sales', headers: { ...form, referer: `http://localhost/staff/lines?q=${encodeURIComponent(msisdn)}` }, cookies, payload: sale });
  assert.equal(refused.statusCode, 422);
  assert.equal(htmlLang(refused.body), 'az');
  assert.match(refused.body, /role="alert">Bu xəttin etibarlı sənəd yoxlaması olmadan satış mümkün deyil \(.+\) \[ID_CHECK_REQUIRED\]<\/p>/);
  assert.match(refused.body, /href="\/staff\/lines\?q=%2B994500000002&amp;lang=ru"/, 'the language links lead back to the form’s page');
  const check = await t.app.inject({ method: 'POST', url: '/staff/id-checks', headers: form, cookies, payload: new URLSearchParams({ msisdn, documentType: 'passport', issuingCountry: 'TUR', documentNumber: 'U12345678', documentExpires: '2031-05-01', iccid: iccidFor(2) }).toString() });
  assert.equal(check.statusCode, 303, check.body);
  assert.match(String(check.headers.location), /notice=id-ok$/);
  const checked = await t.app.inject({ method: 'GET', url: String(check.headers.location), cookies });
  assert.match(checked.body, /role="status">Sənəd yoxlanıldı; SIM bu xəttə uyğundur\.<\/p>/);
  const forged = await t.app.inject({ method: 'GET', url: `/staff/lines?q=${encodeURIComponent(msisdn)}&notice=Call+0501234567`, cookies });
  assert.equal(forged.statusCode, 200);
  assert.doesNotMatch(forged.body, /role="status"|>Call 0501234567/, 'free text in ?notice= is not shown');
  const login = await t.app.inject({ method: 'POST', url: '/staff/login', headers: form, cookies: { saxla_staff_lang: 'ru' }, payload: new URLSearchParams({ phone: agent.phone, password: 'not-the-password' }).toString() });
  assert.equal(login.statusCode, 422);
  assert.match(login.body, /Неверный пароль \(или номер телефона\)\. \[INVALID_CREDENTIALS\]/);
  assert.match(login.body, /<a href="\/staff\?lang=az"/, 'no Referer: the switcher leads to the console');
  // English keeps the domain's own message.
  assert.equal(staffErrorText('en', 'FORBIDDEN', 'this belongs to another store'), 'this belongs to another store [FORBIDDEN]');
  assert.equal(staffErrorText('ru', 'CSV_INVALID', 'bad file'), 'bad file [CSV_INVALID]');
});

test('Accept-Language picks the first supported language; an unknown ?lang= or language falls back to English', async () => {
  const ru = await t.app.inject({ method: 'GET', url: '/staff/login', headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' } });
  assert.equal(htmlLang(ru.body), 'ru');
  assert.match(ru.body, /<label for="phone">Номер телефона<\/label>/);
  assert.match(ru.body, /<title>Вход — Saxla — персонал<\/title>/);
  assert.equal(ru.cookies.find((c) => c.name === 'saxla_staff_lang'), undefined, 'the header is not remembered');
  const weighted = await t.app.inject({ method: 'GET', url: '/staff/login', headers: { 'accept-language': 'fr-FR, en;q=0.5, az;q=0.8' } });
  assert.equal(htmlLang(weighted.body), 'az');
  const counter = await t.app.inject({ method: 'GET', url: '/staff', headers: { 'accept-language': 'ru' }, cookies: { saxla_staff: agent.token } });
  assert.match(counter.body, /<h2>Записи на сегодня<\/h2>/);
  const unknown = await t.app.inject({ method: 'GET', url: '/staff/login?lang=fr' });
  assert.equal(htmlLang(unknown.body), 'en');
  assert.match(unknown.body, /<label for="phone">Phone number<\/label>/);
  assert.equal(unknown.cookies.find((c) => c.name === 'saxla_staff_lang'), undefined);
  const unsupported = await t.app.inject({ method: 'GET', url: '/staff/login', headers: { 'accept-language': 'de-DE,de;q=0.9' } });
  assert.equal(htmlLang(unsupported.body), 'en');
  const plain = await t.app.inject({ method: 'GET', url: '/staff/login' });
  assert.equal(htmlLang(plain.body), 'en');
  assert.match(plain.body, /aria-current="true">English<\/a>/);
});
