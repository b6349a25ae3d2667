// API keys in the staff console: an operator admin issues one (shown once, on the answering page,
// never stored in clear), sees it listed by name and start, revokes it (the check refuses it at
// once); managers and agents are kept out; every issue and revocation is in the audit log.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import type { StaffDeps } from '../../src/services/staff-auth.ts';
import { buildPaymentsTestApp, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff, staffForm, type EnrolledStaff } from '../helpers/staff.ts';
import { testPasswordHashing } from '../helpers/test-app.ts';

const SECRET = 'test-secret-for-hmacs-0123456789abcdef';
const origin = { ip: '10.0.0.9', userAgent: 'test' };
let t: PaymentsTestApp;
let admin: EnrolledStaff;
let manager: EnrolledStaff;

before(async () => {
  t = await buildPaymentsTestApp({ lines: 1 });
  const deps: StaffDeps = { db: t.db, now: t.clock.now, secret: SECRET, passwordHashing: testPasswordHashing };
  await seedDemoStores({ db: t.db, now: t.clock.now });
  admin = await enrolledStaff(deps, 'admin', null, '+994700000302', origin);
  manager = await enrolledStaff(deps, 'manager', 'baku-28-may', '+994700000301', origin);
});
after(async () => t.close());

const post = (token: string, url: string, body: Record<string, string>) =>
  t.app.inject({ method: 'POST', url, headers: staffForm, cookies: { saxla_staff: token }, payload: new URLSearchParams(body).toString() });
const check = (key: string) => t.anonymousApp.inject({ method: 'GET', url: '/api/v1/reassigned?msisdn=0501234567&since=2026-01-01', headers: { authorization: `Bearer ${key}` } });

test('an admin issues a key, sees it once, then only its start; it works until revoked; both audited', async () => {
  const empty = await t.app.inject({ method: 'GET', url: '/staff/api-keys?lang=en', cookies: { saxla_staff: admin.token } });
  assert.equal(empty.statusCode, 200, empty.body);
  assert.match(empty.body, /No keys issued yet/);
  assert.match(empty.body, /<label for="name">/);

  const issued = await post(admin.token, '/staff/api-keys?lang=en', { name: 'Kapital Bank' });
  assert.equal(issued.statusCode, 201, issued.body);
  const key = /<code class="secret">(sxk_[A-Za-z0-9_-]{43})<\/code>/.exec(issued.body)?.[1];
  assert.ok(key, 'the key is on the answering page');
  assert.match(issued.body, /Give this key to Kapital Bank now/);
  assert.match(String(issued.headers['cache-control']), /no-store/);
  assert.equal((await check(key)).statusCode, 200);

  const listed = await t.app.inject({ method: 'GET', url: '/staff/api-keys?lang=en', cookies: { saxla_staff: admin.token } });
  assert.ok(!listed.body.includes(key), 'shown once: the list has only its start');
  assert.ok(listed.body.includes(`${key.slice(0, 10)}…`));
  assert.match(listed.body, /Kapital Bank/);

  const [row] = await t.db.query<{ id: string }>("select id from api_keys where name = 'Kapital Bank'");
  assert.ok(row);
  const revoked = await post(admin.token, `/staff/api-keys/${row.id}/revoke`, {});
  assert.equal(revoked.statusCode, 303);
  assert.equal(revoked.headers.location, '/staff/api-keys?revoked=1');
  assert.equal((await check(key)).statusCode, 401, 'a revoked key is refused at once');
  assert.equal((await post(admin.token, `/staff/api-keys/${row.id}/revoke`, {})).statusCode, 422, 'twice: nothing left to revoke');

  const audit = await t.db.query<{ action: string; staff_id: string; detail: { keyId: string; name: string } }>(
    "select action, staff_id, detail from staff_audit_log where action like 'api_key.%' order by id");
  assert.deepEqual(audit.map((a) => [a.action, a.staff_id, a.detail.keyId, a.detail.name]), [
    ['api_key.create', admin.actor.staff.id, row.id, 'Kapital Bank'],
    ['api_key.revoke', admin.actor.staff.id, row.id, 'Kapital Bank'],
  ]);
  assert.ok(!JSON.stringify(await t.db.query('select * from staff_audit_log')).includes(key), 'the key is in no audit row');
});

test('a key needs a name; a bad form changes nothing and says why in the reader\'s language', async () => {
  const before = await t.db.query('select id from api_keys');
  const res = await post(admin.token, '/staff/api-keys?lang=tr', { name: '   ' });
  assert.equal(res.statusCode, 422);
  assert.match(res.body, /lang="tr"/);
  assert.match(res.body, /VALIDATION_FAILED/);
  assert.equal((await t.db.query('select id from api_keys')).length, before.length);
});

test('store staff are kept out of API keys', async () => {
  const page = await t.app.inject({ method: 'GET', url: '/staff/api-keys', cookies: { saxla_staff: manager.token } });
  assert.equal(page.statusCode, 403);
  assert.equal((await post(manager.token, '/staff/api-keys', { name: 'Sneaky' })).statusCode, 403);
  assert.equal((await t.db.query("select id from api_keys where name = 'Sneaky'")).length, 0);
});
