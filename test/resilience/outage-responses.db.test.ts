// What clients get while the database is away, and that Saxla answers again by itself when it is
// back: 503 with Retry-After, problem+json DATABASE_UNAVAILABLE for the API, a page in the
// visitor's language for the portal, and /readyz saying so.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { fixedClock, msisdnFor, policy } from '../helpers/factories.ts';
import { ADMIN_TOKEN, adminHeaders, buildAppOn, TEST_SECRET, testPasswordHashing } from '../helpers/test-app.ts';
import { sameOriginHeaders } from '../helpers/customers.ts';
import { switchable, type SwitchableDatabase } from './switchable-database.ts';

describe('while the database is away', () => {
  let testDb: TestDatabase;
  let outage: SwitchableDatabase;
  let app: FastifyInstance;
  const msisdn = encodeURIComponent(msisdnFor(1));

  before(async () => {
    testDb = await openTestDatabase();
    outage = switchable(testDb.db);
    const clock = fixedClock('2026-11-26T10:00:00+04:00');
    app = await buildAppOn({ db: outage.db, policy, now: clock.now, adminToken: ADMIN_TOKEN, secret: TEST_SECRET, passwordHashing: testPasswordHashing });
  });
  after(async () => {
    await app.close();
    await testDb.close();
  });

  it('the API answers 503 problem+json DATABASE_UNAVAILABLE with Retry-After, then serves again', async () => {
    outage.down();
    const res = await app.inject({ method: 'GET', url: `/api/v1/admin/lines/${msisdn}`, headers: adminHeaders });
    assert.equal(res.statusCode, 503, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.equal(res.headers['retry-after'], '5');
    const problem = res.json<{ code: string; status: number }>();
    assert.equal(problem.code, 'DATABASE_UNAVAILABLE');
    assert.equal(problem.status, 503);
    assert.ok(outage.refused > 0);

    outage.up();
    const back = await app.inject({ method: 'GET', url: `/api/v1/admin/lines/${msisdn}`, headers: adminHeaders });
    assert.equal(back.statusCode, 404, back.body);
    assert.equal(back.json<{ code: string }>().code, 'LINE_NOT_FOUND');
  });

  it('/readyz says 503 DATABASE_UNAVAILABLE while it is away and 200 when it is back; /healthz stays 200', async () => {
    outage.down();
    const down = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(down.statusCode, 503);
    assert.equal(down.json<{ code: string }>().code, 'DATABASE_UNAVAILABLE');
    assert.equal(down.headers['retry-after'], '5');
    assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);

    outage.up();
    const up = await app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(up.statusCode, 200);
  });

  it('the home page stays up without the database; only its announcements are left out', async () => {
    outage.down();
    const res = await app.inject({ method: 'GET', url: '/?lang=en', headers: { accept: 'text/html' } });
    outage.up();
    assert.equal(res.statusCode, 200, res.body);
    assert.doesNotMatch(res.body, /class="announcements"/);
  });

  it('a portal page is a 503 page in the visitor\'s language that reloads itself', async () => {
    outage.down();
    const res = await app.inject({ method: 'GET', url: '/stores?lang=ru', headers: { accept: 'text/html,application/xhtml+xml' } });
    outage.up();
    assert.equal(res.statusCode, 503, res.body);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['retry-after'], '5');
    assert.match(res.body, /<html lang="ru">/);
    assert.match(res.body, /Сервис недоступен/);
    assert.match(res.body, /http-equiv="refresh"/);
    assert.match(res.body, /href="\/stores\?lang=ru"/);
  });

  it('a portal form is answered with the page too, and is never posted again by itself', async () => {
    outage.down();
    const res = await app.inject({
      method: 'POST', url: '/login',
      headers: { ...sameOriginHeaders, accept: 'text/html', 'accept-language': 'en-GB,en;q=0.9', 'content-type': 'application/x-www-form-urlencoded' },
      payload: `phone=${msisdnFor(2)}&password=whatever-it-is`,
    });
    outage.up();
    assert.equal(res.statusCode, 503, res.body);
    assert.match(res.body, /<html lang="en">/);
    assert.match(res.body, /unavailable for a few seconds/);
    assert.doesNotMatch(res.body, /http-equiv="refresh"/);
  });

  it('a non-browser client of a page path gets problem+json', async () => {
    outage.down();
    const res = await app.inject({ method: 'GET', url: '/stores' });
    outage.up();
    assert.equal(res.statusCode, 503);
    assert.equal(res.json<{ code: string }>().code, 'DATABASE_UNAVAILABLE');
  });

  it('USSD answers an END text asking to dial again (503, Retry-After), never a 500', async () => {
    outage.down();
    const payload = new URLSearchParams({ sessionId: 'outage-1', serviceCode: '*101#', phoneNumber: msisdnFor(1), text: '' }).toString();
    const res = await app.inject({ method: 'POST', url: '/ussd', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload, remoteAddress: '127.0.0.1' });
    outage.up();
    assert.equal(res.statusCode, 503, res.body);
    assert.equal(res.headers['retry-after'], '5');
    assert.match(res.body, /^END .*\*101#/);
  });
});
