// Promo codes that cannot be abused, end to end: a minimum order, caps per customer and per line
// held by unique claim rows (reserved with the order, redeemed at activation), a race for the last
// use, no order of 0, and the code's rules asked again when the payment arrives.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstant } from '../../src/domain/calendar.ts';
import { locales } from '../../src/domain/money.ts';
import type { Promotion, PromoCodePromotion } from '../../src/domain/promotions.ts';
import { upsertPromotions, reserveClaim } from '../../src/db/promotion-repository.ts';
import { msisdnFor } from '../helpers/factories.ts';
import { buildPaymentsTestApp, countRows, deliver, payOnPage, webhookFor, type PaymentsTestApp } from '../helpers/payments-app.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp({ lines: 4 }); });
after(async () => { await t.close(); });

const names = Object.fromEntries(locales.map((l) => [l, `Test ${l}`])) as PromoCodePromotion['names'];
function codePromotion(code: string, extra: Partial<PromoCodePromotion> = {}): Promotion {
  return {
    kind: 'code', code, names, value: { type: 'percent', basisPoints: 1000 },
    validFrom: parseInstant('2026-01-01T00:00:00+04:00'), validUntil: parseInstant('2028-01-01T00:00:00+04:00'),
    perCustomerCap: 1, perLineCap: 1, newCustomersOnly: false, combinable: true, ...extra,
  };
}
async function install(...promotions: Promotion[]): Promise<void> {
  await t.db.tx((sql) => upsertPromotions(sql, promotions));
}

interface Reply { statusCode: number; body: string; json: () => Record<string, unknown> }
async function quote(n: number, promoCode: string, planCode = 'ECNEBI_PAKET', months = 3): Promise<Reply> {
  return t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(n), planCode, months, promoCode } });
}
async function quoteId(n: number, promoCode: string, planCode?: string): Promise<string> {
  const res = await quote(n, promoCode, planCode);
  assert.equal(res.statusCode, 201, res.body);
  return String(res.json().quoteId);
}
async function order(id: string): Promise<Reply> {
  return t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': `k-${id}` }, payload: { quoteId: id } });
}
async function pay(orderReply: Reply): Promise<Record<string, unknown>> {
  const session = String(orderReply.json().paymentUrl).split('/').pop() ?? '';
  assert.equal(await payOnPage(t, session), 200);
  const res = await deliver(t, await webhookFor(t, session));
  assert.equal(res.statusCode, 200);
  const [row] = await t.db.query<Record<string, unknown>>('select status, failure_reason from orders where id = $1', [orderReply.json().orderId]);
  return row ?? {};
}
function refused(res: Reply, code: string): void {
  assert.equal(res.statusCode, 422, res.body);
  assert.equal(res.json().code, code);
}

describe('STUDENT5 from the issue', () => {
  test('a 3-month keep-number renewal (4.50 AZN) is refused as below the minimum order, naming it', async () => {
    const res = await quote(1, 'STUDENT5', 'SAXLA_NOMRE');
    refused(res, 'PROMO_MIN_ORDER');
    assert.match(String(res.json().detail), /1000 qəpik/);
  });
  test('a 3-month Expat Pack (36 AZN) gets 5 AZN off', async () => {
    const res = await quote(1, 'STUDENT5');
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().total, { amount: 3100, currency: 'AZN' });
  });
});

