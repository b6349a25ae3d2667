// Plan names, never codes, in the page's language; the line's SMS language shown and changed in
// Settings (issue 11). Over inject; the browser walk covers looks and a11y.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoPlans } from '../../demo/catalog.ts';
import { msisdnFor } from '../../../test/helpers/factories.ts';
import { buildPaymentsTestApp, type PaymentsTestApp } from '../../../test/helpers/payments-app.ts';

let t: PaymentsTestApp;
const LINE = msisdnFor(1);
const expatName = (locale: 'az' | 'en' | 'ru' | 'zh' | 'tr'): string => demoPlans.find((p) => p.code === 'ECNEBI_PAKET')?.texts[locale].name ?? 'missing';

before(async () => {
  // One line, signed up in English, on the Expat Pack (as a renewal would leave it).
  t = await buildPaymentsTestApp({ lines: 1 });
  await t.db.query("update lines set plan_code = 'ECNEBI_PAKET' where msisdn = $1", [LINE]);
});
after(async () => { await t.close(); });

const page = (url: string) => t.anonymousApp.inject({ method: 'GET', url, headers: { ...t.customer, accept: 'text/html' } });
const form = (url: string, body: string) => t.anonymousApp.inject({
  method: 'POST', url, headers: { ...t.customer, 'content-type': 'application/x-www-form-urlencoded' }, payload: body,
});

test('the dashboard names the plan in the page\'s language, never by its code', async () => {
  for (const locale of ['az', 'en', 'ru', 'zh', 'tr'] as const) {
    const res = await page(`/dashboard?lang=${locale}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.doesNotMatch(res.body.replace(/<[^>]*>/g, ''), /ECNEBI_PAKET/, `${locale}: no plan code in the text`);
    assert.ok(res.body.includes(expatName(locale)), `${locale}: the plan's ${locale} name`);
  }
  const zh = await page('/dashboard?lang=zh');
  assert.match(zh.body, /短信语言/);
  assert.match(zh.body, /<dd lang="en"><a href="\/settings#sms-language-h">English<\/a><\/dd>/, 'the line\'s SMS language, named in itself');
});

test('the quote names the plan in the page\'s language, not the account\'s', async () => {
  const res = await form(`/lines/${encodeURIComponent(LINE)}/quote?lang=tr`, 'planCode=ECNEBI_PAKET&months=3');
  assert.equal(res.statusCode, 200, res.body);
  assert.ok(res.body.includes(expatName('tr')), 'Turkish page, Turkish plan name; the account is English');
  assert.doesNotMatch(res.body.replace(/<[^>]*>/g, ''), /ECNEBI_PAKET/, 'the code only in form fields and links, never in the text');
});

test('Settings: the line\'s SMS language, changed for the line only; the page keeps its own', async () => {
  const before = await page('/settings?lang=ru');
  assert.match(before.body, /Язык наших SMS/);
  const field = `sms-language-${LINE.replace(/\D/g, '')}`;
  assert.match(before.body, new RegExp(`<select id="${field}" name="${field}">.*<option value="en" lang="en" selected>`, 's'));
  const saved = await form('/settings/line-languages?lang=ru', `${field}=zh`);
  assert.equal(saved.statusCode, 303, saved.body);
  assert.equal(saved.headers.location, '/settings?saved=1#sms-language-h');
  const [row] = await t.db.query<{ language: string }>('select language from lines where msisdn = $1', [LINE]);
  assert.equal(row?.language, 'zh');
  const [account] = await t.db.query<{ language: string }>('select language from customers');
  assert.equal(account?.language, 'en', 'the account\'s own language is not the line\'s');
  const after = await page('/settings?lang=ru');
  assert.match(after.body, /<option value="zh" lang="zh" selected>/);
  assert.match(after.body, /<html lang="ru"/, 'the page stays in Russian');
  // Nonsense in the form changes nothing.
  assert.equal((await form('/settings/line-languages', `${field}=xx`)).statusCode, 303);
  const [still] = await t.db.query<{ language: string }>('select language from lines where msisdn = $1', [LINE]);
  assert.equal(still?.language, 'zh');
});
