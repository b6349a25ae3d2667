// The sandbox's hosted payment page: on the page kit with the portal's stylesheet, in the
// visitor's language (?lang=, else the portal cookie), and after the card is answered it takes the
// customer back to the order's page by itself (meta refresh, no script) with a link beside it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { msisdnFor } from '../helpers/factories.ts';
import { buildPaymentsTestApp, orderRenewal, type PaymentsTestApp } from '../helpers/payments-app.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp({ lines: 4 }); });
after(async () => t.close());

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const refreshTo = (body: string): string | undefined => /<meta http-equiv="refresh" content="3; url=([^"]+)">/.exec(body)?.[1];

test('the page speaks the portal cookie’s language, is styled by the kit, and has a way back', async () => {
  const { orderId, sessionId } = await orderRenewal(t, { msisdn: msisdnFor(1), months: 1 });
  const page = await t.app.inject({ method: 'GET', url: `/pay/sandbox/${sessionId}`, cookies: { saxla_lang: 'zh' } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<html lang="zh" dir="ltr">/);
  assert.match(page.body, /<link rel="stylesheet" href="\/assets\/portal\/portal\.css">/);
  assert.match(page.body, /<link rel="icon" href="\/favicon\.ico"/);
  assert.match(page.body, /<h1>Saxla 沙盒支付<\/h1>/);
  assert.match(page.body, /<label for="cardNumber">卡号<\/label>/);
  assert.match(page.body, /₼/);
  assert.ok(page.body.includes(`<a class="button secondary" href="/orders/${orderId}">取消并返回 Saxla</a>`), 'a cancel link to the order');
  assert.equal(refreshTo(page.body), undefined, 'an open page stays put');
  assert.match(String(page.headers['content-security-policy']), /script-src 'none'/);
  const turkish = await t.app.inject({ method: 'GET', url: `/pay/sandbox/${sessionId}?lang=tr`, cookies: { saxla_lang: 'zh' } });
  assert.match(turkish.body, /<html lang="tr"/);
  assert.match(turkish.body, /<button type="submit">Öde<\/button>/);
  assert.equal(turkish.cookies.find((c) => c.name === 'saxla_lang')?.value, 'tr', '?lang= is remembered like on the portal');
});

test('paid: 200, then back to the order by itself, with a link', async () => {
  const { orderId, sessionId } = await orderRenewal(t, { msisdn: msisdnFor(2), months: 1 });
  const paid = await t.app.inject({ method: 'POST', url: `/pay/sandbox/${sessionId}?lang=en`, headers: form, payload: 'cardNumber=4242+4242+4242+4242' });
  assert.equal(paid.statusCode, 200);
  assert.equal(refreshTo(paid.body), `/orders/${orderId}`);
  assert.match(paid.body, /role="status">Payment accepted\./);
  assert.ok(paid.body.includes(`href="/orders/${orderId}"`), 'the no-refresh way back');
  const again = await t.app.inject({ method: 'GET', url: `/pay/sandbox/${sessionId}?lang=en` });
  assert.match(again.body, /This payment is already finished\./);
  assert.equal(refreshTo(again.body), `/orders/${orderId}`);
});

test('declined: 402 in the visitor’s language, back to the order (its cancel address) by itself', async () => {
  const { orderId, sessionId } = await orderRenewal(t, { msisdn: msisdnFor(3), months: 1 });
  const declined = await t.app.inject({ method: 'POST', url: `/pay/sandbox/${sessionId}`, headers: form, cookies: { saxla_lang: 'ru' }, payload: 'cardNumber=4000000000000002' });
  assert.equal(declined.statusCode, 402);
  assert.match(declined.body, /<html lang="ru"/);
  assert.match(declined.body, /role="alert">Карта отклонена\./);
  assert.equal(refreshTo(declined.body), `/orders/${orderId}`);
});

test('an unknown card keeps the form (no redirect); an unknown page is 404', async () => {
  const { sessionId } = await orderRenewal(t, { msisdn: msisdnFor(4), months: 1 });
  const unknown = await t.app.inject({ method: 'POST', url: `/pay/sandbox/${sessionId}?lang=az`, headers: form, payload: 'cardNumber=1234' });
  assert.equal(unknown.statusCode, 422);
  assert.match(unknown.body, /role="alert">Bu sınaq kartı deyil\./);
  assert.match(unknown.body, /<input id="cardNumber"/);
  assert.equal(refreshTo(unknown.body), undefined);
  const missing = await t.app.inject({ method: 'GET', url: '/pay/sandbox/sbx_nothing?lang=en' });
  assert.equal(missing.statusCode, 404);
  assert.match(missing.body, /No such payment page\./);
});
