// A double-submitted sale form opens one sale and both answers show it; the same form key with
// other details is refused; a form without its key is refused.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import { iccidFor, msisdnFor } from '../helpers/factories.ts';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

let t: PaymentsTestApp;
let cookies: Record<string, string>;
const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };

before(async () => {
  t = await buildPaymentsTestApp({ lines: 2 });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  const deps = { db: t.db, now: t.clock.now, secret: t.deps.secret, passwordHashing: testPasswordHashing };
  const agent = await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000301', { ip: null, userAgent: null });
  cookies = { saxla_staff: agent.token };
});
after(async () => t.close());

test('the line page renders a fresh idempotency key into the sale form; a double submit shows the same sale', async () => {
  const msisdn = msisdnFor(1);
  const check = await t.app.inject({ method: 'POST', url: '/staff/id-checks', headers: form, cookies, payload: new URLSearchParams({ msisdn, documentType: 'passport', issuingCountry: 'AZE', documentNumber: 'C01234567', documentExpires: '2031-01-01', iccid: iccidFor(1) }).toString() });
  assert.equal(check.statusCode, 303, check.body);
  const pageA = await t.app.inject({ method: 'GET', url: `/staff/lines?q=${encodeURIComponent(msisdn)}`, cookies });
  const pageB = await t.app.inject({ method: 'GET', url: `/staff/lines?q=${encodeURIComponent(msisdn)}`, cookies });
  const keyOf = (html: string) => /name="formKey" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const key = keyOf(pageA.body);
  assert.match(key, /^[A-Za-z0-9_-]{16}$/);
  assert.notEqual(keyOf(pageB.body), key, 'each rendering gets its own key');
  const body = new URLSearchParams({ msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: '3', method: 'pos', formKey: key }).toString();
  const [first, second] = await Promise.all([0, 1].map(() => t.app.inject({ method: 'POST', url: '/staff/sales', headers: form, cookies, payload: body })));
  assert.equal(first?.statusCode, 303, first?.body);
  assert.equal(second?.statusCode, 303, second?.body);
  assert.equal(second?.headers.location, first?.headers.location, 'both answers point at the one sale');
  const later = await t.app.inject({ method: 'POST', url: '/staff/sales', headers: form, cookies, payload: body });
  assert.equal(later.headers.location, first?.headers.location);
  assert.equal(await countRows(t.db, 'counter_sales', 'msisdn = $1', [msisdn]), 1);
  assert.equal(await countRows(t.db, 'orders', "provider = 'pos'"), 1);
  assert.equal(await countRows(t.db, 'staff_audit_log', "action = 'sale.start'"), 1);
  // Paid once; the receipt page behind either answer is the same.
  const pay = await t.app.inject({ method: 'POST', url: `${String(first?.headers.location)}/simulate`, headers: form, cookies, payload: 'outcome=succeeded' });
  assert.equal(pay.statusCode, 303, pay.body);
  const again = await t.app.inject({ method: 'POST', url: '/staff/sales', headers: form, cookies, payload: body });
  const shown = await t.app.inject({ method: 'GET', url: String(again.headers.location), cookies });
  assert.match(shown.body, /Paid and activated\. Receipt <strong>BAK1-000001-/);

  const other = await t.app.inject({ method: 'POST', url: '/staff/sales', headers: form, cookies, payload: body.replace('months=3', 'months=6') });
  assert.equal(other.statusCode, 422);
  assert.match(other.body, /IDEMPOTENCY_KEY_REUSED/);
});

test('a refused sale gives its key back: after the ID check the same form goes through', async () => {
  const msisdn = msisdnFor(2);
  const body = new URLSearchParams({ msisdn, kind: 'renewal', planCode: 'SAXLA_NOMRE', months: '1', method: 'qr', formKey: 'form-key-2' }).toString();
  const refused = await t.app.inject({ method: 'POST', url: '/staff/sales', headers: form, cookies, payload: body });
  assert.match(refused.body, /ID_CHECK_REQUIRED/);
  await t.app.inject({ method: 'POST', url: '/staff/id-checks', headers: form, cookies, payload: new URLSearchParams({ msisdn, documentType: 'id_card', issuingCountry: 'AZE', documentNumber: 'AZE9876543', documentExpires: '2031-01-01', iccid: iccidFor(2) }).toString() });
  const ok = await t.app.inject({ method: 'POST', url: '/staff/sales', headers: form, cookies, payload: body });
  assert.equal(ok.statusCode, 303, ok.body);
  const noKey = await t.app.inject({ method: 'POST', url: '/staff/sales', headers: form, cookies, payload: body.replace('&formKey=form-key-2', '') });
  assert.match(noKey.body, /IDEMPOTENCY_KEY_REQUIRED/);
});
