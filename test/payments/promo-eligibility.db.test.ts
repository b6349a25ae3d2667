// A promo code's eligibility rules (plans, channels, new customers) at quote and again when the
// payment arrives, and the rule that no order of 0 ever reaches a card provider.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstant } from '../../src/domain/calendar.ts';
import { locales } from '../../src/domain/money.ts';
import { parseMsisdn } from '../../src/domain/msisdn.ts';
import type { Promotion, PromoCodePromotion } from '../../src/domain/promotions.ts';
import { upsertPromotions } from '../../src/db/promotion-repository.ts';
import { createCounterQuote } from '../../src/services/counter-quote.ts';
import { msisdnFor, policy } from '../helpers/factories.ts';
import { buildPaymentsTestApp, countRows, deliver, payOnPage, webhookFor, type PaymentsTestApp } from '../helpers/payments-app.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp({ lines: 3 }); });
after(async () => { await t.close(); });

const names = Object.fromEntries(locales.map((l) => [l, `Test ${l}`])) as PromoCodePromotion['names'];
const window = { validFrom: parseInstant('2026-01-01T00:00:00+04:00'), validUntil: parseInstant('2028-01-01T00:00:00+04:00') };
function codePromotion(code: string, extra: Partial<PromoCodePromotion> = {}): Promotion {
  return {
    kind: 'code', code, names, value: { type: 'percent', basisPoints: 1000 }, ...window,
    perCustomerCap: 5, perLineCap: 5, newCustomersOnly: false, combinable: true, ...extra,
  };
}
async function install(...promotions: Promotion[]): Promise<void> {
  await t.db.tx((sql) => upsertPromotions(sql, promotions));
}

interface Reply { statusCode: number; body: string; json: () => Record<string, unknown> }
async function quote(n: number, promoCode?: string, planCode = 'ECNEBI_PAKET', months = 3): Promise<Reply> {
  return t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(n), planCode, months, ...(promoCode ? { promoCode } : {}) } });
}
async function openOrder(n: number, promoCode?: string): Promise<Reply> {
  const q = await quote(n, promoCode);
  assert.equal(q.statusCode, 201, q.body);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': `k-${String(q.json().quoteId)}` }, payload: { quoteId: q.json().quoteId } });
  assert.equal(res.statusCode, 201, res.body);
  return res;
}
async function pay(orderReply: Reply): Promise<{ status: string; failure_reason: string | null }> {
  const session = String(orderReply.json().paymentUrl).split('/').pop() ?? '';
  assert.equal(await payOnPage(t, session), 200);
  assert.equal((await deliver(t, await webhookFor(t, session))).statusCode, 200);
  const [row] = await t.db.query<{ status: string; failure_reason: string | null }>('select status, failure_reason from orders where id = $1', [orderReply.json().orderId]);
  assert.ok(row);
  return row;
}
function refused(res: Reply, code: string): void {
  assert.equal(res.statusCode, 422, res.body);
  assert.equal(res.json().code, code);
}
const validUntil = async (n: number): Promise<string | undefined> =>
  (await t.db.query<{ valid_until: string }>('select valid_until from lines where msisdn = $1', [msisdnFor(n)]))[0]?.valid_until;

describe('eligibility at quote', () => {
  test('each refusal has its own stable code', async () => {
    await install(
      codePromotion('DATAONLY', { planKinds: ['data'] }), codePromotion('LONG', { minMonths: 6 }),
      codePromotion('STORE', { channels: ['counter'] }), codePromotion('SOON', { validFrom: parseInstant('2027-01-01T00:00:00+04:00') }),
      codePromotion('PAST', { validUntil: parseInstant('2026-11-01T00:00:00+04:00') }),
    );
    refused(await quote(1, 'NOSUCH'), 'PROMO_NOT_FOUND');
    refused(await quote(1, 'PAST'), 'PROMO_EXPIRED');
    refused(await quote(1, 'SOON'), 'PROMO_NOT_STARTED');
    refused(await quote(1, 'DATAONLY'), 'PROMO_PLAN_NOT_COVERED');
    const long = await quote(1, 'LONG');
    refused(long, 'PROMO_MIN_MONTHS');
    assert.match(String(long.json().detail), /needs 6 months/);
    refused(await quote(1, 'STORE'), 'PROMO_NOT_ELIGIBLE');
  });
});

