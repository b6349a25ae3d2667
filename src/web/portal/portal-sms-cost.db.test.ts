// Settings → What an SMS costs, over inject: the parts per language in the page's language, and
// the per-number Latin-letters box round-tripping through the form without JavaScript.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cookieHeader, customerHeaders, provisionTestLine, registerCustomer } from '../../../test/helpers/customers.ts';
import { msisdnFor } from '../../../test/helpers/factories.ts';
import { buildTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

let t: TestApp;
let token = '';
const LINE = msisdnFor(71);
before(async () => {
  t = await buildTestApp('2026-11-26T10:00:00+04:00');
  await provisionTestLine(t, LINE, 71, { language: 'az' });
  token = await registerCustomer(t, LINE);
});
after(async () => { await t.close(); });

const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { ...cookieHeader(token), accept: 'text/html' } });
const form = (body: string) => t.app.inject({
  method: 'POST', url: '/settings/sms', headers: { ...customerHeaders(token), 'content-type': 'application/x-www-form-urlencoded' }, payload: body,
});
const rows = (body: string): string[] => [...body.matchAll(/<tr><th scope="row" lang="(\w+)">([^<]+)<\/th><td class="num">(\d+)<\/td><\/tr>/g)]
  .map((m) => `${m[1]}:${m[3]}`);

test('the parts a typical reminder takes, per language, in every page language', async () => {
  for (const [lang, heading] of [['en', 'What an SMS costs'], ['az', 'SMS-in qiyməti'], ['ru', 'Сколько стоит SMS'], ['zh', '短信费用'], ['tr', 'Bir SMS ne kadar tutar']] as const) {
    const res = await page(`/settings?lang=${lang}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.body.includes(`<h2 id="sms-cost-h">${heading}</h2>`), lang);
    assert.deepEqual(rows(res.body), ['az:3', 'en:1', 'ru:3', 'zh:2', 'tr:3', 'az:1'], lang);
  }
  const zh = await page('/settings?lang=zh');
  assert.match(zh.body, /Azərbaycanca（不含 ə 的拉丁字母）/);
  assert.match(zh.body, /只需 1 条短信，而不是 3 条/);
});

test('the Latin-letters box: off by default, on and off again through the form', async () => {
  const box = /<input type="checkbox" id="latin-994500000071" name="latin-994500000071" value="on"( checked)?>/;
  assert.equal(box.exec((await page('/settings?lang=en')).body)?.[1], undefined);
  const on = await form('latin-994500000071=on');
  assert.equal(on.statusCode, 303, on.body);
  assert.equal(on.headers.location, '/settings?saved=1#sms-cost-h');
  const api = await t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(LINE)}/sms-options`, headers: cookieHeader(token) });
  assert.equal(api.json().azLatin, true);
  assert.equal(box.exec((await page('/settings?lang=en')).body)?.[1], ' checked');
  const off = await form('');
  assert.equal(off.statusCode, 303);
  const after = await t.app.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(LINE)}/sms-options`, headers: cookieHeader(token) });
  assert.equal(after.json().azLatin, false);
});
