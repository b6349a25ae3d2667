// The counter: staff sign-in with TOTP, ID checks, POS and QR sales through the online activation,
// receipts (numbered per store, also under concurrency), store scoping and the audit trail.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generate } from 'otplib';
import { trustedMsisdn } from '../../src/domain/msisdn.ts';
import { findLine } from '../../src/db/line-repository.ts';
import { findStaffById } from '../../src/db/staff-repository.ts';
import { createPosSimulator } from '../../src/payments/pos-provider.ts';
import { createQrSimulator } from '../../src/payments/qr-provider.ts';
import { confirmCounterPayment, readCounterSale, startCounterSale, type CounterDeps } from '../../src/services/counter-sale.ts';
import { silentLogger } from '../../src/services/logger.ts';
import { handlePaymentWebhook } from '../../src/services/handle-payment-webhook.ts';
import { issueReceipt, verifyReceipt } from '../../src/services/issue-receipt.ts';
import { recordIdCheck } from '../../src/services/record-id-check.ts';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import { authenticateStaff, confirmEnrolment, createStaff, logInStaff } from '../../src/services/staff-auth.ts';
import type { StaffActor } from '../../src/services/staff-scope.ts';
import { iccidFor, msisdnFor, policy } from '../helpers/factories.ts';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { payOnSimulatedTerminal, payQrAsSimulatedBank } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

const SECRET = 'test-secret-for-hmacs-0123456789abcdef';
const origin = { ip: '10.0.0.5', userAgent: 'test' };
let t: PaymentsTestApp;
let deps: CounterDeps;

async function signedInStaff(role: 'agent' | 'manager', storeId: string, phone: string): Promise<StaffActor> {
  const created = await createStaff(deps, { role, storeId, phone }, { staffId: null, origin });
  const pending = await logInStaff(deps, { phone, password: created.initialPassword }, origin);
  assert.equal(pending.stage, 'pending', 'not enrolled yet: the password alone gives a pending session');
  const who = await authenticateStaff(deps, pending.token);
  assert.ok(who);
  const code = await generate({ secret: created.totpSecret, epoch: Math.floor(t.clock.now() / 1000) });
  const full = await confirmEnrolment(deps, who, code, origin);
  const staff = await findStaffById(t.db, full.staffId);
  assert.ok(staff);
  return { staff, origin };
}

const idCheck = (msisdn: string, iccid: string) => ({
  msisdn, documentType: 'passport' as const, issuingCountry: 'AZE', documentNumber: 'C 01234567', documentExpires: '2030-01-01' as never, iccid,
});

let agentA: StaffActor;
let agentB: StaffActor;

before(async () => {
  t = await buildPaymentsTestApp({ lines: 5 });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  deps = {
    db: t.db, now: t.clock.now, secret: SECRET, passwordHashing: testPasswordHashing, policy, baseUrl: 'http://saxla.test', paymentGraceMs: 1_800_000,
    counter: { pos: createPosSimulator({ baseUrl: 'http://saxla.test' }), qr: createQrSimulator({ secret: 'qr-secret', now: t.clock.now, baseUrl: 'http://saxla.test' }) },
  };
  agentA = await signedInStaff('agent', 'baku-28-may', '+994700000001');
  agentB = await signedInStaff('agent', 'ganja-javad-khan', '+994700000002');
});
after(async () => t.close());

test('TOTP is required: password alone is refused once enrolled, a wrong or replayed code too', async () => {
  const created = await createStaff(deps, { role: 'agent', storeId: 'baku-28-may', phone: '+994700000009' }, { staffId: null, origin });
  const pending = await logInStaff(deps, { phone: '+994700000009', password: created.initialPassword }, origin);
  const who = await authenticateStaff(deps, pending.token);
  assert.ok(who);
  const code = await generate({ secret: created.totpSecret, epoch: Math.floor(t.clock.now() / 1000) });
  await confirmEnrolment(deps, who, code, origin);
  await assert.rejects(logInStaff(deps, { phone: '+994700000009', password: created.initialPassword }, origin), { code: 'TOTP_REQUIRED' });
  await assert.rejects(logInStaff(deps, { phone: '+994700000009', password: created.initialPassword, totpCode: '000000' }, origin), { code: 'TOTP_INVALID' });
  await assert.rejects(logInStaff(deps, { phone: '+994700000009', password: created.initialPassword, totpCode: code }, origin), { code: 'TOTP_INVALID' }, 'a used code');
  await assert.rejects(logInStaff(deps, { phone: '+994700000009', password: 'wrong', totpCode: code }, origin), { code: 'INVALID_CREDENTIALS' });
  t.clock.advanceMs(30_000);
  const next = await generate({ secret: created.totpSecret, epoch: Math.floor(t.clock.now() / 1000) });
  assert.equal((await logInStaff(deps, { phone: '+994700000009', password: created.initialPassword, totpCode: next }, origin)).stage, 'full');
  const [row] = await t.db.query<{ totp_secret_enc: string }>("select totp_secret_enc from staff where phone = '+994700000009'");
  assert.ok(!row?.totp_secret_enc.includes(created.totpSecret), 'the TOTP secret is not stored in clear');
  assert.ok(await countRows(t.db, 'staff_audit_log', "action = 'staff.login_failed'") >= 3);
});

