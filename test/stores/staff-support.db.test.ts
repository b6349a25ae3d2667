// The support desk in the staff console: a `support` account signs in, sees a customer's case in
// the queue, answers it from the form (the customer sees "answered" and gets an SMS); store agents
// cannot open the desk and support cannot work the counter; the manager's operations page shows
// the first-answer and resolution times.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generate } from 'otplib';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import { createStaff } from '../../src/services/staff-auth.ts';
import type { StaffRole } from '../../src/domain/vocabularies.ts';
import { cookieHeader, customerHeaders, signUpCustomer } from '../helpers/customers.ts';
import { msisdnFor } from '../helpers/factories.ts';
import { buildTestApp, TEST_SECRET, testPasswordHashing, type TestApp } from '../helpers/test-app.ts';

let t: TestApp;
const form = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
const customerLine = msisdnFor(81);
let customer = '';
let supportCookie = '';
let agentCookie = '';
let managerCookie = '';

async function signIn(role: StaffRole, phone: string): Promise<string> {
  const created = await createStaff({ db: t.db, now: t.clock.now, secret: TEST_SECRET, passwordHashing: testPasswordHashing }, { role, storeId: 'baku-28-may', phone, name: `Test ${role}` }, { staffId: null, origin: { ip: null, userAgent: null } });
  const login = await t.app.inject({ method: 'POST', url: '/staff/login', headers: form, payload: new URLSearchParams({ phone, password: created.initialPassword }).toString() });
  const pending = login.cookies.find((c) => c.name === 'saxla_staff');
  assert.ok(pending, login.body);
  const code = await generate({ secret: created.totpSecret, epoch: Math.floor(t.clock.now() / 1000) });
  const enrol = await t.app.inject({ method: 'POST', url: '/staff/enrol', headers: form, cookies: { saxla_staff: pending.value }, payload: `code=${code}` });
  const full = enrol.cookies.find((c) => c.name === 'saxla_staff');
  assert.ok(full, enrol.body);
  await t.db.query('update staff set must_change_password = false where phone = $1', [phone]);
  return full.value;
}

before(async () => {
  t = await buildTestApp();
  await seedDemoStores({ db: t.db, now: t.clock.now });
  customer = await signUpCustomer(t, customerLine, 81);
  supportCookie = await signIn('support', '+994700000181');
  agentCookie = await signIn('agent', '+994700000182');
  managerCookie = await signIn('manager', '+994700000183');
});
after(async () => t.close());

test('support answers a case from the queue; the customer sees it answered and gets an SMS', async () => {
  const opened = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: customerHeaders(customer), payload: { category: 'sms', text: 'My reminder came in the wrong language <b>!</b>' } });
  assert.equal(opened.statusCode, 201, opened.body);
  const { caseId, ref } = opened.json() as { caseId: string; ref: string };

  const queue = await t.app.inject({ method: 'GET', url: '/staff/support?lang=en', cookies: { saxla_staff: supportCookie } });
  assert.equal(queue.statusCode, 200, queue.body);
  assert.match(queue.body, new RegExp(`<a href="/staff/support/${caseId}">${ref}</a>`));
  assert.match(queue.body, /Waiting for us/);

  const view = await t.app.inject({ method: 'GET', url: `/staff/support/${caseId}?lang=en`, cookies: { saxla_staff: supportCookie } });
  assert.equal(view.statusCode, 200);
  assert.match(view.body, /wrong language &lt;b&gt;!&lt;\/b&gt;/, 'the customer\'s text is escaped');
  assert.match(view.body, new RegExp(`by SMS at \\${customerLine}`));
  assert.match(view.body, /<label for="text">Message to the customer<\/label><textarea/);

  t.clock.advanceMs(15 * 60_000);
  const empty = await t.app.inject({ method: 'POST', url: `/staff/support/${caseId}`, headers: form, cookies: { saxla_staff: supportCookie }, payload: 'action=answer&text=%20' });
  assert.equal(empty.statusCode, 422);
  const answer = await t.app.inject({ method: 'POST', url: `/staff/support/${caseId}`, headers: form, cookies: { saxla_staff: supportCookie }, payload: new URLSearchParams({ action: 'answer', text: 'We have set the line to English.' }).toString() });
  assert.equal(answer.statusCode, 303, answer.body);
  const seen = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: cookieHeader(customer) });
  assert.equal(seen.json().status, 'answered');
  assert.equal(seen.json().messages[1].text, 'We have set the line to English.');
  const sms = await t.db.query<{ body: string }>(`select body from sms_outbox where kind = 'support_notice' and msisdn = $1`, [customerLine]);
  assert.equal(sms.length, 1);
  assert.match(sms[0]?.body ?? '', new RegExp(`answered your support case ${ref}`));

  const ops = await t.app.inject({ method: 'GET', url: '/staff/operations?lang=en', cookies: { saxla_staff: managerCookie } });
  assert.equal(ops.statusCode, 200, ops.body);
  assert.match(ops.body, /Opened: 1; answered: 1; resolved: 0; still unresolved: 1/);
  assert.match(ops.body, /Median time to the first answer: 0 d 0 h 15 min/);
  assert.match(ops.body, /Median time to resolution: none yet/);
});

test('store agents cannot open the desk; support cannot see the operations page or work the counter', async () => {
  assert.equal((await t.app.inject({ method: 'GET', url: '/staff/support', cookies: { saxla_staff: agentCookie } })).statusCode, 403);
  assert.equal((await t.app.inject({ method: 'GET', url: '/staff/operations', cookies: { saxla_staff: supportCookie } })).statusCode, 403);
  assert.equal((await t.app.inject({ method: 'GET', url: '/staff/report', cookies: { saxla_staff: supportCookie } })).statusCode, 403);
  const lookup = await t.app.inject({ method: 'GET', url: `/staff/lines?q=${encodeURIComponent(customerLine)}`, cookies: { saxla_staff: supportCookie } });
  assert.equal(lookup.statusCode, 403);
});
