// A statement speaks the line's language (or the one asked for with ?lang=): plain descriptions
// built from each entry's facts with the plan's name (never its code), references kept apart, CSV
// headers and kinds translated with a stable `columns=raw` set, and the PDF in real glyphs.
// On PGlite and (SAXLA_TEST_DB=postgres) on PostgreSQL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { parseInstant } from '../../../domain/calendar.ts';
import { renewWithPayment } from '../../../domain/line.ts';
import { locales, qepik } from '../../../domain/money.ts';
import { statementTexts } from '../../../domain/statement-texts.ts';
import { trustedMsisdn } from '../../../domain/msisdn.ts';
import { upsertPlans } from '../../../db/plan-repository.ts';
import { demoPlans } from '../../../demo/catalog.ts';
import { applyLineChange } from '../../../services/apply-line-change.ts';
import { cookieHeader, sameOriginHeaders, sessionCookieOf, signUpCustomer, TEST_PASSWORD } from '../../../../test/helpers/customers.ts';
import { msisdnFor, policy } from '../../../../test/helpers/factories.ts';
import { readPdfFonts } from '../../../../test/helpers/pdf-text.ts';
import { assertLedgerBalances, buildTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
let token = '';
const D = msisdnFor(41);
const path = (query = '') => `/api/v1/lines/${encodeURIComponent(D)}/statement${query}`;
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: cookieHeader(token) });

interface Entry { kind: string; description: string; note: string; reference: string | null; details: Record<string, unknown> }

before(async () => {
  t = await buildTestApp('2026-11-26T10:00:00+04:00');
  await t.db.tx((sql) => upsertPlans(sql, demoPlans));
  await signUpCustomer(t, D, 41);
  await t.db.query("update lines set language = 'zh' where msisdn = $1", [D]);
  // A card renewal through the one write path, as activation writes it.
  t.clock.set('2026-12-02T10:00:00+04:00');
  await t.db.tx((sql) => applyLineChange(sql, {
    msisdn: trustedMsisdn(D), idempotencyKey: 'payment:sandbox:sbx_lang1', requestHash: 'h', kind: 'renewal_payment', reference: 'sandbox:sbx_lang1',
    cause: 'test', now: t.clock.now(), policy,
    decide: (line, today) => ({ change: renewWithPayment(line, { planCode: 'ECNEBI_PAKET', months: 3, price: qepik(2700) }, 'sandbox:sbx_lang1', today, policy), result: {} }),
  }));
  // An entry written before details were stored: only the old English note says which plan.
  await t.db.tx(async (sql) => {
    const at = new Date(parseInstant('2026-12-03T09:00:00+04:00'));
    const [op] = await sql.query<{ id: number }>(
      // Every operation's key is written beside it (migration 0061), as the write path does.
      `with op as (insert into ledger_operations (msisdn, idempotency_key, request_hash, kind, reference, result, created_at)
       values ($1, 'legacy-1', 'x', 'renewal_from_balance', null, '{}', $2) returning id, idempotency_key, created_at
       ), k as (insert into ledger_operation_keys (idempotency_key, operation_id, created_at) select idempotency_key, id, created_at from op)
       select id from op`, [D, at]);
    const [line] = await sql.query<{ valid_until: string }>('select valid_until from lines where msisdn = $1', [D]);
    await sql.query(
      `insert into ledger_entries (operation_id, msisdn, kind, amount, valid_until_before, valid_until_after, description, created_at)
       values ($1, $2, 'plan_charge', -100, $3, $3, 'SAXLA_NOMRE × 1 months', $4)`, [op?.id, D, line?.valid_until, at]);
    await sql.query('update lines set balance = balance - 100 where msisdn = $1', [D]);
  });
  t.clock.set('2026-12-05T10:00:00+04:00');
  // Sessions end after 30 idle minutes and the clock jumped days: sign in now.
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: sameOriginHeaders, payload: { phone: D, password: TEST_PASSWORD } });
  token = sessionCookieOf(res)?.value ?? '';
  assert.ok(token, res.body);
});
after(async () => { await t.close(); });