describe('channels: a code for the store is taken at the counter, refused online, and the other way round', () => {
  test('counter quotes are priced with the counter channel', async () => {
    await install(codePromotion('STOREONLY', { channels: ['counter'] }), codePromotion('WEBONLY', { channels: ['online'] }));
    const counter = (promoCode: string) => createCounterQuote({ db: t.db, policy, now: t.clock.now }, { kind: 'renewal', msisdn: parseMsisdn(msisdnFor(1)), planCode: 'ECNEBI_PAKET', months: 3, promoCode }, 'en');
    assert.equal((await counter('STOREONLY')).promoCode, 'STOREONLY');
    await assert.rejects(counter('WEBONLY'), (e: { code?: string }) => e.code === 'PROMO_NOT_ELIGIBLE');
    refused(await quote(1, 'STOREONLY'), 'PROMO_NOT_ELIGIBLE');
    assert.equal((await quote(1, 'WEBONLY')).statusCode, 201);
  });
});

describe('eligibility again at activation', () => {
  test('a code narrowed after the order opened: the payment goes back and nothing is extended', async () => {
    await install(codePromotion('NARROWED', { planKinds: ['foreign_user'] }));
    const opened = await openOrder(2, 'NARROWED');
    const before = await validUntil(2);
    // The operator narrows the campaign while the customer is on the card page.
    await install(codePromotion('NARROWED', { planKinds: ['data'] }));
    const settled = await pay(opened);
    assert.equal(settled.status, 'refunded');
    assert.match(settled.failure_reason ?? '', /plan not covered/);
    assert.equal(await validUntil(2), before);
    assert.equal(await countRows(t.db, 'payments', `refund_reason = 'promo_not_eligible'`), 1);
    assert.equal(await countRows(t.db, 'promo_claims', `code = 'NARROWED' and status = 'redeemed'`), 0);
  });

  test('a code withdrawn after the order opened is not honoured either', async () => {
    await install(codePromotion('WITHDRAWN'));
    const opened = await openOrder(2, 'WITHDRAWN');
    await t.db.query(`update promotions set active = false where code = 'WITHDRAWN'`);
    assert.equal((await pay(opened)).status, 'refunded');
  });

  test('new customers only: refused once a renewal was activated, also when that happened after the quote', async () => {
    await install(codePromotion('NEWBIE', { newCustomersOnly: true }));
    // Line 3's customer has never renewed: the code is quoted and the order opened...
    const withCode = await openOrder(3, 'NEWBIE');
    // ...but a plain renewal is paid first, so the customer is no longer new when the code's order is paid.
    assert.equal((await pay(await openOrder(3))).status, 'activated');
    assert.equal((await pay(withCode)).status, 'refunded');
    refused(await quote(3, 'NEWBIE'), 'PROMO_NEW_CUSTOMERS_ONLY');
  });

  test('a code still eligible is redeemed with the activation', async () => {
    await install(codePromotion('KEPT', { planKinds: ['foreign_user'] }));
    const opened = await openOrder(1, 'KEPT');
    assert.equal((await pay(opened)).status, 'activated');
    assert.equal(await countRows(t.db, 'promo_claims', `code = 'KEPT' and status = 'redeemed' and order_id = $1`, [opened.json().orderId]), 2);
  });
});

describe('an order of 0 never reaches a card provider', () => {
  test('a code that would make the renewal free is refused at quote', async () => {
    // 99.99 % of 4.50 AZN rounds to all of it; the catalogue refuses a plain 100 % without a floor.
    await install(codePromotion('ALLFREE', { value: { type: 'percent', basisPoints: 9999 } }));
    const res = await quote(1, 'ALLFREE', 'SAXLA_NOMRE');
    refused(res, 'PROMO_NOT_APPLICABLE');
    assert.match(String(res.json().detail), /free order/);
  });

  test('promotions alone that make it free are refused too, and no payment page is opened', async () => {
    const sessions = await countRows(t.db, 'sandbox_payments');
    await install({ kind: 'automatic', code: 'GIVEAWAY', names, value: { type: 'percent', basisPoints: 9999 }, ...window, planCodes: ['DANISIQ_300'] });
    refused(await quote(1, undefined, 'DANISIQ_300', 1), 'ORDER_TOTAL_ZERO');
    assert.equal(await countRows(t.db, 'quotes', 'total = 0'), 0);
    assert.equal(await countRows(t.db, 'sandbox_payments'), sessions);
  });
});