test('no renewal without an ID check; a mismatched ICCID does not count', async () => {
  const msisdn = msisdnFor(1);
  const sale = { msisdn, kind: 'renewal' as const, planCode: 'SAXLA_NOMRE', months: 3, method: 'pos' as const, formKey: 'f1' };
  await assert.rejects(startCounterSale(deps, agentA, sale), { code: 'ID_CHECK_REQUIRED' });
  const wrong = await recordIdCheck(deps, agentA, idCheck(msisdn, iccidFor(2)));
  assert.equal(wrong.iccidMatches, false);
  await assert.rejects(startCounterSale(deps, agentA, sale), { code: 'ID_CHECK_REQUIRED' });
  const good = iccidFor(5);
  const badCheckDigit = good.slice(0, -1) + String((Number(good.slice(-1)) + 1) % 10);
  await assert.rejects(recordIdCheck(deps, agentA, idCheck(msisdn, badCheckDigit)), { code: 'INVALID_ICCID' });
  const [stored] = await t.db.query<{ document_hash: string; document_last4: string }>('select document_hash, document_last4 from id_checks limit 1');
  assert.equal(stored?.document_last4, '4567');
  assert.match(stored?.document_hash ?? '', /^[0-9a-f]{64}$/);
});

test('POS sale: same activation as online (ledger, validity, SMS), a receipt that verifies, audit rows', async () => {
  const msisdn = msisdnFor(1);
  await recordIdCheck(deps, agentA, idCheck(msisdn, iccidFor(1)));
  const before = await findLine(t.db, trustedMsisdn(msisdn));
  const { orderId, quote } = await startCounterSale(deps, agentA, { msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: 3, method: 'pos', formKey: 'f2' });
  assert.ok(quote.items[0]?.subtotal);
  await assert.rejects(confirmCounterPayment(deps, agentB, orderId), { code: 'FORBIDDEN' }, 'another store');
  assert.deepEqual(await confirmCounterPayment(deps, agentA, orderId), { outcome: 'waiting' }, 'nothing is paid before the terminal says so');
  const receipt = await payOnSimulatedTerminal(deps, agentA, orderId);
  assert.match(receipt.number, /^BAK1-000001-[A-Z2-9]+$/);
  assert.equal(receipt.amount, quote.total.amount);
  const afterLine = await findLine(t.db, trustedMsisdn(msisdn));
  assert.notEqual(afterLine?.validUntil, before?.validUntil);
  assert.equal(receipt.validUntilAfter, afterLine?.validUntil);
  assert.equal(await countRows(t.db, 'sms_outbox', "msisdn = $1 and kind = 'renewal_confirmation'", [msisdn]), 1);
  assert.equal(await countRows(t.db, 'ledger_entries', "msisdn = $1 and kind = 'plan_charge'", [msisdn]), 1);
  const verified = await verifyReceipt(t.db, receipt.number, 'en');
  assert.equal(verified.amount.amount, receipt.amount);
  assert.equal(verified.store.id, 'baku-28-may');
  await assert.rejects(verifyReceipt(t.db, receipt.number.replace(/.{4}$/, 'AAAA'), 'en'), { code: 'RECEIPT_NOT_FOUND' });
  for (const action of ['id_check.record', 'sale.start', 'sale.paid_pos']) {
    assert.ok(await countRows(t.db, 'staff_audit_log', 'action = $1 and staff_id = $2', [action, agentA.staff.id]) >= 1, action);
  }
  const again = await confirmCounterPayment(deps, agentA, orderId);
  assert.equal(again.outcome === 'paid' ? again.receipt.number : '', receipt.number, 'a second confirmation returns the same receipt');
});

test('QR sale: the signed webhook activates through the online path; the console then issues the receipt', async () => {
  const msisdn = msisdnFor(2);
  await recordIdCheck(deps, agentA, idCheck(msisdn, iccidFor(2)));
  const { orderId } = await startCounterSale(deps, agentA, { msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: 1, method: 'qr', formKey: 'f3' });
  const state = await readCounterSale(deps, agentA, orderId);
  assert.ok(state.qrPayload?.startsWith('000201'));
  const hook = await payQrAsSimulatedBank(deps, agentA, orderId);
  assert.equal(hook.outcome, 'activated');
  const qr = deps.counter.qr;
  assert.ok(qr);
  const paid = await readCounterSale(deps, agentA, orderId);
  assert.equal(paid.status, 'activated');
  assert.match(paid.receipt?.number ?? '', /^BAK1-000002-/);
  await assert.rejects(handlePaymentWebhook({ db: t.db, now: t.clock.now, policy, providers: { qr }, logger: silentLogger }, 'qr', Buffer.from(hook.body), { ...hook.headers, 'qr-signature': 't=1,v1=00' }), { code: 'WEBHOOK_SIGNATURE_INVALID' });
});

