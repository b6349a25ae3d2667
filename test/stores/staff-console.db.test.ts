// The staff console over HTTP: sign-in with TOTP and enrolment, CSP on /staff only, a POS sale
// from the forms, the PDF receipt with its amounts, the public verify endpoint, store scoping.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generate } from 'otplib';
import type { FastifyInstance } from 'fastify';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import { createStaff } from '../../src/services/staff-auth.ts';
import { iccidFor, msisdnFor } from '../helpers/factories.ts';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

let t: PaymentsTestApp;
const SECRET = 'test-secret-for-hmacs-0123456789abcdef';
const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };

async function signIn(app: FastifyInstance, storeId: string, phone: string): Promise<string> {
  const created = await createStaff({ db: t.db, now: t.clock.now, secret: SECRET, passwordHashing: testPasswordHashing }, { role: 'agent', storeId, phone }, { staffId: null, origin: { ip: null, userAgent: null } });
  const login = await app.inject({ method: 'POST', url: '/staff/login', headers: form, payload: new URLSearchParams({ phone, password: created.initialPassword }).toString() });
  assert.equal(login.statusCode, 303, login.body);
  assert.equal(login.headers.location, '/staff/enrol');
  const pending = login.cookies.find((c) => c.name === 'saxla_staff');
  assert.ok(pending?.httpOnly && pending.sameSite === 'Strict' && pending.path === '/staff');
  const enrolPage = await app.inject({ method: 'GET', url: '/staff/enrol', cookies: { saxla_staff: pending.value } });
  assert.match(enrolPage.body, /<img src="data:image\/png;base64,/);
  const home = await app.inject({ method: 'GET', url: '/staff', cookies: { saxla_staff: pending.value } });
  assert.equal(home.headers.location, '/staff/enrol', 'a pending session cannot use the console');
  const code = await generate({ secret: created.totpSecret, epoch: Math.floor(t.clock.now() / 1000) });
  const enrol = await app.inject({ method: 'POST', url: '/staff/enrol', headers: form, cookies: { saxla_staff: pending.value }, payload: `code=${code}` });
  assert.equal(enrol.statusCode, 303, enrol.body);
  const full = enrol.cookies.find((c) => c.name === 'saxla_staff');
  assert.ok(full);
  // Skip the forced password change for the rest of the test.
  await t.db.query('update staff set must_change_password = false where phone = $1', [phone]);
  return full.value;
}

let agentA = '';
let agentB = '';
before(async () => {
  t = await buildPaymentsTestApp({ lines: 3 });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  agentA = await signIn(t.app, 'baku-28-may', '+994700000101');
  agentB = await signIn(t.app, 'ganja-javad-khan', '+994700000102');
});
after(async () => t.close());

test('CSP and the staff cookie apply to /staff only; the customer API has neither', async () => {
  const page = await t.app.inject({ method: 'GET', url: '/staff/login' });
  assert.match(String(page.headers['content-security-policy']), /script-src 'none'/);
  assert.match(page.body, /<label for="code">/);
  const api = await t.app.inject({ method: 'GET', url: '/api/v1/stores' });
  assert.equal(api.headers['content-security-policy'], undefined);
  const anonymous = await t.app.inject({ method: 'GET', url: '/staff' });
  assert.equal(anonymous.headers.location, '/staff/login');
});

test('a POS sale from the console forms: ID check, quote, the terminal answer, receipt PDF with the amounts, verify URL', async () => {
  const msisdn = msisdnFor(1);
  const cookies = { saxla_staff: agentA };
  const lookup = await t.app.inject({ method: 'GET', url: `/staff/lines?q=${encodeURIComponent(iccidFor(1))}`, cookies });
  assert.equal(lookup.statusCode, 200, lookup.body);
  assert.match(lookup.body, /Line \+994500000001/);
  // 26 November to 20 December, both counted: the days left the portal, USSD and SMS show too.
  assert.match(lookup.body, /2026-12-20 \(days left: 25\)/);
  const noCheck = await t.app.inject({ method: 'POST', url: '/staff/sales', headers: form, cookies, payload: new URLSearchParams({ msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: '3', method: 'pos', formKey: 'k1' }).toString() });
  assert.equal(noCheck.statusCode, 422);
  assert.match(noCheck.body, /ID_CHECK_REQUIRED/);
  const check = await t.app.inject({ method: 'POST', url: '/staff/id-checks', headers: form, cookies, payload: new URLSearchParams({ msisdn, documentType: 'passport', issuingCountry: 'TUR', documentNumber: 'U12345678', documentExpires: '2031-05-01', iccid: iccidFor(1) }).toString() });
  assert.equal(check.statusCode, 303, check.body);
  const sale = await t.app.inject({ method: 'POST', url: '/staff/sales', headers: form, cookies, payload: new URLSearchParams({ msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: '3', method: 'pos', formKey: 'k2' }).toString() });
  assert.equal(sale.statusCode, 303, sale.body);
  const salePath = String(sale.headers.location);
  const foreign = await t.app.inject({ method: 'GET', url: salePath, cookies: { saxla_staff: agentB } });
  assert.equal(foreign.statusCode, 403, 'an agent of another store cannot see the sale');
  const pay = await t.app.inject({ method: 'POST', url: `${salePath}/simulate`, headers: form, cookies, payload: 'outcome=succeeded' });
  assert.equal(pay.statusCode, 303, pay.body);
  const paid = await t.app.inject({ method: 'GET', url: salePath, cookies });
  const number = /Receipt <strong>([^<]+)<\/strong>/.exec(paid.body)?.[1];
  assert.ok(number, paid.body);
  const [receipt] = await t.db.query<{ amount: number }>('select amount from receipts where number = $1', [number]);
  const pdf = await t.app.inject({ method: 'GET', url: `/staff/receipts/${number}.pdf`, cookies });
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.ok(pdf.rawPayload.subarray(0, 5).toString() === '%PDF-');
  const text = pdfText(pdf.rawPayload);
  const amount = `${Math.trunc((receipt?.amount ?? 0) / 100)}.${String((receipt?.amount ?? 0) % 100).padStart(2, '0')} AZN`;
  assert.ok(text.includes(amount), `PDF shows ${amount}`);
  assert.ok(text.includes(number), 'PDF shows the receipt number');
  const verify = await t.app.inject({ method: 'GET', url: `/api/v1/receipts/${number}/verify` });
  assert.equal(verify.statusCode, 200);
  assert.equal(verify.json().genuine, true);
  assert.equal(verify.json().amount.amount, receipt?.amount);
  assert.equal(verify.json().store.id, 'baku-28-may');
  const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/receipts/BAK1-999999-ZZZZ/verify' });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().code, 'RECEIPT_NOT_FOUND');
  for (const action of ['line.lookup', 'id_check.record', 'sale.start', 'sale.paid_pos']) {
    assert.equal(await countRows(t.db, 'staff_audit_log', 'action = $1', [action]) >= 1, true, action);
  }
  const report = await t.app.inject({ method: 'GET', url: '/staff/report?date=2026-11-26', cookies });
  assert.match(report.body, new RegExp(number));
});

test("an agent of store A cannot act on store B's appointments", async () => {
  const [row] = await t.db.query<{ id: string }>("select id from appointments where store_id = 'ganja-javad-khan' and status = 'booked' limit 1");
  assert.ok(row);
  const res = await t.app.inject({ method: 'POST', url: `/staff/appointments/${row.id}/attend`, headers: form, cookies: { saxla_staff: agentA }, payload: '' });
  assert.equal(res.statusCode, 403);
  const own = await t.app.inject({ method: 'POST', url: `/staff/appointments/${row.id}/attend`, headers: form, cookies: { saxla_staff: agentB }, payload: '' });
  assert.equal(own.statusCode, 303);
  assert.equal(await countRows(t.db, 'staff_audit_log', "action = 'appointment.attend'"), 1);
});

test('QR sale in the console: the demo bank app pays through the signed webhook route', async () => {
  const msisdn = msisdnFor(2);
  const cookies = { saxla_staff: agentA };
  await t.app.inject({ method: 'POST', url: '/staff/id-checks', headers: form, cookies, payload: new URLSearchParams({ msisdn, documentType: 'id_card', issuingCountry: 'AZE', documentNumber: 'AZE9876543', documentExpires: '2030-01-01', iccid: iccidFor(2) }).toString() });
  const sale = await t.app.inject({ method: 'POST', url: '/staff/sales', headers: form, cookies, payload: new URLSearchParams({ msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: '1', method: 'qr', formKey: 'q1' }).toString() });
  const salePath = String(sale.headers.location);
  const shown = await t.app.inject({ method: 'GET', url: salePath, cookies });
  assert.match(shown.body, /alt="Payment QR code"/);
  const simulated = await t.app.inject({ method: 'POST', url: `${salePath}/simulate`, headers: form, cookies, payload: 'outcome=succeeded' });
  assert.equal(simulated.statusCode, 303, simulated.body);
  const paid = await t.app.inject({ method: 'GET', url: salePath, cookies });
  assert.match(paid.body, /Paid and activated/);
});