describe('caps held by the database', () => {
  test('once per customer: reserved when the order opens, redeemed when it is paid', async () => {
    await install(codePromotion('ONCE'));
    const first = await order(await quoteId(1, 'ONCE'));
    assert.equal(first.statusCode, 201, first.body);
    // Reserved, not yet paid: another quote is refused already, for another line too.
    refused(await quote(2, 'ONCE'), 'PROMO_ALREADY_USED');
    assert.equal((await pay(first)).status, 'activated');
    assert.equal(await countRows(t.db, 'promo_claims', `code = 'ONCE' and status = 'redeemed'`), 2);
    refused(await quote(2, 'ONCE'), 'PROMO_ALREADY_USED');
  });

  test('once per line, whoever the customer is allowed: the second order for the line is refused', async () => {
    await install(codePromotion('PERLINE', { perCustomerCap: 5 }));
    assert.equal((await pay(await order(await quoteId(3, 'PERLINE')))).status, 'activated');
    refused(await quote(3, 'PERLINE'), 'PROMO_ALREADY_USED');
    const other = await quote(4, 'PERLINE');
    assert.equal(other.statusCode, 201, other.body);
  });

  test('an order that expires unpaid gives its use back', async () => {
    await install(codePromotion('EXPIRES', { perCustomerCap: 5 }));
    const first = await order(await quoteId(2, 'EXPIRES'));
    assert.equal(first.statusCode, 201, first.body);
    refused(await quote(2, 'EXPIRES'), 'PROMO_ALREADY_USED');
    await t.db.query(`update orders set status = 'expired' where id = $1`, [first.json().orderId]);
    const again = await order(await quoteId(2, 'EXPIRES'));
    assert.equal(again.statusCode, 201, again.body);
    assert.equal(await countRows(t.db, 'promo_claims', `code = 'EXPIRES' and order_id = $1`, [first.json().orderId]), 0);
  });

  test('two orders racing for the last use: one opens, the other is refused', async () => {
    await install(codePromotion('RACE'));
    // Both quotes are priced before either order exists, so both carry the discount.
    const [a, b] = [await quoteId(1, 'RACE'), await quoteId(2, 'RACE')];
    const replies = await Promise.all([order(a), order(b)]);
    assert.deepEqual(replies.map((r) => r.statusCode).sort(), [201, 422], replies.map((r) => r.body).join('\n'));
    assert.equal(replies.find((r) => r.statusCode === 422)?.json().code, 'PROMO_ALREADY_USED');
    assert.equal(await countRows(t.db, 'promo_claims', `code = 'RACE' and holder_kind = 'customer'`), 1);
  });

  test('the slot key decides even without the promotion lock: two transactions, one claim', async () => {
    await install(codePromotion('KEYED'));
    const plain = async (n: number): Promise<string> => {
      const q = await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(n), planCode: 'ECNEBI_PAKET', months: 1 } });
      const opened = await order(String(q.json().quoteId));
      assert.equal(opened.statusCode, 201, opened.body);
      return String(opened.json().orderId);
    };
    const ids = [await plain(1), await plain(2)];
    const at = new Date(t.clock.now());
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    // The first holds its uncommitted claim while the second tries the same slot (PostgreSQL makes
    // the second wait for the first's commit; PGlite runs the two one after the other).
    const first = t.db.tx(async (sql) => {
      const won = await reserveClaim(sql, { kind: 'customer', holder: 'racer', code: 'KEYED', cap: 1, orderId: ids[0] ?? '' }, at);
      await held;
      return won;
    });
    const second = t.db.tx((sql) => reserveClaim(sql, { kind: 'customer', holder: 'racer', code: 'KEYED', cap: 1, orderId: ids[1] ?? '' }, at));
    setTimeout(release, 150);
    assert.deepEqual((await Promise.all([first, second])).sort(), [false, true]);
    assert.equal(await countRows(t.db, 'promo_claims', `code = 'KEYED'`), 1);
  });
});

describe('activation', () => {
  test('two activations at once of orders that each hold a use: both redeem, nothing else moves', async () => {
    await install(codePromotion('TWICE', { perCustomerCap: 2 }));
    const opened = [await order(await quoteId(1, 'TWICE')), await order(await quoteId(2, 'TWICE'))];
    for (const o of opened) assert.equal(o.statusCode, 201, o.body);
    const sessions = opened.map((o) => String(o.json().paymentUrl).split('/').pop() ?? '');
    for (const s of sessions) assert.equal(await payOnPage(t, s), 200);
    const hooks = await Promise.all(sessions.map((s) => webhookFor(t, s)));
    const replies = await Promise.all(hooks.map((h) => deliver(t, h)));
    assert.deepEqual(replies.map((r) => r.statusCode), [200, 200]);
    assert.equal(await countRows(t.db, 'orders', `id = any($1::text[]) and status = 'activated'`, [opened.map((o) => o.json().orderId)]), 2);
    assert.equal(await countRows(t.db, 'promo_claims', `code = 'TWICE' and holder_kind = 'customer' and status = 'redeemed'`), 2);
    refused(await quote(3, 'TWICE'), 'PROMO_ALREADY_USED');
  });

  test('a payment for an order whose use was given back meanwhile is refunded, not activated at the discount', async () => {
    await install(codePromotion('LOST', { perCustomerCap: 5, perLineCap: 5 }));
    const opened = await order(await quoteId(4, 'LOST'));
    await t.db.query('delete from promo_claims where order_id = $1', [opened.json().orderId]);
    const settled = await pay(opened);
    assert.equal(settled.status, 'refunded');
  });
});