test('restore from quarantine only at the counter: fee from the policy, validity from today', async () => {
  const msisdn = msisdnFor(3);
  await t.db.query("update lines set status = 'quarantine', valid_until = '2026-07-01' where msisdn = $1", [msisdn]);
  await recordIdCheck(deps, agentA, idCheck(msisdn, iccidFor(3)));
  const { orderId, quote } = await startCounterSale(deps, agentA, { msisdn, kind: 'restore', planCode: 'SAXLA_NOMRE', months: 1, method: 'pos', formKey: 'f4' });
  const receipt = await payOnSimulatedTerminal(deps, agentA, orderId);
  assert.equal(receipt.amount, quote.total.amount);
  const line = await findLine(t.db, trustedMsisdn(msisdn));
  assert.equal(line?.status, 'active');
  assert.equal(line?.validUntil, '2026-12-26');
  assert.equal(await countRows(t.db, 'ledger_entries', "msisdn = $1 and kind = 'restore_fee' and amount = $2", [msisdn, -policy.restoreFee]), 1);
});

test('receipt numbers stay unique and gapless per store under concurrency', async () => {
  const rows = await t.db.query<{ order_id: string }>("select order_id from receipts where store_id = 'baku-28-may'");
  assert.equal(rows.length, 3);
  // Ten more activated sales at one store, receipted at once.
  const sales: string[] = [];
  for (let i = 0; i < 10; i++) {
    const msisdn = msisdnFor(4);
    await recordIdCheck(deps, agentA, idCheck(msisdn, iccidFor(4)));
    const { orderId } = await startCounterSale(deps, agentA, { msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: 1, method: 'pos', formKey: `c${i}` });
    const order = await t.db.query<{ provider_reference: string; total: number }>('select provider_reference, total from orders where id = $1', [orderId]);
    await t.db.tx(async (sql) => {
      const { settlePayment } = await import('../../src/services/activate-order.ts');
      await settlePayment(sql, { policy }, { provider: 'pos', paymentId: `rrn-c${i}`, orderId, providerReference: order[0]?.provider_reference ?? null, charge: { amount: order[0]?.total ?? 0, currency: 'AZN' } }, t.clock.now());
    });
    sales.push(orderId);
  }
  const issued = await Promise.all(sales.map((orderId) => t.db.tx(async (sql) => {
    const [sale] = await sql.query<{ store_id: string; staff_id: string; msisdn: string; kind: 'renewal'; language: string }>('select * from counter_sales where order_id = $1', [orderId]);
    assert.ok(sale);
    return issueReceipt(sql, SECRET, { orderId, storeId: sale.store_id, staffId: sale.staff_id, msisdn: sale.msisdn, kind: sale.kind, language: sale.language }, t.clock.now());
  })));
  const seqs = issued.map((r) => r.seq).sort((a, b) => a - b);
  assert.deepEqual(seqs, [4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  assert.equal(new Set(issued.map((r) => r.number)).size, 10);
});

test('the customer chooses the line\'s language at the counter: the line, its SMS and the receipt speak it', async () => {
  const msisdn = msisdnFor(5);
  await recordIdCheck(deps, agentA, idCheck(msisdn, iccidFor(5)));
  assert.equal((await findLine(t.db, trustedMsisdn(msisdn)))?.language, 'en');
  const { orderId } = await startCounterSale(deps, agentA, { msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: 1, method: 'pos', formKey: 'f-lang', language: 'zh' });
  const receipt = await payOnSimulatedTerminal(deps, agentA, orderId);
  assert.equal((await findLine(t.db, trustedMsisdn(msisdn)))?.language, 'zh');
  const [change] = await t.db.query<{ source: string; staff_id: string; previous_language: string }>('select source, staff_id, previous_language from line_language_changes where msisdn = $1', [msisdn]);
  assert.deepEqual({ ...change }, { source: 'counter', staff_id: agentA.staff.id, previous_language: 'en' });
  const [sms] = await t.db.query<{ language: string; body: string }>("select language, body from sms_outbox where msisdn = $1 and kind = 'renewal_confirmation'", [msisdn]);
  assert.equal(sms?.language, 'zh');
  assert.match(sms?.body ?? '', /保号套餐/);
  const [stored] = await t.db.query<{ language: string }>('select language from receipts where number = $1', [receipt.number]);
  assert.equal(stored?.language, 'zh');
});
