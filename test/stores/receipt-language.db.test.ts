// A counter receipt in the receipt's language (the line's at the sale) with the plan's name from the
// catalogue and real glyphs; its QR code opens a page that says "genuine" or "not ours" in that
// language, under the same 60-a-minute limit as the JSON check; the statement names the store.
// On PGlite and (SAXLA_TEST_DB=postgres) on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Receipt } from '../../src/db/receipt-repository.ts';
import { createPosSimulator } from '../../src/payments/pos-provider.ts';
import { startCounterSale, type CounterDeps } from '../../src/services/counter-sale.ts';
import { printCounterReceipt, receiptPageUrl } from '../../src/services/print-counter-receipt.ts';
import { recordIdCheck } from '../../src/services/record-id-check.ts';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import { silentLogger } from '../../src/services/logger.ts';
import { voidReceipt } from '../../src/services/void-receipt.ts';
import type { StaffActor } from '../../src/services/staff-scope.ts';
import { iccidFor, msisdnFor, policy } from '../helpers/factories.ts';
import { buildPaymentsTestApp, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { readPdfFonts } from '../helpers/pdf-text.ts';
import { enrolledStaff, payOnSimulatedTerminal } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

let t: PaymentsTestApp;
let deps: CounterDeps;
let agent: StaffActor;
let receipt: Receipt;
const line = msisdnFor(2);

before(async () => {
  t = await buildPaymentsTestApp({ lines: 2 });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  deps = {
    db: t.db, now: t.clock.now, secret: 'test-secret-for-hmacs-0123456789abcdef', passwordHashing: testPasswordHashing, policy, baseUrl: 'http://saxla.test',
    paymentGraceMs: 1_800_000, counter: { pos: createPosSimulator({ baseUrl: 'http://saxla.test' }) },
  };
  agent = (await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000031', { ip: '10.0.0.5', userAgent: 'test' })).actor;
  await t.db.query("update lines set language = 'zh' where msisdn = $1", [line]);
  await recordIdCheck(deps, agent, { msisdn: line, documentType: 'passport', issuingCountry: 'CHN', documentNumber: 'E12345678', documentExpires: '2030-01-01' as never, iccid: iccidFor(2) });
  const { orderId } = await startCounterSale(deps, agent, { msisdn: line, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: 3, method: 'pos', formKey: 'lang-1' });
  receipt = await payOnSimulatedTerminal(deps, agent, orderId);
});
after(async () => t.close());

test('the receipt prints in the line\'s language: Chinese labels, the plan\'s Chinese name, real glyphs, the check page\'s address', async () => {
  assert.equal(receipt.language, 'zh');
  const { pdf } = await printCounterReceipt(deps, agent, receipt.number);
  const { text, notdef, fonts } = readPdfFonts(pdf);
  const url = `http://saxla.test/receipts/${receipt.number}?lang=zh`;
  for (const s of ['Saxla — 收据', `收据编号: ${receipt.number}`, '套餐: 保号套餐', '实付金额', '扫码核验本收据真伪', url]) assert.ok(text.includes(s), `${s} in ${text}`);
  assert.equal(notdef, 0, 'no empty boxes');
  assert.ok(fonts.some((f) => f.endsWith('+NotoSansCJKsc-Regular')));
  assert.ok(pdf.length < 200_000, `${pdf.length} bytes`);
  assert.equal(receiptPageUrl('http://saxla.test/', 'BAK1-000001-X', 'tr'), 'http://saxla.test/receipts/BAK1-000001-X?lang=tr');
});

test('the QR page: genuine, in the receipt\'s language, with store, Baku time, the last two digits and the amount', async () => {
  const res = await t.anonymousApp.inject({ method: 'GET', url: `/receipts/${receipt.number}?lang=zh`, remoteAddress: '198.51.100.1' });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<html lang="zh"/);
  assert.match(res.body, new RegExp(`真实收据：收据 ${receipt.number} 由 Saxla 开具。`));
  assert.match(res.body, /开具时间（巴库时间）/);
  assert.match(res.body, new RegExp(`…${line.slice(-2)}<`));
  assert.match(res.body, /号码尾号/);
  assert.doesNotMatch(res.body, new RegExp(line.slice(1, -2)), 'never the whole number');
  const en = await t.anonymousApp.inject({ method: 'GET', url: `/receipts/${receipt.number}?lang=en`, remoteAddress: '198.51.100.1' });
  assert.match(en.body, /Genuine receipt/);
  assert.match(en.body, /Baku|28 May/);
  const json = await t.anonymousApp.inject({ method: 'GET', url: `/api/v1/receipts/${receipt.number}/verify`, remoteAddress: '198.51.100.1' });
  assert.equal(json.statusCode, 200, 'the JSON check stays for machines');
  assert.equal(json.json().numberEnding, line.slice(-2));
});

test('an unknown receipt is a 404 page saying "not ours", in the visitor\'s language', async () => {
  const forged = receipt.number.replace(/.{4}$/, 'AAAA');
  const res = await t.anonymousApp.inject({ method: 'GET', url: `/receipts/${forged}?lang=ru`, remoteAddress: '198.51.100.2' });
  assert.equal(res.statusCode, 404);
  assert.match(String(res.headers['content-type']), /text\/html/);
  assert.match(res.body, /Не наш: Saxla не выдавал чек с номером/);
  const junk = await t.anonymousApp.inject({ method: 'GET', url: '/receipts/%3Cscript%3E?lang=tr', remoteAddress: '198.51.100.2' });
  assert.equal(junk.statusCode, 404);
  assert.match(junk.body, /Bizim değil/);
  assert.doesNotMatch(junk.body, /<script>/, 'the number is escaped');
});

test('the page shares the JSON check\'s limit: 60 a minute per address, then 429 with Retry-After', async () => {
  const from = '198.51.100.9';
  for (let i = 0; i < 30; i++) {
    assert.equal((await t.anonymousApp.inject({ method: 'GET', url: `/api/v1/receipts/BAK1-${String(i).padStart(6, '0')}-ABCDEFGHJK/verify`, remoteAddress: from })).statusCode, 404);
    assert.equal((await t.anonymousApp.inject({ method: 'GET', url: `/receipts/BAK1-${String(i).padStart(6, '0')}-ABCDEFGHJK?lang=az`, remoteAddress: from })).statusCode, 404);
  }
  const page = await t.anonymousApp.inject({ method: 'GET', url: `/receipts/${receipt.number}?lang=az`, remoteAddress: from });
  assert.equal(page.statusCode, 429);
  assert.equal(page.headers['retry-after'], '60');
  assert.match(page.body, /Bir dəqiqə gözləyin/);
  assert.equal((await t.anonymousApp.inject({ method: 'GET', url: `/api/v1/receipts/${receipt.number}/verify`, remoteAddress: from })).statusCode, 429);
  assert.equal((await t.anonymousApp.inject({ method: 'GET', url: `/receipts/${receipt.number}`, remoteAddress: '198.51.100.10' })).statusCode, 200, 'another address');
});

test('the line\'s statement says where it was paid: "Card payment at <store>", in the language asked for', async () => {
  const res = await t.anonymousApp.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(line)}/statement?lang=en`, headers: t.customer });
  assert.equal(res.statusCode, 200, res.body);
  const entries = (res.json() as { entries: { kind: string; description: string; reference: string | null }[] }).entries;
  const payment = entries.find((e) => e.kind === 'payment');
  assert.match(payment?.description ?? '', /^Card payment at \S/);
  assert.match(payment?.reference ?? '', /^pos:/);
  assert.equal(entries.find((e) => e.kind === 'plan_charge')?.description, 'Renewal: Keep My Number × 3 months');
  const zh = (await t.anonymousApp.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(line)}/statement`, headers: t.customer })).json() as { entries: { kind: string; description: string }[] };
  assert.match(zh.entries.find((e) => e.kind === 'payment')?.description ?? '', /^门店刷卡付款：/);
});

test('a voided receipt: the page says so, the reprint says so, the statement shows the refund in words', async () => {
  await voidReceipt({ ...deps, logger: silentLogger }, agent, receipt.number, 'customer changed mind');
  const page = await t.anonymousApp.inject({ method: 'GET', url: `/receipts/${receipt.number}?lang=zh`, remoteAddress: '198.51.100.20' });
  assert.equal(page.statusCode, 200, 'still ours');
  assert.match(page.body, /此收据开具后已作废/);
  const { text, notdef } = readPdfFonts((await printCounterReceipt(deps, agent, receipt.number)).pdf);
  assert.ok(text.includes('已作废'), text);
  assert.equal(notdef, 0);
  const res = await t.anonymousApp.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent(line)}/statement?lang=en&format=csv`, headers: t.customer });
  assert.match(res.body, /Refund: renewal cancelled/);
  assert.match(res.body, /Refund: payment returned/);
});
