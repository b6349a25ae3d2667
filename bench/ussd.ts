// USSD *101# over HTTP on loopback: requests/s and p99 of POST /ussd (the whole Saxla app, on
// PostgreSQL, every request a new session: one statement reads the line and stores the session),
// beside a bare Fastify GET /bare measured in the same run with the same autocannon settings.
// Targets: ratio ≥ 0.60, p99 ≤ 15 ms. Run alone: node bench/run.ts ussd
import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/channels/http/build-app.ts';
import { instantFromEpochMs } from '../src/domain/calendar.ts';
import { parseValidityPolicy } from '../src/domain/policy.ts';
import { upsertPlans } from '../src/db/plan-repository.ts';
import { demoPlans } from '../src/demo/catalog.ts';
import demoPolicy from '../src/policies/demo-2024.json' with { type: 'json' };
import { line, scratchDatabase } from './support.ts';

const CONNECTIONS = Number(process.env.BENCH_USSD_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
// One pooled connection per load connection: the pool should not be what queues requests.
const POOL = Number(process.env.BENCH_USSD_POOL ?? CONNECTIONS);
const LINES = 10_000;

interface Load {
  readonly rps: number;
  readonly p99: number;
  readonly p50: number;
  readonly failures: number;
}

async function load(options: autocannon.Options): Promise<Load> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return { rps: result.requests.average, p99: result.latency.p99, p50: result.latency.p50, failures: result.non2xx + result.errors + result.timeouts };
}

function portOf(address: AddressInfo | string | null): number {
  if (address === null || typeof address === 'string') throw new Error('server is not listening on a TCP port');
  return address.port;
}

export async function benchUssd(): Promise<{ ussd: Load; bare: Load }> {
  const policy = parseValidityPolicy(demoPolicy);
  const scratch = await scratchDatabase('saxla_bench_ussd', POOL);
  await scratch.db.tx((sql) => upsertPlans(sql, demoPlans));
  // Lines straight in SQL: the benchmark reads them, it does not measure provisioning.
  await scratch.db.query(
    `insert into lines (msisdn, iccid, status, balance, valid_until, plan_code, language, status_changed_at, created_at, updated_at)
     select '+99450' || (1000000 + i), '89994' || lpad(i::text, 14, '0'), 'active', 1000 + i, date '2027-01-10', null,
            (array['az', 'en', 'ru', 'zh'])[1 + i % 4], now(), now(), now()
       from generate_series(0, $1 - 1) as i`, [LINES]);

  const app = await buildApp({ db: scratch.db, policy, now: () => instantFromEpochMs(Date.now()), adminToken: 'bench-admin-token-0123456789', secret: 'bench-secret-0123456789abcdef' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify({ logger: false });
  bare.get('/bare', async () => 'CON bare');
  // Not the baseline, a diagnosis: what one round trip to PostgreSQL costs a route on this machine.
  bare.get('/bare-db', async () => {
    await scratch.db.query('select valid_until from lines where msisdn = $1', ['+994501000001']);
    return 'CON bare';
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });

  let session = 0;
  const ussdUrl = `http://127.0.0.1:${portOf(app.server.address())}/ussd`;
  const bareUrl = `http://127.0.0.1:${portOf(bare.server.address())}/bare`;
  // Warm both (JIT, prepared statements on every pooled connection) before measuring.
  const setupRequest = (request: autocannon.Request): autocannon.Request => {
    session += 1;
    const body = `sessionId=bench_${session}&serviceCode=*101%23&phoneNumber=%2B99450${1000000 + (session % LINES)}&networkCode=40001&text=`;
    return { ...request, body };
  };
  const ussdOptions: autocannon.Options = {
    url: ussdUrl,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, setupRequest }],
  };
  await load({ ...ussdOptions, duration: 2 });
  await load({ url: bareUrl, duration: 2 });

  const bareLoad = await load({ url: bareUrl });
  const ussdLoad = await load(ussdOptions);
  const oneQuery = await load({ url: `${bareUrl}-db` });
  const [sessions] = await scratch.db.query<{ n: number }>('select count(*)::int8 as n from ussd_sessions');

  await app.close();
  await bare.close();
  await scratch.close();

  const ratio = ussdLoad.rps / bareLoad.rps;
  line(`USSD *101# requests/s (${CONNECTIONS} conns, ${SECONDS} s)`, ussdLoad.rps.toFixed(0),
    `bare Fastify ${bareLoad.rps.toFixed(0)} req/s → ratio ${ratio.toFixed(2)} (target ≥ 0.60)`);
  line('USSD *101# latency p50 / p99', `${ussdLoad.p50} / ${ussdLoad.p99} ms`, `bare ${bareLoad.p50} / ${bareLoad.p99} ms (target p99 ≤ 15 ms)`);
  line('bare Fastify + one PostgreSQL read, req/s', oneQuery.rps.toFixed(0), `p99 ${oneQuery.p99} ms: the ceiling for any route that reads the database`);
  line('USSD failures (non-2xx, errors, timeouts)', String(ussdLoad.failures), `sessions stored: ${String(sessions?.n ?? 0)}`);
  return { ussd: ussdLoad, bare: bareLoad };
}
