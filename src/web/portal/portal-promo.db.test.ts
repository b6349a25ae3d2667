// Promo codes on the portal: a refused code says why in the page's language (with the months or
// the minimum order it needs), and "try again" after a declined card keeps the code and the price
// while the quote holds, then a new quote with the code filled in once it no longer does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { locales, type Locale } from '../../domain/money.ts';
import { msisdnFor } from '../../../test/helpers/factories.ts';
import { buildPaymentsTestApp, countRows, deliver, payOnPage, webhookFor, type PaymentsTestApp } from '../../../test/helpers/payments-app.ts';
import { escapeHtml } from '../kit/html.ts';
import { money } from './format.ts';
import { translator } from './i18n.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp({ lines: 2 }); });
after(async () => { await t.close(); });

const form = (url: string, fields: Record<string, string>) => t.app.inject({
  method: 'POST', url, headers: { ...t.customer, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(),
});
const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { ...t.customer, accept: 'text/html' } });
const quoteUrl = (n: number, lang: Locale) => `/lines/${encodeURIComponent(msisdnFor(n))}/quote?lang=${lang}`;

test('a refused code says why, in every language, naming what it needs', async () => {
  for (const lang of locales) {
    const t9n = translator(lang);
    const short = await form(quoteUrl(1, lang), { planCode: 'ECNEBI_PAKET', months: '1', promoCode: 'student5' });
    assert.equal(short.statusCode, 422);
    assert.ok(short.body.includes(escapeHtml(t9n('promo.months', { code: 'STUDENT5', months: '3' }))), `${lang}: needs 3 months`);
    const small = await form(quoteUrl(1, lang), { planCode: 'SAXLA_NOMRE', months: '3', promoCode: 'STUDENT5' });
    const amount = money({ amount: 1000, currency: 'AZN' }, lang);
    assert.ok(small.body.includes(escapeHtml(t9n('promo.minOrder', { code: 'STUDENT5', amount }))), `${lang}: the minimum order`);
    const unknown = await form(quoteUrl(1, lang), { planCode: 'SAXLA_NOMRE', months: '3', promoCode: 'NOSUCH' });
    assert.ok(unknown.body.includes(escapeHtml(t9n('promo.unknown', { code: 'NOSUCH' }))), `${lang}: unknown`);
    // The form keeps what was typed, so the customer can correct it.
    assert.match(unknown.body, /name="promoCode"[^>]*value="NOSUCH"|value="NOSUCH"[^>]*name="promoCode"/);
  }
});

test('declined card: "try again" keeps the code and the price while the quote holds, then fills it in again', async () => {
  const quote = await form(quoteUrl(2, 'zh'), { planCode: 'ECNEBI_PAKET', months: '3', promoCode: 'WELCOME10' });
  assert.equal(quote.statusCode, 200, quote.body);
  const quoteId = /name="quoteId" value="([^"]+)"/.exec(quote.body)?.[1] ?? '';
  const opened = await form('/orders', { quoteId, msisdn: msisdnFor(2), planCode: 'ECNEBI_PAKET', months: '3' });
  const session = /\/pay\/sandbox\/([^/?]+)$/.exec(String(opened.headers.location))?.[1] ?? '';
  assert.equal(await payOnPage(t, session, '4000 0000 0000 0002'), 402);
  assert.equal((await deliver(t, await webhookFor(t, session))).statusCode, 200);
  const declinedId = (await t.sandbox.findSession(session))?.orderId ?? '';

  const declined = await page(`/orders/${declinedId}?lang=zh`);
  const price = money({ amount: 3600 - 360, currency: 'AZN' }, 'zh');
  assert.ok(declined.body.includes(escapeHtml(translator('zh')('order.retrySame', { total: price }))), 'the same price on the button');
  const again = await form('/orders', { quoteId, retryOf: declinedId, msisdn: msisdnFor(2), planCode: 'ECNEBI_PAKET', months: '3' });
  assert.equal(again.statusCode, 303, again.body);
  const newSession = /\/pay\/sandbox\/([^/?]+)$/.exec(String(again.headers.location))?.[1] ?? '';
  const retried = await t.sandbox.findSession(newSession);
  assert.ok(retried && retried.orderId !== declinedId, 'a new order on the same quote');
  assert.equal(await countRows(t.db, 'promo_claims', `code = 'WELCOME10' and order_id = $1`, [retried.orderId]), 2, 'the code is reserved again');
  assert.equal(await countRows(t.db, 'orders', `id = $1 and total = 3240`, [retried.orderId]), 1);

  // A second decline after the price ran out: back to the form, plan, months and code filled in.
  assert.equal(await payOnPage(t, newSession, '4000 0000 0000 0002'), 402);
  assert.equal((await deliver(t, await webhookFor(t, newSession))).statusCode, 200);
  t.clock.advanceMs(16 * 60 * 1000);
  await t.signInAgain();
  const late = await page(`/orders/${retried.orderId}?lang=zh`);
  assert.ok(late.body.includes(`/lines/${encodeURIComponent(msisdnFor(2))}/renew?plan=ECNEBI_PAKET&amp;months=3&amp;promo=WELCOME10`), late.body);
  const renew = await page(`/lines/${encodeURIComponent(msisdnFor(2))}/renew?plan=ECNEBI_PAKET&months=3&promo=WELCOME10&lang=zh`);
  assert.match(renew.body, /value="WELCOME10"/);
});