test('JSON: descriptions in the line\'s language by default, with plan names, references apart; ?lang= overrides', async () => {
  const res = await get(path());
  assert.equal(res.statusCode, 200, res.body);
  const s = res.json() as { language: string; entries: Entry[] };
  assert.equal(s.language, 'zh');
  assert.deepEqual(s.entries.map((e) => e.description), ['期初余额', '银行卡付款', '续费：外籍人士套餐 × 3 个月', '续费：保号套餐 × 1 个月']);
  const [, payment, renewal, legacy] = s.entries;
  assert.equal(payment?.reference, 'sandbox:sbx_lang1', 'the payment reference stays, as a field of its own');
  assert.equal(payment?.note, 'payment sandbox:sbx_lang1', 'the technical note is still there for machines');
  assert.deepEqual(renewal?.details, { planCode: 'ECNEBI_PAKET', months: 3 });
  assert.deepEqual(legacy?.details, { planCode: 'SAXLA_NOMRE', months: 1 });
  assert.ok(s.entries.every((e) => !/ECNEBI_PAKET|SAXLA_NOMRE|sbx_/.test(e.description)), 'no code or reference in a description');
  const en = (await get(path('?lang=en'))).json() as { language: string; entries: Entry[] };
  assert.equal(en.language, 'en');
  assert.deepEqual(en.entries.slice(1).map((e) => e.description), ['Card payment', 'Renewal: Expat Pack × 3 months', 'Renewal: Keep My Number × 1 month']);
  const tr = (await get(path('?lang=tr'))).json() as { entries: Entry[] };
  assert.equal(tr.entries[2]?.description, 'Yenileme: Yabancılar Paketi × 3 ay');
  assert.equal((await get(path('?lang=xx'))).statusCode, 400);
  await assertLedgerBalances(t.db);
});

test('CSV: headers and kinds in the statement\'s language; columns=raw keeps the stable English set', async () => {
  const zh = await get(path('?format=csv'));
  assert.equal(zh.statusCode, 200);
  const zhRows = parse(zh.rawPayload, { bom: true }) as string[][];
  assert.deepEqual(zhRows[0], ['日期', '类型', '说明', '金额', '币种', '余额', '原有效期至', '新有效期至', '参考号']);
  assert.deepEqual(zhRows.slice(1).map((r) => [r[1], r[2]]), [
    ['结转余额', ''], ['期初余额', '期初余额'], ['付款', '银行卡付款'], ['套餐', '续费：外籍人士套餐 × 3 个月'], ['套餐', '续费：保号套餐 × 1 个月'], ['期末余额', ''],
  ]);
  assert.equal(zhRows[3]?.[8], 'sandbox:sbx_lang1');
  const ru = parse((await get(path('?format=csv&lang=ru'))).rawPayload, { bom: true }) as string[][];
  assert.equal(ru[0]?.[0], 'Дата');
  assert.equal(ru[3]?.[1], 'Оплата');
  const raw = await get(path('?format=csv&columns=raw'));
  const rows = parse(raw.rawPayload, { bom: true, columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0] ?? {}), ['date', 'kind', 'description', 'amount', 'currency', 'balance_after', 'valid_until_before', 'valid_until_after', 'reference']);
  assert.deepEqual(rows.map((r) => r.kind), ['balance_brought_forward', 'opening_balance', 'payment', 'plan_charge', 'plan_charge', 'closing_balance']);
  assert.equal(rows[3]?.description, 'ECNEBI_PAKET × 3 months', 'raw: Saxla\'s own note, unchanged from before');
  assert.equal((await get(path('?format=csv&columns=pretty'))).statusCode, 400);
});

test('PDF: in the line\'s language with real Chinese glyphs, or in the language asked for', async () => {
  const pdf = await get(path('?format=pdf'));
  assert.equal(pdf.statusCode, 200);
  const zh = readPdfFonts(pdf.rawPayload);
  for (const s of ['Saxla — 账单', '银行卡付款', '续费：外籍人士套餐 × 3 个月', '参考号: sandbox:sbx_lang1', '期末余额']) assert.ok(zh.text.includes(s), `${s} in ${zh.text}`);
  assert.equal(zh.notdef, 0, 'no empty boxes');
  assert.ok(zh.fonts.some((f) => f.endsWith('+NotoSansCJKsc-Regular')), zh.fonts.join());
  const az = readPdfFonts((await get(path('?format=pdf&lang=az'))).rawPayload);
  for (const s of ['Hesabdan çıxarış', 'Kartla ödəniş', 'Yeniləmə: Əcnəbilər üçün × 3 ay']) assert.ok(az.text.includes(s), `${s} in ${az.text}`);
  assert.equal(az.notdef, 0);
  for (const lang of locales) {
    const reading = readPdfFonts((await get(path(`?format=pdf&lang=${lang}`))).rawPayload);
    const l = statementTexts[lang].labels;
    for (const s of [`Saxla — ${l.title}`, l.date, l.amount, `${l.closing}:`, statementTexts[lang].descriptions.payCard]) assert.ok(reading.text.includes(s), `${lang}: ${s} in ${reading.text}`);
    assert.equal(reading.notdef, 0, `${lang}: no empty boxes`);
  }
});

test('the portal\'s History shows the descriptions in the page\'s language, references small', async () => {
  const page = await t.app.inject({ method: 'GET', url: `/lines/${encodeURIComponent(D)}/history?lang=ru`, headers: cookieHeader(token) });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Оплата картой/);
  assert.match(page.body, /Продление: Для иностранцев × 3 мес\./);
  assert.match(page.body, /<small class="muted">Референс: sandbox:sbx_lang1<\/small>/);
  assert.doesNotMatch(page.body, /ECNEBI_PAKET/);
  assert.match(page.body, /statement\?from=[^"]*lang=ru/, 'the download links carry the page language');
});
