// Voiding a receipt reverses the sale through the refund path: ledger refund entries, the unused
// extension pulled back, the order refunded and the money sent back through POS or QR; same shift
// only, a manager or the issuing agent within 10 minutes, a reason required, audited, on the report.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { trustedMsisdn } from '../../src/domain/msisdn.ts';
import { findLine } from '../../src/db/line-repository.ts';
import { createPosSimulator } from '../../src/payments/pos-provider.ts';
import { createQrSimulator } from '../../src/payments/qr-provider.ts';
import { shiftReport } from '../../src/services/counter-desk.ts';
import { readCounterSale, startCounterSale, type CounterDeps } from '../../src/services/counter-sale.ts';
import type { Receipt } from '../../src/db/receipt-repository.ts';
import { verifyReceipt } from '../../src/services/issue-receipt.ts';
import { recordIdCheck } from '../../src/services/record-id-check.ts';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import type { StaffActor } from '../../src/services/staff-scope.ts';
import { voidReceipt } from '../../src/services/void-receipt.ts';
import { silentLogger } from '../../src/services/logger.ts';
import { iccidFor, msisdnFor, policy } from '../helpers/factories.ts';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff, payOnSimulatedTerminal, payQrAsSimulatedBank, staffForm } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

const origin = { ip: '10.0.0.7', userAgent: 'test' };
let t: PaymentsTestApp;
let deps: CounterDeps;
let agent: StaffActor;
let otherAgent: StaffActor;
let manager: StaffActor;
let saleNo = 0;

async function paidSale(who: StaffActor, serial: number, method: 'pos' | 'qr' = 'pos'): Promise<Receipt> {
  const msisdn = msisdnFor(serial);
  await recordIdCheck(deps, who, { msisdn, documentType: 'passport', issuingCountry: 'AZE', documentNumber: 'C01234567', documentExpires: '2031-01-01' as never, iccid: iccidFor(serial) });
  saleNo += 1;
  const { orderId } = await startCounterSale(deps, who, { msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: 3, method, formKey: `void-${saleNo}` });
  if (method === 'pos') return payOnSimulatedTerminal(deps, who, orderId);
  await payQrAsSimulatedBank(deps, who, orderId);
  const paid = await readCounterSale(deps, who, orderId);
  assert.ok(paid.receipt);
  return paid.receipt;
}

