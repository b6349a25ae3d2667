// Every cookie (customer session, console session, language) is Secure unless Saxla runs as a
// demo on a developer's machine: the Host header alone, which a same-host proxy sets to
// 127.0.0.1 or localhost, never lets one go without Secure.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { fixedClock, policy } from '../../../../test/helpers/factories.ts';
import { openTestDatabase, type TestDatabase } from '../../../../test/helpers/database.ts';
import { ADMIN_TOKEN, TEST_SECRET, buildAppOn, testPasswordHashing } from '../../../../test/helpers/test-app.ts';

let testDb: TestDatabase;
const apps: Record<string, FastifyInstance> = {};

before(async () => {
  testDb = await openTestDatabase();
  const setup = { db: testDb.db, policy, now: fixedClock('2026-11-26T10:00:00+04:00').now, adminToken: ADMIN_TOKEN, secret: TEST_SECRET, passwordHashing: testPasswordHashing };
  apps.demo = await buildAppOn(setup);
  apps.demoBehindTls = await buildAppOn({ ...setup, baseUrl: 'https://saxla.example.az' });
  apps.production = await buildAppOn({ ...setup, mode: 'production', baseUrl: 'https://saxla.example.az', ussdGatewaySecret: 'gateway-secret-0123456789' });
  apps.proxied = await buildAppOn(setup, { trustProxy: '127.0.0.1' });
});
after(async () => {
  for (const app of Object.values(apps)) await app.close();
  await testDb.close();
});

async function languageCookie(app: FastifyInstance | undefined, headers: Record<string, string> = {}): Promise<string> {
  assert.ok(app);
  const res = await app.inject({ method: 'GET', url: '/?lang=ru', headers: { accept: 'text/html', host: 'localhost', ...headers } });
  const cookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('saxla_lang='));
  assert.ok(cookie, `a language cookie (${res.statusCode})`);
  return cookie;
}

test('a demo on a developer machine (plain http to localhost) may go without Secure', async () => {
  assert.doesNotMatch(await languageCookie(apps.demo), /;\s*Secure/i);
});

test('an https SAXLA_BASE_URL means a TLS proxy in front: Secure even when the Host is localhost', async () => {
  assert.match(await languageCookie(apps.demoBehindTls), /;\s*Secure/i);
});

test('production: always Secure, whatever the Host header says', async () => {
  assert.match(await languageCookie(apps.production), /;\s*Secure/i);
  assert.match(await languageCookie(apps.production, { host: '127.0.0.1:3000' }), /;\s*Secure/i);
});

test('a trusted proxy that says the customer came over https: Secure', async () => {
  assert.match(await languageCookie(apps.proxied, { 'x-forwarded-proto': 'https' }), /;\s*Secure/i);
});
