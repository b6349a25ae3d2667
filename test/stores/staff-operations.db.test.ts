// The managers' operations page: today's renewals and top-ups with their amounts, failures, the
// SMS delivery rate and the lines whose last active day is within a week — and agents kept out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import type { StaffDeps } from '../../src/services/staff-auth.ts';
import { provisionLines } from '../../src/services/provision-lines.ts';
import { iccidFor, msisdnFor, policy } from '../helpers/factories.ts';
import { buildPaymentsTestApp, deliver, orderRenewal, payOnPage, webhookFor, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff, type EnrolledStaff } from '../helpers/staff.ts';
import { adminHeaders, testPasswordHashing } from '../helpers/test-app.ts';

const SECRET = 'test-secret-for-hmacs-0123456789abcdef';
let t: PaymentsTestApp;
let agent: EnrolledStaff;
let manager: EnrolledStaff;

before(async () => {
  t = await buildPaymentsTestApp({ lines: 3, startAt: '2026-11-26T10:00:00+04:00' });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  const deps: StaffDeps = { db: t.db, now: t.clock.now, secret: SECRET, passwordHashing: testPasswordHashing };
  agent = await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000501', { ip: '10.0.0.5', userAgent: 'test' });
  manager = await enrolledStaff(deps, 'manager', 'baku-28-may', '+994700000502', { ip: '10.0.0.5', userAgent: 'test' });
  // Last active days: today + 2 and + 6 are within the week, + 7 is not.
  await provisionLines({ db: t.db, policy, now: t.clock.now }, [
    { row: 1, msisdn: msisdnFor(81), iccid: iccidFor(81), balance: 0, validUntil: '2026-11-28', language: 'en' },
    { row: 2, msisdn: msisdnFor(82), iccid: iccidFor(82), balance: 0, validUntil: '2026-12-02', language: 'en' },
    { row: 3, msisdn: msisdnFor(83), iccid: iccidFor(83), balance: 0, validUntil: '2026-12-03', language: 'en' },
  ]);
});
after(async () => t.close());

test('a manager sees today\'s figures; an agent is refused', async () => {
  const paid = await orderRenewal(t);
  await payOnPage(t, paid.sessionId);
  await deliver(t, await webhookFor(t, paid.sessionId));
  const declined = await orderRenewal(t, { msisdn: msisdnFor(2) });
  await payOnPage(t, declined.sessionId, '4000 0000 0000 0002');
  await deliver(t, await webhookFor(t, declined.sessionId));
  const topUp = await t.anonymousApp.inject({
    method: 'POST', url: `/api/v1/admin/lines/${encodeURIComponent(msisdnFor(3))}/top-ups`,
    headers: { ...adminHeaders, 'idempotency-key': 'ops-top-up' }, payload: { amount: { amount: 500, currency: 'AZN' }, reference: 'kiosk' },
  });
  assert.equal(topUp.statusCode, 201, topUp.body);
  await t.db.query(`update sms_outbox set status = 'delivered' where id = (select min(id) from sms_outbox)`);
  await t.db.query(`update sms_outbox set status = 'undeliverable' where id = (select max(id) from sms_outbox)`);

  const res = await t.app.inject({ method: 'GET', url: '/staff/operations?lang=en', cookies: { saxla_staff: manager.token } });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.body.replace(/\s+/g, ' ');
  assert.match(body, /Operations today \(2026-11-26, Baku\)/);
  assert.match(body, new RegExp(`Renewals: 1 \\(₼${(paid.total / 100).toFixed(2).replace('.', '\\.')}\\)`));
  assert.match(body, /Top-ups: 1 \(₼5\.00\)/);
  assert.match(body, /Payments declined or failed: 1/);
  assert.match(body, /Delivered: 50% of the SMS whose fate is known \(1 delivered, 1 not\)/);
  assert.match(body, /Lines turning one-way within 7 days: 2/);
  assert.match(body, /<td>2026-11-28<\/td><td>1<\/td>.*<td>2026-12-02<\/td><td>1<\/td>/);
  assert.doesNotMatch(body, /2026-12-03/);

  const zh = await t.app.inject({ method: 'GET', url: '/staff/operations?lang=zh', cookies: { saxla_staff: manager.token } });
  assert.match(zh.body, /今日运营/);
  const refused = await t.app.inject({ method: 'GET', url: '/staff/operations', cookies: { saxla_staff: agent.token } });
  assert.equal(refused.statusCode, 403);
});
