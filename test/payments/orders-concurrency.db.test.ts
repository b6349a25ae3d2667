// Many customers' tabs at once: 200 orders for one line with distinct keys all extend it, one
// after another (validity = start + Σ months); 200 requests with one key make one order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, type IsoDate } from '../../src/domain/calendar.ts';
import { msisdnFor } from '../helpers/factories.ts';
import { assertLedgerBalances } from '../helpers/test-app.ts';
import { buildPaymentsTestApp, countRows, deliver, payOnPage, webhookFor, type PaymentsTestApp } from '../helpers/payments-app.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp({ lines: 2 }); });
after(async () => { await t.close(); });

const N = 200;
const durations = [1, 3, 6, 12];

async function quote(months: number, n = 1): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/quotes', payload: { msisdn: msisdnFor(n), planCode: 'SAXLA_NOMRE', months } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().quoteId;
}

test('200 concurrent orders for one line with distinct keys, all paid → validity = start + Σ months', async () => {
  const months = Array.from({ length: N }, (_, i) => durations[i % durations.length] ?? 1);
  const quoteIds = await Promise.all(months.map((m) => quote(m)));
  const orders = await Promise.all(quoteIds.map((quoteId, i) => t.app.inject({
    method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': `distinct-${i}` }, payload: { quoteId },
  })));
  assert.deepEqual(new Set(orders.map((o) => o.statusCode)), new Set([201]));
  const sessions = orders.map((o) => String(o.json().paymentUrl).split('/').pop() ?? '');
  assert.equal(new Set(orders.map((o) => o.json().orderId)).size, N);
  for (const s of sessions) assert.equal(await payOnPage(t, s), 200);
  const hooks = await Promise.all(sessions.map((s) => webhookFor(t, s)));
  const results = await Promise.all(hooks.map((h) => deliver(t, h)));
  assert.deepEqual(new Set(results.map((r) => r.statusCode)), new Set([200]));
  const total = months.reduce((a, b) => a + b, 0);
  const [line] = await t.db.query<{ valid_until: string }>('select valid_until from lines where msisdn = $1', [msisdnFor(1)]);
  assert.equal(line?.valid_until, addMonths('2026-12-20' as IsoDate, total));
  assert.equal(await countRows(t.db, 'orders', `status = 'activated'`), N);
  assert.equal(await countRows(t.db, 'ledger_operations', `kind = 'renewal_payment'`), N);
  assert.equal(await countRows(t.db, 'sms_outbox', `kind = 'renewal_confirmation'`), N);
  await assertLedgerBalances(t.db);
});

test('200 concurrent requests with one key → one order', async () => {
  const quoteId = await quote(1, 2);
  const results = await Promise.all(Array.from({ length: N }, () => t.app.inject({
    method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'one-key' }, payload: { quoteId },
  })));
  assert.deepEqual(new Set(results.map((r) => r.statusCode)), new Set([201]));
  assert.equal(new Set(results.map((r) => r.json().orderId)).size, 1);
  assert.equal(new Set(results.map((r) => r.json().paymentUrl)).size, 1);
  assert.equal(await countRows(t.db, 'orders', 'quote_id = $1', [quoteId]), 1);
  assert.equal(await countRows(t.db, 'sandbox_payments', 'order_id = $1', [results[0]?.json().orderId]), 1);
});
