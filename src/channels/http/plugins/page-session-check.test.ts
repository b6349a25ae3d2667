import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { checkedOncePerPage, pageSessionScope } from './page-session-check.ts';

function counter(): { check: () => Promise<string>; readonly calls: number } {
  let calls = 0;
  return { check: async () => { calls++; return `session-${String(calls)}`; }, get calls() { return calls; } };
}

test('a page\'s reads check a session once; outside a page every request checks its own', async () => {
  const c = counter();
  const page = pageSessionScope();
  const answers = await Promise.all([1, 2, 3].map(() => page.run('GET', () => checkedOncePerPage('token-a', c.check))));
  assert.deepEqual(answers, ['session-1', 'session-1', 'session-1']);
  assert.equal(c.calls, 1);
  await page.run('GET', () => checkedOncePerPage('token-b', c.check));
  assert.equal(c.calls, 2, 'another token is another check');
  await checkedOncePerPage('token-a', c.check);
  await checkedOncePerPage('token-a', c.check);
  assert.equal(c.calls, 4, 'no page, no sharing');
  await pageSessionScope().run('GET', () => checkedOncePerPage('token-a', c.check));
  assert.equal(c.calls, 5, 'another page checks again');
});

test('after a page writes (a log-out ends its session), its next read checks again', async () => {
  const c = counter();
  const page = pageSessionScope();
  await page.run('GET', () => checkedOncePerPage('t', c.check));
  await page.run('POST', () => checkedOncePerPage('t', c.check));
  await page.run('POST', () => checkedOncePerPage('t', c.check));
  assert.equal(c.calls, 3, 'each write checks for itself');
  await page.run('GET', () => checkedOncePerPage('t', c.check));
  assert.equal(c.calls, 4);
});

test('a check that failed is not reused', async () => {
  let calls = 0;
  const page = pageSessionScope();
  const flaky = async (): Promise<string> => { calls++; if (calls === 1) throw new Error('database away'); return 'ok'; };
  await assert.rejects(page.run('GET', () => checkedOncePerPage('t', flaky)));
  assert.equal(await page.run('GET', () => checkedOncePerPage('t', flaky)), 'ok');
  assert.equal(calls, 2);
});

test('the scope reaches the hooks of a request made with Fastify\'s inject (a lazy thenable)', async () => {
  const c = counter();
  const app = Fastify();
  app.addHook('onRequest', async (request) => { request.headers['x-session'] = await checkedOncePerPage('t', c.check); });
  app.get('/x', async (request) => ({ session: request.headers['x-session'] }));
  await app.ready();
  const page = pageSessionScope();
  const bodies = await Promise.all([1, 2].map(() => page.run('GET', () => app.inject({ method: 'GET', url: '/x' }))));
  assert.deepEqual(bodies.map((b) => b.json<{ session: string }>().session), ['session-1', 'session-1']);
  assert.equal(c.calls, 1);
  await app.close();
});