before(async () => {
  t = await buildPaymentsTestApp({ lines: 6 });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  deps = {
    db: t.db, now: t.clock.now, secret: t.deps.secret, passwordHashing: testPasswordHashing, policy, baseUrl: 'http://saxla.test', paymentGraceMs: 1_800_000,
    counter: { pos: createPosSimulator({ baseUrl: 'http://saxla.test' }), qr: createQrSimulator({ secret: 'qr-secret', now: t.clock.now, baseUrl: 'http://saxla.test' }) },
  };
  agent = (await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000401', origin)).actor;
  otherAgent = (await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000402', origin)).actor;
  manager = (await enrolledStaff(deps, 'manager', 'baku-28-may', '+994700000403', origin)).actor;
});
after(async () => t.close());

test('the issuing agent voids within 10 minutes: validity pulled back, ledger refund entries, POS refund, audited; twice changes nothing', async () => {
  const msisdn = trustedMsisdn(msisdnFor(1));
  const before = await findLine(t.db, msisdn);
  const receipt = await paidSale(agent, 1);
  assert.notEqual((await findLine(t.db, msisdn))?.validUntil, before?.validUntil);
  await assert.rejects(voidReceipt({ ...deps, logger: silentLogger }, agent, receipt.number, '  '), { code: 'VALIDATION_FAILED' }, 'a reason is required');
  await assert.rejects(voidReceipt({ ...deps, logger: silentLogger }, otherAgent, receipt.number, 'customer changed mind'), { code: 'FORBIDDEN' }, 'another agent');
  t.clock.advanceMs(5 * 60_000);
  const voided = await voidReceipt({ ...deps, logger: silentLogger }, agent, receipt.number, 'customer changed mind');
  assert.equal(voided.voided, true);
  assert.equal(voided.providerRefunded, true);
  assert.deepEqual(voided.lines.map((l) => l.pulledBack), [true]);
  const after = await findLine(t.db, msisdn);
  assert.equal(after?.validUntil, before?.validUntil);
  assert.equal(after?.balance, before?.balance);
  assert.equal(await countRows(t.db, 'ledger_entries', "msisdn = $1 and kind = 'refund'", [msisdn]), 2);
  assert.equal(await countRows(t.db, 'orders', "id = $1 and status = 'refunded'", [receipt.orderId]), 1);
  const [payment] = await t.db.query<{ status: string; provider_refund_id: string }>('select status, provider_refund_id from payments where order_id = $1', [receipt.orderId]);
  assert.equal(payment?.status, 'refunded');
  assert.match(payment?.provider_refund_id ?? '', /^posrf_rrn-/);
  const [row] = await t.db.query<{ voided_by: string; void_reason: string }>('select voided_by, void_reason from receipts where number = $1', [receipt.number]);
  assert.deepEqual(row, { voided_by: agent.staff.id, void_reason: 'customer changed mind' });
  assert.equal(await countRows(t.db, 'staff_audit_log', "action = 'receipt.void' and detail->>'number' = $1 and detail->>'reason' = $2", [receipt.number, 'customer changed mind']), 1);
  assert.equal((await verifyReceipt(t.db, receipt.number, 'en')).voided, true);
  const again = await voidReceipt({ ...deps, logger: silentLogger }, manager, receipt.number, 'double click');
  assert.equal(again.voided, false);
  assert.equal(await countRows(t.db, 'ledger_entries', "msisdn = $1 and kind = 'refund'", [msisdn]), 2);
  assert.equal(await countRows(t.db, 'staff_audit_log', "action = 'receipt.void'"), 1);
});

test('after 10 minutes only a manager voids; a QR sale is refunded through the QR provider', async () => {
  const receipt = await paidSale(agent, 2, 'qr');
  t.clock.advanceMs(11 * 60_000);
  await assert.rejects(voidReceipt({ ...deps, logger: silentLogger }, agent, receipt.number, 'wrong line'), { code: 'VOID_WINDOW_CLOSED' });
  const voided = await voidReceipt({ ...deps, logger: silentLogger }, manager, receipt.number, 'wrong line');
  assert.equal(voided.providerRefunded, true);
  const [payment] = await t.db.query<{ provider_refund_id: string }>('select provider_refund_id from payments where order_id = $1', [receipt.orderId]);
  assert.match(payment?.provider_refund_id ?? '', /^qrrf_qrpay_/);
});

test('the next day no one voids (a refund is for the operator); the shift report shows the voids apart from the totals', async () => {
  const receipt = await paidSale(agent, 3);
  const report = await shiftReport(deps, manager, 'baku-28-may', '2026-11-26' as never, null);
  assert.equal(report.voids.count, 2);
  assert.deepEqual(report.voids.items.map((v) => v.reason).sort(), ['customer changed mind', 'wrong line']);
  assert.deepEqual(report.totals.map((x) => [x.method, x.count, x.amount]), [['pos', 1, receipt.amount]]);
  t.clock.advanceMs(24 * 3_600_000);
  await assert.rejects(voidReceipt({ ...deps, logger: silentLogger }, manager, receipt.number, 'too late'), { code: 'VOID_WINDOW_CLOSED' });
  assert.equal(await countRows(t.db, 'orders', "id = $1 and status = 'activated'", [receipt.orderId]), 1);
});

test('an extension used since the sale (the line renewed again) keeps its days; the money still goes back', async () => {
  const msisdn = trustedMsisdn(msisdnFor(4));
  const first = await paidSale(agent, 4);
  const second = await paidSale(agent, 4);
  const extended = (await findLine(t.db, msisdn))?.validUntil;
  const voided = await voidReceipt({ ...deps, logger: silentLogger }, agent, first.number, 'first slip was for another customer');
  assert.deepEqual(voided.lines.map((l) => l.pulledBack), [false]);
  assert.equal((await findLine(t.db, msisdn))?.validUntil, extended);
  assert.ok(second.number);
});

test('in the console: the sale page offers the void, the reason is required, the report lists it', async () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
  const who = await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000404', origin);
  const cookies = { saxla_staff: who.token };
  const msisdn = msisdnFor(5);
  await t.app.inject({ method: 'POST', url: '/staff/id-checks', headers: form, cookies, payload: new URLSearchParams({ msisdn, documentType: 'passport', issuingCountry: 'AZE', documentNumber: 'C01234567', documentExpires: '2031-01-01', iccid: iccidFor(5) }).toString() });
  const sale = await t.app.inject({ method: 'POST', url: '/staff/sales', headers: form, cookies, payload: new URLSearchParams({ msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: '1', method: 'pos', formKey: 'http-void' }).toString() });
  const salePath = String(sale.headers.location);
  const pay = await t.app.inject({ method: 'POST', url: `${salePath}/simulate`, headers: staffForm, cookies, payload: 'outcome=succeeded' });
  assert.equal(pay.statusCode, 303, pay.body);
  const paid = await t.app.inject({ method: 'GET', url: salePath, cookies });
  const number = /name="number" required autocomplete="off" value="([^"]+)"/.exec(paid.body)?.[1] ?? '';
  assert.match(number, /^BAK1-/);
  const noReason = await t.app.inject({ method: 'POST', url: '/staff/receipts/void', headers: form, cookies, payload: new URLSearchParams({ number, reason: '' }).toString() });
  assert.equal(noReason.statusCode, 422);
  assert.match(noReason.body, /VALIDATION_FAILED/);
  const voided = await t.app.inject({ method: 'POST', url: '/staff/receipts/void', headers: form, cookies, payload: new URLSearchParams({ number, reason: 'typed the wrong plan' }).toString() });
  assert.equal(voided.statusCode, 303, voided.body);
  assert.equal(voided.headers.location, salePath);
  assert.match((await t.app.inject({ method: 'GET', url: salePath, cookies })).body, /was voided: the sale is reversed and the payment refunded/);
  const report = await t.app.inject({ method: 'GET', url: '/staff/report', cookies });
  assert.match(report.body, /Voids: 1 \(/);
  assert.match(report.body, /typed the wrong plan/);
});
