// /metrics: who may read it (token, loopback in demo, nothing in production without a token) and
// what it says (route templates, not raw URLs; orders and SMS by state read from the database).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPaymentsTestApp, orderRenewal, type PaymentsTestApp } from '../../../../test/helpers/payments-app.ts';
import { ADMIN_TOKEN, TEST_SECRET, buildAppOn } from '../../../../test/helpers/test-app.ts';
import { policy } from '../../../../test/helpers/factories.ts';

let t: PaymentsTestApp;
before(async () => { t = await buildPaymentsTestApp(); });
after(async () => { await t.close(); });

test('demo mode without a token answers a caller on this machine with Prometheus text', async () => {
  await t.anonymousApp.inject({ method: 'GET', url: `/api/v1/lines/${encodeURIComponent('+994501234567')}` });
  await orderRenewal(t);
  const res = await t.anonymousApp.inject({ method: 'GET', url: '/metrics' });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  // The route's template labels the series, never the number asked about.
  assert.match(res.body, /saxla_http_requests_total\{method="GET",route="\/api\/v1\/lines\/:msisdn",status_code="401"\} 1/);
  assert.doesNotMatch(res.body, /994501234567/);
  assert.match(res.body, /saxla_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/lines\/:msisdn"/);
  assert.match(res.body, /saxla_orders\{state="pending_payment"\} 1/);
  assert.match(res.body, /saxla_database_up 1/);
  assert.match(res.body, /saxla_sms_outbox_due \d+/);
});

test('demo mode without a token refuses a caller a proxy forwarded from elsewhere', async () => {
  const res = await t.anonymousApp.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } });
  assert.equal(res.statusCode, 403);
  assert.equal(res.json().code, 'FORBIDDEN');
});

test('with SAXLA_METRICS_TOKEN only the bearer of it reads the metrics, in either mode', async () => {
  for (const mode of ['demo', 'production'] as const) {
    const app = await buildAppOn({ db: t.testDb.db, policy, now: t.clock.now, adminToken: ADMIN_TOKEN, secret: TEST_SECRET, mode, metricsToken: 'scrape-token-0123456789' });
    try {
      assert.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
      assert.equal((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode, 401);
      const ok = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-token-0123456789' } });
      assert.equal(ok.statusCode, 200);
      assert.match(ok.body, /saxla_process_cpu_user_seconds_total/);
    } finally {
      await app.close();
    }
  }
});

test('production without a token has no /metrics at all', async () => {
  const app = await buildAppOn({ db: t.testDb.db, policy, now: t.clock.now, adminToken: ADMIN_TOKEN, secret: TEST_SECRET, mode: 'production' });
  try {
    assert.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
  } finally {
    await app.close();
  }
});
