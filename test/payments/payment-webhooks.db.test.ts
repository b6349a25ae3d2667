// Signed webhooks: exactly-once activation whatever the provider resends, declines, bad
// signatures, events that match nothing, and money arriving for an order that can no longer take it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { msisdnFor } from '../helpers/factories.ts';
import { assertLedgerBalances } from '../helpers/test-app.ts';
import { silentLogger } from '../../src/services/logger.ts';
import { signSandboxPayload } from '../../src/payments/sandbox-signature.ts';
import {
  buildPaymentsTestApp, countRows, deliver, orderRenewal, payOnPage, SANDBOX_SECRET, webhookFor, type PaymentsTestApp,
} from '../helpers/payments-app.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp({ lines: 8 }); });
after(async () => { await t.close(); });

const validUntil = async (n: number): Promise<string> =>
  (await t.db.query<{ valid_until: string }>('select valid_until from lines where msisdn = $1', [msisdnFor(n)]))[0]?.valid_until ?? '';
const orderStatus = async (orderId: string): Promise<Record<string, unknown>> =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}` })).json();
const effects = async (n: number) => ({
  operations: await countRows(t.db, 'ledger_operations', `msisdn = $1 and kind = 'renewal_payment'`, [msisdnFor(n)]),
  sms: await countRows(t.db, 'sms_outbox', `msisdn = $1 and kind = 'renewal_confirmation'`, [msisdnFor(n)]),
  validUntil: await validUntil(n),
});

describe('sandbox webhooks', () => {
  test('the same event 5 times in a row → one ledger operation, one extension, one SMS', async () => {
    const { orderId, sessionId } = await orderRenewal(t, { msisdn: msisdnFor(1), months: 3 });
    assert.equal(await payOnPage(t, sessionId), 200);
    const hook = await webhookFor(t, sessionId);
    for (let i = 0; i < 5; i++) assert.equal((await deliver(t, hook)).statusCode, 200);
    assert.deepEqual(await effects(1), { operations: 1, sms: 1, validUntil: '2027-03-20' });
    assert.equal((await orderStatus(orderId)).status, 'activated');
    const sms = await t.db.query<{ body: string }>("select body from sms_outbox where msisdn = $1 and kind = 'renewal_confirmation'", [msisdnFor(1)]);
    assert.match(sms[0]?.body ?? '', /renewed: Keep My Number, 3 months, paid 4\.50 AZN\. Valid until 20\.03\.2027/);
    await assertLedgerBalances(t.db);
  });

  test('5 copies in parallel, with distinct event ids too → still exactly once', async () => {
    const { sessionId } = await orderRenewal(t, { msisdn: msisdnFor(2), months: 1 });
    await payOnPage(t, sessionId);
    const same = await webhookFor(t, sessionId);
    const distinct = await Promise.all([1, 2, 3, 4, 5].map(() => webhookFor(t, sessionId)));
    const results = await Promise.all([...Array.from({ length: 5 }, () => deliver(t, same)), ...distinct.map((h) => deliver(t, h))]);
    assert.deepEqual(results.map((r) => r.statusCode), Array(10).fill(200));
    assert.deepEqual(await effects(2), { operations: 1, sms: 1, validUntil: '2027-01-20' });
    assert.equal(await countRows(t.db, 'payments', 'provider_payment_id = $1', [sessionId]), 1);
    await assertLedgerBalances(t.db);
  });

  test('a declined card → order failed with a clear message, nothing extended', async () => {
    const before = await effects(3);
    const { orderId, sessionId } = await orderRenewal(t, { msisdn: msisdnFor(3), months: 3 });
    assert.equal(await payOnPage(t, sessionId, '4000 0000 0000 0002'), 402);
    assert.equal((await deliver(t, await webhookFor(t, sessionId))).statusCode, 200);
    const order = await orderStatus(orderId);
    assert.equal(order.status, 'failed');
    assert.match(String(order.message), /card declined.*Nothing was charged or extended/);
    assert.deepEqual(await effects(3), before);
    assert.equal(await countRows(t.db, 'payments', 'order_id = $1', [orderId]), 0);
  });

  test('a bad or stale signature → 400 problem+json and nothing changes', async () => {
    const { orderId, sessionId } = await orderRenewal(t, { msisdn: msisdnFor(4), months: 1 });
    await payOnPage(t, sessionId);
    const hook = await webhookFor(t, sessionId);
    const inbox = await countRows(t.db, 'webhook_inbox');
    const tampered = hook.body.replace('"amount":150', '"amount":1');
    const nowS = Math.floor(t.clock.now() / 1000);
    const attempts = [
      { ...hook, body: tampered },
      { body: hook.body, headers: { ...hook.headers, 'saxla-signature': signSandboxPayload('wrong-secret', hook.body, nowS) } },
      { body: hook.body, headers: { ...hook.headers, 'saxla-signature': signSandboxPayload(SANDBOX_SECRET, hook.body, nowS - 301) } },
      { body: hook.body, headers: { 'content-type': 'application/json' } },
      { body: hook.body, headers: { ...hook.headers, 'saxla-signature': 't=abc,v1=zz' } },
    ];
    for (const attempt of attempts) {
      const res = await deliver(t, attempt);
      assert.equal(res.statusCode, 400);
      assert.match(String(res.headers['content-type']), /problem\+json/);
      assert.equal(res.json().code, 'WEBHOOK_SIGNATURE_INVALID');
    }
    assert.equal(await countRows(t.db, 'webhook_inbox'), inbox);
    assert.equal((await orderStatus(orderId)).status, 'pending_payment');
    // Within tolerance (299 s old) it is accepted.
    const ok = { body: hook.body, headers: { ...hook.headers, 'saxla-signature': signSandboxPayload(SANDBOX_SECRET, hook.body, nowS - 299) } };
    assert.equal((await deliver(t, ok)).statusCode, 200);
    assert.equal((await orderStatus(orderId)).status, 'activated');
  });

  test('an authentic event that matches nothing → 200, kept in the inbox for review', async () => {
    const body = JSON.stringify({ id: 'evt_stray', type: 'payment.refreshed', created: 1, data: {} });
    const res = await deliver(t, { body, headers: { 'content-type': 'application/json', 'saxla-signature': signSandboxPayload(SANDBOX_SECRET, body, Math.floor(t.clock.now() / 1000)) } });
    assert.equal(res.statusCode, 200);
    const [row] = await t.db.query<{ outcome: string; raw_body: string }>(`select outcome, raw_body from webhook_inbox where event_id = 'evt_stray'`);
    assert.equal(row?.outcome, 'ignored');
    assert.equal(row?.raw_body, body);
  });

  test('money for an expired order is recorded and refunded, never applied', async () => {
    const before = await effects(5);
    const { orderId, sessionId } = await orderRenewal(t, { msisdn: msisdnFor(5), months: 1 });
    await payOnPage(t, sessionId);
    t.clock.advanceMs(60 * 60 * 1000);
    await t.signInAgain();
    const { expireOrders } = await import('../../src/services/expire-orders.ts');
    // The provider is asked first: it captured, so this one is settled, not expired.
    const first = await expireOrders({ ...t.deps, providers: t.payments.providers, logger: silentLogger });
    assert.deepEqual(first, { expired: 0, settled: 1 });
    assert.equal((await orderStatus(orderId)).status, 'activated');

    const late = await orderRenewal(t, { msisdn: msisdnFor(6), months: 1 });
    t.clock.advanceMs(60 * 60 * 1000);
    await t.signInAgain();
    assert.deepEqual(await expireOrders({ ...t.deps, providers: t.payments.providers, logger: silentLogger }), { expired: 1, settled: 0 });
    assert.equal((await orderStatus(late.orderId)).status, 'expired');
    await payOnPage(t, late.sessionId);
    assert.equal((await deliver(t, await webhookFor(t, late.sessionId))).statusCode, 200);
    const [payment] = await t.db.query<{ status: string; refund_reason: string }>('select status, refund_reason from payments where order_id = $1', [late.orderId]);
    assert.deepEqual(payment, { status: 'refunded', refund_reason: 'order_expired' });
    assert.equal((await t.sandbox.findSession(late.sessionId))?.status, 'refunded');
    assert.equal((await effects(6)).operations, 0);
    assert.notDeepEqual(await effects(5), before);
  });
});

describe('reconciliation', () => {
  test('a lost webhook: the reconciler asks the provider and activates once; the late webhook changes nothing', async () => {
    const { reconcilePendingPayments } = await import('../../src/services/reconcile-pending-payments.ts');
    const deps = { ...t.deps, providers: t.payments.providers, logger: silentLogger };
    const { orderId, sessionId } = await orderRenewal(t, { msisdn: msisdnFor(7), months: 1 });
    const young = await reconcilePendingPayments(deps, { olderThanMs: 5 * 60 * 1000 });
    assert.equal(young.checked, 0, 'a young order is left to its webhook');
    await payOnPage(t, sessionId);
    t.clock.advanceMs(6 * 60 * 1000);
    const first = await reconcilePendingPayments(deps, { olderThanMs: 5 * 60 * 1000 });
    assert.deepEqual(first.outcomes, { activated: 1 });
    assert.equal((await orderStatus(orderId)).status, 'activated');
    const [again] = await Promise.all([reconcilePendingPayments(deps, { olderThanMs: 0 }), deliver(t, await webhookFor(t, sessionId))]);
    assert.equal(again.checked, 0);
    assert.deepEqual(await effects(7), { operations: 1, sms: 1, validUntil: '2027-01-20' });
  });
});

describe('sandbox delivering over HTTP', () => {
  test('doubled and shuffled webhooks over a real socket → activated once, within seconds', async () => {
    const live = await buildPaymentsTestApp({ listen: true, lines: 2, delivery: { delayMs: 100, copies: 2, spreadMs: 300, enabled: true } });
    try {
      const orders = [await orderRenewal(live, { msisdn: msisdnFor(1), months: 1 }), await orderRenewal(live, { msisdn: msisdnFor(2), months: 3 })];
      for (const o of orders) assert.equal(await payOnPage(live, o.sessionId), 200);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const n = await countRows(live.db, 'orders', `status = 'activated'`);
        if (n === 2) break;
        if (Date.now() > deadline) assert.fail('orders were not activated within 10 s');
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 600));
      assert.equal(await countRows(live.db, 'ledger_operations', `kind = 'renewal_payment'`), 2);
      assert.equal(await countRows(live.db, 'sms_outbox', `kind = 'renewal_confirmation'`), 2);
    } finally {
      await live.close();
    }
  });
});
