// The order page's unhappy states over inject: a provider that is slow to confirm, a declined
// card and an expired price. Each has its own page in every language and a way forward that
// cannot charge twice (the browser test covers the declined page's look and a11y in English).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locale } from '../../domain/money.ts';
import { silentLogger } from '../../services/logger.ts';
import { expireOrders } from '../../services/expire-orders.ts';
import { msisdnFor } from '../../../test/helpers/factories.ts';
import {
  buildPaymentsTestApp, countRows, deliver, payOnPage, webhookFor, type PaymentsTestApp,
} from '../../../test/helpers/payments-app.ts';
import { assertLedgerBalances } from '../../../test/helpers/test-app.ts';
import { escapeHtml } from '../kit/html.ts';
import { translator, type MessageKey } from './i18n.ts';

const DECLINED_CARD = '4000 0000 0000 0002';
const MINUTE = 60 * 1000;

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp({ lines: 3 }); });
after(async () => { await t.close(); });

const page = (url: string) => t.app.inject({ method: 'GET', url, headers: { ...t.customer, accept: 'text/html' } });
const form = (url: string, fields: Record<string, string>) => t.app.inject({
  method: 'POST', url, headers: { ...t.customer, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString(),
});
const orderPage = (orderId: string, lang: Locale) => page(`/orders/${orderId}?lang=${lang}`);
const h1Of = (body: string): string => /<h1>([^<]*)<\/h1>/.exec(body)?.[1] ?? '';
/** The page's text for a message key, as the HTML carries it. */
const text = (lang: Locale, key: MessageKey): string => escapeHtml(translator(lang)(key));
const renewUrl = (n: number, months: number): string => `/lines/${encodeURIComponent(msisdnFor(n))}/renew?plan=SAXLA_NOMRE&amp;months=${months}`;

/** The quote page through the portal form; returns its quote id. */
async function quoteThroughPortal(n: number, months: number): Promise<string> {
  const res = await form(`/lines/${encodeURIComponent(msisdnFor(n))}/quote`, { planCode: 'SAXLA_NOMRE', months: String(months) });
  assert.equal(res.statusCode, 200, res.body);
  const quoteId = /name="quoteId" value="([^"]+)"/.exec(res.body)?.[1];
  assert.ok(quoteId, 'the quote page carries its quote id');
  return quoteId;
}

/** "Pay" on the quote page: the portal opens the order and sends the browser to the provider. */
async function payQuote(n: number, months: number, quoteId: string, retryOf?: string): Promise<{ orderId: string; sessionId: string; paymentUrl: string }> {
  const res = await form('/orders', { quoteId, msisdn: msisdnFor(n), planCode: 'SAXLA_NOMRE', months: String(months), ...(retryOf ? { retryOf } : {}) });
  assert.equal(res.statusCode, 303, res.body);
  const paymentUrl = String(res.headers.location);
  const sessionId = /\/pay\/sandbox\/([^/?]+)$/.exec(paymentUrl)?.[1] ?? '';
  const session = await t.sandbox.findSession(sessionId);
  assert.ok(session, `the portal redirected to a sandbox payment page: ${paymentUrl}`);
  return { orderId: session.orderId, sessionId, paymentUrl };
}

const effects = async (n: number) => ({
  operations: await countRows(t.db, 'ledger_operations', `msisdn = $1 and kind = 'renewal_payment'`, [msisdnFor(n)]),
  sms: await countRows(t.db, 'sms_outbox', `msisdn = $1 and kind = 'renewal_confirmation'`, [msisdnFor(n)]),
  // Money taken for this line, in any state (a refund would be a second charge undone).
  payments: await countRows(t.db, 'payments p join orders o on o.id = p.order_id join quotes q on q.id = o.quote_id',
    `q.items @> jsonb_build_array(jsonb_build_object('msisdn', $1::text))`, [msisdnFor(n)]),
  validUntil: (await t.db.query<{ valid_until: string }>('select valid_until from lines where msisdn = $1', [msisdnFor(n)]))[0]?.valid_until,
});

