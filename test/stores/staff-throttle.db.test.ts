// Failed staff sign-ins are throttled in the database, per account and per address, with the
// customers' counters; refused attempts are audited, a success takes its events back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import { authenticateStaff, confirmEnrolment, createStaff, logInStaff, type StaffDeps } from '../../src/services/staff-auth.ts';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff, totpCode } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

let t: PaymentsTestApp;
let deps: StaffDeps;
const origin = { ip: '10.1.1.1', userAgent: 'test' };

before(async () => {
  t = await buildPaymentsTestApp({ lines: 1 });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  deps = { db: t.db, now: t.clock.now, secret: 'test-secret-for-hmacs-0123456789abcdef', passwordHashing: testPasswordHashing };
});
after(async () => t.close());

test('ten failures lock the account for 15 minutes, even with the right password and code', async () => {
  const who = await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000201', origin);
  t.clock.advanceMs(30_000);
  for (let i = 0; i < 10; i++) {
    await assert.rejects(logInStaff(deps, { phone: who.phone, password: 'wrong-password', totpCode: '123456' }, { ip: `10.2.0.${i}`, userAgent: null }), { code: 'INVALID_CREDENTIALS' });
  }
  const right = async () => logInStaff(deps, { phone: who.phone, password: who.password, totpCode: await totpCode(who.totpSecret, t.clock.now()) }, origin);
  await assert.rejects(right(), { code: 'RATE_LIMITED' });
  assert.equal(await countRows(t.db, 'staff_audit_log', "action = 'staff.login_throttled' and staff_id = $1", [who.actor.staff.id]), 1);
  t.clock.advanceMs(15 * 60_000);
  assert.equal((await right()).stage, 'full', 'the window slides: after 15 minutes the owner gets in');
  // The ten failures stay (they age out of the window); the successful attempt's own event is gone.
  assert.equal(await countRows(t.db, 'auth_throttle_events', "scope = 'staff_login_failure_account' and subject = $1", [who.phone]), 10, 'a success takes its events back');
});

test('wrong authenticator codes count too; a customer account with the same number is not affected', async () => {
  const who = await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000202', origin);
  for (let i = 0; i < 10; i++) {
    await assert.rejects(logInStaff(deps, { phone: who.phone, password: who.password, totpCode: '000000' }, origin), { code: 'TOTP_INVALID' });
  }
  await assert.rejects(logInStaff(deps, { phone: who.phone, password: who.password, totpCode: '000000' }, origin), { code: 'RATE_LIMITED' });
  assert.equal(await countRows(t.db, 'auth_throttle_events', "scope = 'login_failure_account' and subject = $1", [who.phone]), 0);
  t.clock.advanceMs(15 * 60_000);
});

test('guessing enrolment codes from a pending session is throttled', async () => {
  const created = await createStaff(deps, { role: 'agent', storeId: 'baku-28-may', phone: '+994700000203' }, { staffId: null, origin });
  const pending = await logInStaff(deps, { phone: '+994700000203', password: created.initialPassword }, origin);
  const session = await authenticateStaff(deps, pending.token);
  assert.ok(session);
  for (let i = 0; i < 10; i++) await assert.rejects(confirmEnrolment(deps, session, '000000', origin), { code: 'TOTP_INVALID' });
  await assert.rejects(confirmEnrolment(deps, session, await totpCode(created.totpSecret, t.clock.now()), origin), { code: 'RATE_LIMITED' });
  t.clock.advanceMs(15 * 60_000);
});

test('one address that fails against many accounts is stopped at 100 an hour; other addresses are not', async () => {
  const who = await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000204', origin);
  const attacker = { ip: '203.0.113.9', userAgent: 'x' };
  for (let i = 0; i < 100; i++) {
    await assert.rejects(logInStaff(deps, { phone: `+99470100${String(i).padStart(4, '0')}`, password: 'guess-guess' }, attacker), { code: 'INVALID_CREDENTIALS' });
  }
  await assert.rejects(logInStaff(deps, { phone: 'not a number', password: 'guess' }, attacker), { code: 'RATE_LIMITED' });
  await assert.rejects(logInStaff(deps, { phone: who.phone, password: who.password, totpCode: await totpCode(who.totpSecret, t.clock.now()) }, attacker), { code: 'RATE_LIMITED' });
  t.clock.advanceMs(30_000);
  assert.equal((await logInStaff(deps, { phone: who.phone, password: who.password, totpCode: await totpCode(who.totpSecret, t.clock.now()) }, origin)).stage, 'full');
});
