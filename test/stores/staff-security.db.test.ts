// The console's same-origin rule (every POST, sign-in included, proves it came from a console
// page), the staff cookie's Secure flag behind a proxy, and errors answered as console pages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedDemoStores } from '../../src/services/seed-demo-stores.ts';
import { createStaff } from '../../src/services/staff-auth.ts';
import { buildPaymentsTestApp, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { enrolledStaff, staffForm } from '../helpers/staff.ts';
import { buildAppOn, testPasswordHashing } from '../helpers/test-app.ts';

let t: PaymentsTestApp;
let agentToken = '';
const AGENT_PHONE = '+994700000501';
const origin = { ip: '10.0.0.9', userAgent: 'test' };
const form = { 'content-type': 'application/x-www-form-urlencoded' } as const;

before(async () => {
  t = await buildPaymentsTestApp({ lines: 2 });
  await seedDemoStores({ db: t.db, now: t.clock.now });
  const agent = await enrolledStaff({ db: t.db, now: t.clock.now, secret: t.deps.secret, passwordHashing: testPasswordHashing }, 'agent', 'baku-28-may', AGENT_PHONE, origin);
  agentToken = agent.token;
});
after(async () => t.close());

const login = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/staff/login', headers: { ...form, ...headers }, payload: new URLSearchParams({ phone: AGENT_PHONE, password: 'wrong password' }).toString() });

test('a console POST without Origin or Sec-Fetch-Site is refused, signed in or not (it was let through)', async () => {
  const [row] = await t.db.query<{ id: string }>("select id from appointments where store_id = 'baku-28-may' and status = 'booked' limit 1");
  assert.ok(row);
  const bare = await t.app.inject({ method: 'POST', url: `/staff/appointments/${row.id}/attend`, headers: form, cookies: { saxla_staff: agentToken }, payload: '' });
  assert.equal(bare.statusCode, 403);
  assert.match(String(bare.headers['content-type']), /text\/html/);
  assert.match(bare.body, /CSRF_REJECTED/);
  const [state] = await t.db.query<{ status: string }>('select status from appointments where id = $1', [row.id]);
  assert.equal(state?.status, 'booked', 'nothing changed');
  const sameSite = await t.app.inject({ method: 'POST', url: `/staff/appointments/${row.id}/attend`, headers: { ...form, 'sec-fetch-site': 'same-origin' }, cookies: { saxla_staff: agentToken }, payload: '' });
  assert.equal(sameSite.statusCode, 303, 'Sec-Fetch-Site: same-origin alone is proof enough');
});

test('sign-in and enrolment need the same proof: no header, a foreign Origin or a cross-site fetch are refused', async () => {
  const attempts: Record<string, string>[] = [{}, { origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }, { origin: 'http://localhost', 'sec-fetch-site': 'same-site' }];
  for (const headers of attempts) {
    const refused = await login(headers);
    assert.equal(refused.statusCode, 403, JSON.stringify(headers));
    assert.match(refused.body, /CSRF_REJECTED/);
  }
  const own = await login({ origin: 'http://localhost' });
  assert.equal(own.statusCode, 422, 'past the origin check: the password is what fails');
  assert.match(own.body, /INVALID_CREDENTIALS/);
  const enrol = await t.app.inject({ method: 'POST', url: '/staff/enrol', headers: form, cookies: { saxla_staff: agentToken }, payload: 'code=123456' });
  assert.equal(enrol.statusCode, 403);
});

test("the staff cookie is Secure unless the request is plain http to a loopback host, whatever the Host says behind a proxy", async () => {
  // A pending (first) sign-in sets the cookie: a fresh account for each app.
  let n = 0;
  const fresh = async (app: typeof t.app, headers: Record<string, string>) => {
    n += 1;
    const phone = `+99470000060${n}`;
    const created = await createStaff({ db: t.db, now: t.clock.now, secret: t.deps.secret, passwordHashing: testPasswordHashing }, { role: 'agent', storeId: 'baku-28-may', phone }, { staffId: null, origin });
    const res = await app.inject({ method: 'POST', url: '/staff/login', headers: { ...form, ...headers }, payload: new URLSearchParams({ phone, password: created.initialPassword }).toString() });
    assert.equal(res.statusCode, 303, res.body);
    const cookie = res.cookies.find((c) => c.name === 'saxla_staff');
    assert.ok(cookie);
    return cookie.secure === true;
  };
  assert.equal(await fresh(t.app, { origin: 'http://localhost' }), false, 'plain http on localhost: development');
  const behindTls = await buildAppOn({ ...t.deps, baseUrl: 'https://saxla.example' });
  try {
    // A TLS proxy forwarding to localhost with its Host rewritten: SAXLA_BASE_URL says https.
    assert.equal(await fresh(behindTls, { origin: 'https://saxla.example' }), true);
  } finally {
    await behindTls.close();
  }
  const trusted = await buildAppOn(t.deps, { trustProxy: '127.0.0.1' });
  try {
    assert.equal(await fresh(trusted, { host: 'localhost', origin: 'https://localhost', 'x-forwarded-proto': 'https' }), true, 'X-Forwarded-Proto from a trusted proxy');
  } finally {
    await trusted.close();
  }
});

test('console errors are console pages in the reader language, with their status codes', async () => {
  const cookies = { saxla_staff: agentToken };
  const badDay = await t.app.inject({ method: 'GET', url: '/staff/report?date=2026-13-45&lang=az', cookies });
  assert.equal(badDay.statusCode, 422);
  assert.match(String(badDay.headers['content-type']), /text\/html/);
  assert.match(badDay.body, /<html lang="az">/);
  assert.match(badDay.body, /Bu tarix düzgün deyil.*\[INVALID_DATE\]/s);
  assert.match(badDay.body, /href="\/staff">Kassaya qayıt/);
  const badNumber = await t.app.inject({ method: 'POST', url: '/staff/id-checks', headers: staffForm, cookies, payload: new URLSearchParams({ msisdn: '12', documentType: 'passport', issuingCountry: 'AZE', documentNumber: 'C1', documentExpires: '2031-01-01', iccid: '1' }).toString() });
  assert.equal(badNumber.statusCode, 422);
  assert.match(String(badNumber.headers['content-type']), /text\/html/);
  assert.match(badNumber.body, /\[INVALID_MSISDN\]/);
  const noSession = await t.app.inject({ method: 'POST', url: '/staff/password', headers: staffForm, payload: 'current=a&next=b' });
  assert.equal(noSession.statusCode, 401);
  assert.match(noSession.body, /href="\/staff\/login"/);
  const api = await t.app.inject({ method: 'GET', url: '/staff/report?date=nope', cookies, headers: { accept: 'application/json' } });
  assert.equal(api.statusCode, 422);
  assert.equal(api.json().code, 'INVALID_DATE', 'a client asking for JSON still gets problem+json');
});

test('an unknown console address is a console page too (404), signed in or not', async () => {
  const page = await t.app.inject({ method: 'GET', url: '/staff/no-such-page?lang=ru', headers: { accept: 'text/html' } });
  assert.equal(page.statusCode, 404);
  assert.match(page.body, /<html lang="ru">/);
  assert.match(page.body, /Saxla staff|Saxla/);
  assert.match(page.body, /\[NOT_FOUND\]/);
  assert.match(String(page.headers['content-security-policy']), /script-src 'none'/, 'with the console headers');
  const api = await t.app.inject({ method: 'GET', url: '/staff/no-such-page', headers: { accept: 'application/json' } });
  assert.equal(api.json().code, 'NOT_FOUND');
  const portal = await t.app.inject({ method: 'GET', url: '/no-such-page', headers: { accept: 'text/html' } });
  assert.doesNotMatch(portal.body, /\[NOT_FOUND\]/, 'the portal keeps its own 404 page');
});