test('provider timeout: past 3 minutes unpaid the page says so, offers no second payment, and keeps following the order', async () => {
  const quoteId = await quoteThroughPortal(1, 3);
  const { orderId, sessionId, paymentUrl } = await payQuote(1, 3, quoteId);
  assert.equal(await payOnPage(t, sessionId), 200, 'the customer paid; the provider has not confirmed yet');

  t.clock.advanceMs(2 * MINUTE);
  const waiting = await orderPage(orderId, 'en');
  assert.equal(h1Of(waiting.body), text('en', 'order.waitTitle'), 'under 3 minutes it is an ordinary wait');
  assert.ok(waiting.body.includes(`href="${paymentUrl}"`), 'while ordinary, the payment page can be reopened');

  t.clock.advanceMs(MINUTE + 1000);
  for (const lang of ['en', 'az', 'ru'] as const) {
    const slow = await orderPage(orderId, lang);
    assert.equal(slow.statusCode, 200);
    assert.equal(h1Of(slow.body), text(lang, 'order.timeoutTitle'), lang);
    assert.ok(slow.body.includes(`<title>${text(lang, 'order.timeoutTitle')}`), `${lang}: the tab title says it too`);
    assert.ok(slow.body.includes(text(lang, 'order.timeoutText')), `${lang}: the timeout text`);
    assert.ok(!slow.body.includes(paymentUrl) && !slow.body.includes('/pay/sandbox/'), `${lang}: no link to pay again`);
    assert.ok(!slow.body.includes(text(lang, 'order.payAgain')), `${lang}: no "open the payment page" button`);
    assert.ok(!slow.body.includes(renewUrl(1, 3)), `${lang}: no retry that would start a second order`);
    // Still following the order: the polling script, a refresh without JavaScript, "check now".
    assert.match(slow.body, new RegExp(`<script src="/assets/portal/order-wait\\.js" defer data-order="${orderId}"></script>`));
    assert.match(slow.body, /<noscript><meta http-equiv="refresh" content="\d+"><\/noscript>/);
    assert.ok(slow.body.includes(`href="/orders/${orderId}">${text(lang, 'order.checkNow')}</a>`), `${lang}: check now`);
    assert.match(slow.body, /data-status="pending_payment"/);
  }
  assert.deepEqual(await effects(1), { operations: 0, sms: 0, payments: 0, validUntil: '2026-12-20' });

  // "Back" and Pay again on the same quote reopens the same order and its (used) page: no charge.
  const again = await payQuote(1, 3, quoteId);
  assert.deepEqual(again, { orderId, sessionId, paymentUrl });
  assert.equal(await payOnPage(t, sessionId), 409, 'the hosted page was already used');
  assert.equal(await countRows(t.db, 'orders', 'quote_id = $1', [quoteId]), 1);

  // The late confirmation arrives: the same page now shows the renewal, applied once.
  assert.equal((await deliver(t, await webhookFor(t, sessionId))).statusCode, 200);
  const done = await orderPage(orderId, 'en');
  assert.equal(h1Of(done.body), text('en', 'order.doneTitle'));
  assert.match(done.body, /data-status="activated"/);
  assert.doesNotMatch(done.body, /order-wait\.js/, 'a settled order is no longer polled');
  assert.deepEqual(await effects(1), { operations: 1, sms: 1, payments: 1, validUntil: '2027-03-20' });
});

