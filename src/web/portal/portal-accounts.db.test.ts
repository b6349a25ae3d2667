// Several numbers in the portal, in Chinese: add one with a code, remove one, renew two in one
// order with the multi-line discount (paid once, both extended), move balance with a code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { provisionLines } from '../../services/provision-lines.ts';
import { iccidFor, msisdnFor, policy } from '../../../test/helpers/factories.ts';
import { buildPaymentsTestApp, countRows, deliver, payOnPage, webhookFor, type PaymentsTestApp } from '../../../test/helpers/payments-app.ts';
import { assertLedgerBalances } from '../../../test/helpers/test-app.ts';
import { escapeHtml } from '../kit/html.ts';
import { translator, type MessageKey } from './i18n.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp({ lines: 3 }); });
after(async () => { await t.close(); });

const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { ...t.customer, accept: 'text/html' } });
const form = (url: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return t.app.inject({ method: 'POST', url, headers: { ...t.customer, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
};
const zh = (key: MessageKey, values?: Readonly<Record<string, string | number>>): string => escapeHtml(translator('zh')(key, values));
const [ONE, TWO, THREE, FOUR] = [msisdnFor(1), msisdnFor(2), msisdnFor(3), msisdnFor(4)];
const enc = encodeURIComponent;

async function latestCode(msisdn: string): Promise<string> {
  const [row] = await t.db.query<{ body: string }>("select body from sms_outbox where msisdn = $1 and kind = 'otp' order by id desc limit 1", [msisdn]);
  const code = /\b(\d{6})\b/.exec(row?.body ?? '')?.[1];
  assert.ok(code, `a code went to ${msisdn}`);
  return code;
}
const validUntil = async (msisdn: string) => (await t.db.query<{ valid_until: string }>('select valid_until from lines where msisdn = $1', [msisdn]))[0]?.valid_until;
const balance = async (msisdn: string) => (await t.db.query<{ balance: number }>('select balance from lines where msisdn = $1', [msisdn]))[0]?.balance;

test('the dashboard in Chinese lists every number with its actions; only added numbers can be removed', async () => {
  const res = await page('/dashboard?lang=zh');
  assert.equal(res.statusCode, 200);
  for (const key of ['dash.add', 'dash.renewSeveral', 'dash.transfer'] as const) assert.ok(res.body.includes(zh(key)), key);
  assert.ok(!res.body.includes(`/lines/${enc(ONE)}/remove`), 'not the login number');
  assert.ok(res.body.includes(`/lines/${enc(TWO)}/remove`));
  assert.equal((res.body.match(/<article class="line/g) ?? []).length, 3);
});

test('adding a number with the code sent to it, then removing it after a question', async () => {
  await provisionLines({ db: t.db, policy, now: t.clock.now }, [{ row: 1, msisdn: FOUR, iccid: iccidFor(4), balance: 300, validUntil: '2026-12-20', language: 'zh' }]);
  assert.equal((await page('/lines/add?lang=zh')).statusCode, 200);
  const asked = await form('/lines/add?lang=zh', { msisdn: '050 000 00 04' });
  assert.equal(asked.statusCode, 200, asked.body);
  assert.ok(asked.body.includes(zh('link.codeTitle', { msisdn: '+994 50 000 00 04' })));
  const wrong = await form('/lines/add/verify?lang=zh', { msisdn: FOUR, code: '000000' === await latestCode(FOUR) ? '111111' : '000000' });
  assert.equal(wrong.statusCode, 422);
  assert.ok(wrong.body.includes(zh('error.code')));
  const added = await form('/lines/add/verify?lang=zh', { msisdn: FOUR, code: await latestCode(FOUR) });
  assert.equal(added.statusCode, 303, added.body);
  const dashboard = await page(`${String(added.headers.location)}&lang=zh`);
  assert.ok(dashboard.body.includes(zh('link.added', { msisdn: '+994 50 000 00 04' })));

  const question = await page(`/lines/${enc(FOUR)}/remove?lang=zh`);
  assert.equal(question.statusCode, 200);
  assert.ok(question.body.includes(zh('remove.intro')));
  assert.equal(await countRows(t.db, 'customer_line_removals'), 0, 'a GET changes nothing');
  const removed = await form(`/lines/${enc(FOUR)}/remove`, {});
  assert.equal(removed.statusCode, 303);
  const after = await page(`${String(removed.headers.location)}&lang=zh`);
  assert.ok(after.body.includes(zh('remove.done', { msisdn: '+994 50 000 00 04' })));
  assert.ok(!after.body.includes('+994 50 000 00 04</h2>'), 'no longer listed');
  assert.equal(await countRows(t.db, 'customer_line_removals'), 1);
  const loginQuestion = await page(`/lines/${enc(ONE)}/remove?lang=zh`);
  assert.ok(loginQuestion.body.includes(zh('remove.login')), 'the login number: no question, the reason');
  assert.ok(!loginQuestion.body.includes('action="/lines/'), 'and no form');
  const login = await form(`/lines/${enc(ONE)}/remove?lang=zh`, {});
  assert.equal(login.statusCode, 409);
  assert.ok(login.body.includes(zh('remove.login')));
});

test('renewing two numbers in one order: one quote with the multi-line discount, one payment, both extended', async () => {
  const formPage = await page('/renew-several?lang=zh');
  assert.equal(formPage.statusCode, 200);
  assert.ok(formPage.body.includes(zh('several.title')));
  const none = await form('/renew-several/quote?lang=zh', { planCode: 'SAXLA_NOMRE', months: '3' });
  assert.equal(none.statusCode, 422);
  assert.ok(none.body.includes(zh('several.none')));

  const before = [await validUntil(TWO), await validUntil(THREE)];
  const quote = await form('/renew-several/quote?lang=zh', { msisdn: [TWO, THREE], planCode: 'SAXLA_NOMRE', months: '3' });
  assert.equal(quote.statusCode, 200, quote.body);
  assert.ok(quote.body.includes(`${zh('quote.discount')}: 多号码优惠`), 'the multi-line discount, named in Chinese');
  assert.ok(quote.body.includes(zh('several.change')));
  const quoteId = /name="quoteId" value="([^"]+)"/.exec(quote.body)?.[1] ?? '';
  const order = await form('/orders', { quoteId, msisdn: TWO, planCode: 'SAXLA_NOMRE', months: '3' });
  assert.equal(order.statusCode, 303, order.body);
  const sessionId = /\/pay\/sandbox\/([^/?]+)$/.exec(String(order.headers.location))?.[1] ?? '';
  await payOnPage(t, sessionId);
  assert.equal((await deliver(t, await webhookFor(t, sessionId))).statusCode, 200);
  const afterRenewal = [await validUntil(TWO), await validUntil(THREE)];
  assert.notEqual(afterRenewal[0], before[0]);
  assert.notEqual(afterRenewal[1], before[1]);
  assert.equal(await countRows(t.db, 'payments'), 1, 'one payment for both numbers');
  await assertLedgerBalances(t.db);
});

test('moving balance in Chinese: form with the limits, a code to the sending number, the result', async () => {
  const formPage = await page('/transfer?lang=zh');
  assert.equal(formPage.statusCode, 200, formPage.body);
  assert.ok(formPage.body.includes(zh('transfer.title')));
  assert.ok(formPage.body.includes('<label for="amount">'), 'a visible label');
  const key = /name="key" value="([^"]+)"/.exec(formPage.body)?.[1] ?? '';
  const bad = await form('/transfer?lang=zh', { key, from: ONE, to: TWO, amount: 'abc' });
  assert.equal(bad.statusCode, 422);
  assert.ok(bad.body.includes(zh('transfer.badAmount')));
  const tooMuch = await form('/transfer?lang=zh', { key: `${key}-x`, from: ONE, to: TWO, amount: '4,50' });
  assert.equal(tooMuch.statusCode, 422);
  assert.ok(tooMuch.body.includes(zh('error.transferLeft')));

  const [oneBefore, twoBefore] = [await balance(ONE), await balance(TWO)];
  const asked = await form('/transfer?lang=zh', { key, from: ONE, to: TWO, amount: '2,50' });
  assert.equal(asked.statusCode, 303, asked.body);
  const twice = await form('/transfer?lang=zh', { key, from: ONE, to: TWO, amount: '2,50' });
  assert.equal(twice.headers.location, asked.headers.location, 'a double press asks once');
  const codePage = await page(`${String(asked.headers.location)}?lang=zh`);
  assert.ok(codePage.body.includes(zh('transfer.codeTitle')));
  const action = /action="(\/transfer\/[^"]+\/confirm)"/.exec(codePage.body)?.[1] ?? '';
  const done = await form(`${action}?lang=zh`, { code: await latestCode(ONE) });
  assert.equal(done.statusCode, 303, done.body);
  const result = await page(`${String(done.headers.location)}?lang=zh`);
  assert.ok(result.body.includes(zh('transfer.doneTitle')));
  assert.deepEqual([await balance(ONE), await balance(TWO)], [(oneBefore ?? 0) - 250, (twoBefore ?? 0) + 250]);
  await assertLedgerBalances(t.db);
});
