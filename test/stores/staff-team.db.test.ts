// Staff accounts made in the console: a manager adds agents of their own store only, an admin any
// account; the one-time password is shown once and signs in to the enrolment step; deactivating
// ends the account's sessions; both are audited.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import type { StaffDeps } from '../../src/services/staff-auth.ts';
import { buildPaymentsTestApp, countRows, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff, type EnrolledStaff } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

const SECRET = 'test-secret-for-hmacs-0123456789abcdef';
const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
const origin = { ip: '10.0.0.9', userAgent: 'test' };
let t: PaymentsTestApp;
let manager: EnrolledStaff;
let admin: EnrolledStaff;
let agent: EnrolledStaff;

before(async () => {
  t = await buildPaymentsTestApp({ lines: 1 });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  const deps: StaffDeps = { db: t.db, now: t.clock.now, secret: SECRET, passwordHashing: testPasswordHashing };
  manager = await enrolledStaff(deps, 'manager', 'baku-28-may', '+994700000201', origin);
  admin = await enrolledStaff(deps, 'admin', null, '+994700000202', origin);
  agent = await enrolledStaff(deps, 'agent', 'baku-28-may', '+994700000203', origin);
});
after(async () => t.close());

const post = (token: string, url: string, body: Record<string, string>) =>
  t.app.inject({ method: 'POST', url, headers: form, cookies: { saxla_staff: token }, payload: new URLSearchParams(body).toString() });

test('a manager adds an agent of their store; the one-time password is shown once and leads to enrolment', async () => {
  const page = await t.app.inject({ method: 'GET', url: '/staff/team', cookies: { saxla_staff: manager.token } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /\+994700000203/, 'the store’s agent is listed');
  assert.doesNotMatch(page.body, /\+994700000202/, 'the admin is not in a manager’s list');
  // The form names another store: a manager creates at their own whatever the form says.
  const created = await post(manager.token, '/staff/team', { phone: '050 300 00 11', role: 'agent', storeId: 'ganja-javad-khan' });
  assert.equal(created.statusCode, 201, created.body);
  assert.equal(created.headers['cache-control'], 'no-store');
  const password = /one-time password <strong><code>([^<]+)<\/code>/.exec(created.body)?.[1];
  assert.ok(password, created.body);
  const [row] = await t.db.query<{ store_id: string; role: string; must_change_password: boolean }>("select store_id, role, must_change_password from staff where phone = '+994503000011'");
  assert.deepEqual(row, { store_id: 'baku-28-may', role: 'agent', must_change_password: true });
  const again = await t.app.inject({ method: 'GET', url: '/staff/team', cookies: { saxla_staff: manager.token } });
  assert.doesNotMatch(again.body, new RegExp(password), 'not shown a second time');
  assert.match(again.body, /not signed in yet/);
  const login = await t.app.inject({ method: 'POST', url: '/staff/login', headers: form, payload: new URLSearchParams({ phone: '+994503000011', password }).toString() });
  assert.equal(login.statusCode, 303, login.body);
  assert.equal(login.headers.location, '/staff/enrol');
  assert.equal(await countRows(t.db, 'staff_audit_log', "action = 'staff.create' and staff_id = $1", [manager.actor.staff.id]), 1);
});

test('a manager cannot make a manager or an admin; an agent cannot manage at all; a duplicate phone is refused', async () => {
  const asManager = await post(manager.token, '/staff/team', { phone: '+994503000012', role: 'manager' });
  assert.equal(asManager.statusCode, 422);
  assert.match(asManager.body, /FORBIDDEN/);
  const agentPage = await t.app.inject({ method: 'GET', url: '/staff/team', cookies: { saxla_staff: agent.token } });
  assert.equal(agentPage.statusCode, 403);
  const asAgent = await post(agent.token, '/staff/team', { phone: '+994503000013', role: 'agent' });
  assert.equal(asAgent.statusCode, 403);
  const duplicate = await post(admin.token, '/staff/team', { phone: '+994700000203', role: 'agent', storeId: 'baku-28-may' });
  assert.equal(duplicate.statusCode, 422);
  assert.match(duplicate.body, /exists already/);
  const badPhone = await post(admin.token, '/staff/team', { phone: '12345', role: 'agent', storeId: 'baku-28-may' });
  assert.equal(badPhone.statusCode, 422);
  assert.equal(await countRows(t.db, 'staff', "phone in ('+994503000012', '+994503000013')"), 0, 'nothing was created');
});

test('an admin creates a manager of any store; deactivating ends the sessions, a manager only their own agents', async () => {
  const created = await post(admin.token, '/staff/team', { phone: '+994503000014', role: 'manager', storeId: 'ganja-javad-khan' });
  assert.equal(created.statusCode, 201, created.body);
  const [ganjaManager] = await t.db.query<{ id: string; store_id: string }>("select id, store_id from staff where phone = '+994503000014'");
  assert.equal(ganjaManager?.store_id, 'ganja-javad-khan');
  const foreign = await post(manager.token, `/staff/team/${ganjaManager?.id}/deactivate`, {});
  assert.equal(foreign.statusCode, 422);
  assert.match(foreign.body, /FORBIDDEN/);
  const self = await post(manager.token, `/staff/team/${manager.actor.staff.id}/deactivate`, {});
  assert.equal(self.statusCode, 422);
  const off = await post(manager.token, `/staff/team/${agent.actor.staff.id}/deactivate`, {});
  assert.equal(off.statusCode, 303, off.body);
  const after = await t.app.inject({ method: 'GET', url: '/staff', cookies: { saxla_staff: agent.token } });
  assert.equal(after.headers.location, '/staff/login', 'the agent’s session ended');
  const twice = await post(manager.token, `/staff/team/${agent.actor.staff.id}/deactivate`, {});
  assert.equal(twice.statusCode, 303);
  assert.equal(await countRows(t.db, 'staff_audit_log', "action = 'staff.deactivate'"), 1, 'a second deactivation changes nothing');
  const login = await t.app.inject({ method: 'POST', url: '/staff/login', headers: form, payload: new URLSearchParams({ phone: agent.phone, password: agent.password }).toString() });
  assert.equal(login.statusCode, 422);
});