test('declined card: a clear page, the used payment page stays closed, and the retry pays once on the same quote', async () => {
  const oldQuoteId = await quoteThroughPortal(2, 3);
  const declined = await payQuote(2, 3, oldQuoteId);
  assert.equal(await payOnPage(t, declined.sessionId, DECLINED_CARD), 402);
  const declineHook = await webhookFor(t, declined.sessionId);
  assert.equal((await deliver(t, declineHook)).statusCode, 200);

  for (const lang of ['en', 'ru', 'az'] as const) {
    const res = await orderPage(declined.orderId, lang);
    assert.equal(res.statusCode, 200);
    assert.equal(h1Of(res.body), text(lang, 'order.declinedTitle'), lang);
    assert.ok(res.body.includes(`data-status="failed">${text(lang, 'order.declinedText')}</p>`), `${lang}: the declined text`);
    // The quote's price still holds: "try again" pays the same quote, at the same price.
    assert.ok(res.body.includes(`name="retryOf" value="${declined.orderId}"`), `${lang}: retry on the same quote`);
    assert.ok(res.body.includes(`name="quoteId" value="${oldQuoteId}"`), `${lang}: retry on the same quote`);
    assert.ok(!res.body.includes('/pay/sandbox/'), `${lang}: the old payment is not offered again`);
    assert.doesNotMatch(res.body, /order-wait\.js/);
  }
  assert.equal(await payOnPage(t, declined.sessionId), 409, 'the declined page cannot be paid again');
  assert.deepEqual(await effects(2), { operations: 0, sms: 0, payments: 0, validUntil: '2026-12-20' });

  // The retry form: the same quote, a new order and page.
  const retry = await payQuote(2, 3, oldQuoteId, declined.orderId);
  assert.notEqual(retry.orderId, declined.orderId);
  assert.notEqual(retry.sessionId, declined.sessionId);
  assert.equal(await payOnPage(t, retry.sessionId), 200);
  const paidHook = await webhookFor(t, retry.sessionId);
  // The provider resends, and the old decline turns up again: still one renewal.
  for (const hook of [paidHook, paidHook, declineHook]) assert.equal((await deliver(t, hook)).statusCode, 200);

  assert.match((await orderPage(retry.orderId, 'en')).body, /data-status="activated"/);
  assert.equal(h1Of((await orderPage(declined.orderId, 'en')).body), text('en', 'order.declinedTitle'), 'the old order stays declined');
  assert.deepEqual(await effects(2), { operations: 1, sms: 1, payments: 1, validUntil: '2027-03-20' });
  // "Back" to the old quote and Pay: its old order's used page again, never a second charge.
  const back = await payQuote(2, 3, oldQuoteId);
  assert.equal(back.orderId, declined.orderId);
  assert.equal(await payOnPage(t, back.sessionId), 409);
  assert.deepEqual(await effects(2), { operations: 1, sms: 1, payments: 1, validUntil: '2027-03-20' });
  await assertLedgerBalances(t.db);
});

test('expired quote: before the order, and an order left unpaid, each get a new price and pay once', async () => {
  const staleQuoteId = await quoteThroughPortal(3, 1);
  t.clock.advanceMs(15 * MINUTE);
  for (const lang of ['en', 'az'] as const) {
    const res = await form(`/orders?lang=${lang}`, { quoteId: staleQuoteId, msisdn: msisdnFor(3), planCode: 'SAXLA_NOMRE', months: '1' });
    assert.equal(res.statusCode, 409);
    assert.equal(h1Of(res.body), text(lang, 'order.expiredTitle'), lang);
    assert.ok(res.body.includes(text(lang, 'order.expiredText')), `${lang}: the expired text`);
    assert.ok(res.body.includes(`href="${renewUrl(3, 1)}">${text(lang, 'order.newQuote')}</a>`), `${lang}: get a new price`);
  }
  assert.equal(await countRows(t.db, 'orders', 'quote_id = $1', [staleQuoteId]), 0, 'no order on an expired quote');

  // A new price, an order nobody pays: after the quote and its grace it expires.
  const unpaid = await payQuote(3, 1, await quoteThroughPortal(3, 1));
  t.clock.advanceMs(46 * MINUTE);
  await t.signInAgain();
  await expireOrders({ ...t.deps, providers: t.payments.providers, logger: silentLogger });
  for (const lang of ['en', 'ru'] as const) {
    const res = await orderPage(unpaid.orderId, lang);
    assert.equal(h1Of(res.body), text(lang, 'order.expiredTitle'), lang);
    assert.ok(res.body.includes(`data-status="expired">${text(lang, 'order.expiredText')}</p>`), `${lang}: the expired text`);
    assert.ok(res.body.includes(`href="${renewUrl(3, 1)}">${text(lang, 'order.newQuote')}</a>`), `${lang}: get a new price`);
    assert.ok(!res.body.includes('/pay/sandbox/'), `${lang}: the expired order's page is not offered`);
    assert.doesNotMatch(res.body, /order-wait\.js/);
  }

  const fresh = await payQuote(3, 1, await quoteThroughPortal(3, 1));
  assert.notEqual(fresh.orderId, unpaid.orderId);
  assert.equal(await payOnPage(t, fresh.sessionId), 200);
  assert.equal((await deliver(t, await webhookFor(t, fresh.sessionId))).statusCode, 200);
  assert.match((await orderPage(fresh.orderId, 'en')).body, /data-status="activated"/);
  assert.deepEqual(await effects(3), { operations: 1, sms: 1, payments: 1, validUntil: '2027-01-20' });
  await assertLedgerBalances(t.db);
});
