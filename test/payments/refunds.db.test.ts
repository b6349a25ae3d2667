// Operator refunds: the ledger reversed with refund entries, an unused extension pulled back, the
// money sent back through the provider, and a second refund changing nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { msisdnFor } from '../helpers/factories.ts';
import { assertLedgerBalances } from '../helpers/test-app.ts';
import { ADMIN_TOKEN, buildPaymentsTestApp, countRows, deliver, orderRenewal, payOnPage, webhookFor, type PaymentsTestApp } from '../helpers/payments-app.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp(); });
after(async () => { await t.close(); });

const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'idempotency-key': 'r1' };
async function paid(n: number, months: number): Promise<{ orderId: string; sessionId: string }> {
  const o = await orderRenewal(t, { msisdn: msisdnFor(n), months });
  await payOnPage(t, o.sessionId);
  assert.equal((await deliver(t, await webhookFor(t, o.sessionId))).statusCode, 200);
  return o;
}
const refund = (orderId: string, headers: Record<string, string> = admin) =>
  t.app.inject({ method: 'POST', url: `/api/v1/admin/orders/${orderId}/refund`, headers, payload: { reason: 'customer asked' } });
const validUntil = async (n: number): Promise<string> =>
  (await t.db.query<{ valid_until: string }>('select valid_until from lines where msisdn = $1', [msisdnFor(n)]))[0]?.valid_until ?? '';

test('an unused renewal: ledger reversed, validity pulled back, money returned; twice is once', async () => {
  const { orderId, sessionId } = await paid(1, 3);
  assert.equal(await validUntil(1), '2027-03-20');
  const res = await refund(orderId);
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json().lines, [{ msisdn: msisdnFor(1), validUntil: '2026-12-20', pulledBack: true }]);
  assert.equal(res.json().providerRefunded, true);
  assert.equal(await validUntil(1), '2026-12-20');
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}` })).json().status, 'refunded');
  assert.equal((await t.sandbox.findSession(sessionId))?.status, 'refunded');
  const again = await refund(orderId, { ...admin, 'idempotency-key': 'r2' });
  assert.equal(again.statusCode, 200);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  assert.equal(await countRows(t.db, 'ledger_operations', `kind = 'refund'`), 1);
  assert.equal(await countRows(t.db, 'ledger_entries', `kind = 'refund' and msisdn = $1`, [msisdnFor(1)]), 2);
  await assertLedgerBalances(t.db);
});

test('a renewal extended again since keeps its days; the money still goes back', async () => {
  const first = await paid(2, 1);
  await paid(2, 1);
  assert.equal(await validUntil(2), '2027-02-20');
  const res = await refund(first.orderId);
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual(res.json().lines, [{ msisdn: msisdnFor(2), validUntil: '2027-02-20', pulledBack: false }]);
  await assertLedgerBalances(t.db);
});

test('refund errors are problem+json', async () => {
  assert.equal((await refund('ord_x', { 'idempotency-key': 'x' })).json().code, 'UNAUTHENTICATED');
  assert.equal((await refund('ord_nope')).json().code, 'ORDER_NOT_FOUND');
  const pending = await orderRenewal(t, { msisdn: msisdnFor(3), months: 1 });
  const res = await refund(pending.orderId);
  assert.equal(res.statusCode, 409);
  assert.equal(res.json().code, 'ORDER_STATE_CONFLICT');
  assert.equal((await refund(pending.orderId, { authorization: admin.authorization })).json().code, 'IDEMPOTENCY_KEY_REQUIRED');
});

test('the same Idempotency-Key for one order with another reason is a 409 and changes nothing', async () => {
  const { orderId } = await paid(3, 1);
  const headers = { ...admin, 'idempotency-key': 'r-reason' };
  assert.equal((await refund(orderId, headers)).statusCode, 200);
  const other = await t.app.inject({ method: 'POST', url: `/api/v1/admin/orders/${orderId}/refund`, headers, payload: { reason: 'another reason' } });
  assert.equal(other.statusCode, 409, other.body);
  assert.equal(other.json().code, 'IDEMPOTENCY_KEY_REUSED');
  const same = await refund(orderId, headers);
  assert.equal(same.statusCode, 200);
  assert.equal(same.headers['idempotent-replayed'], 'true');
  assert.equal(await countRows(t.db, 'ledger_operations', `kind = 'refund' and msisdn = $1`, [msisdnFor(3)]), 1);
});
