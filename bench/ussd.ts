// USSD *101# over HTTP on loopback: requests/s and p99 of POST /ussd (the whole Saxla app in its own
// process, on PostgreSQL; every request a new dial: one read of the line, the session is written
// only at the first input),
// beside a bare Fastify GET /bare measured in the same run with the same autocannon settings.
// Targets: ratio ≥ 0.60, p99 ≤ 15 ms. Run alone: node bench/run.ts ussd
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { upsertPlans } from '../src/db/plan-repository.ts';
import { demoPlans } from '../src/demo/catalog.ts';
import { locales } from '../src/domain/money.ts';
import { line, scratchDatabase } from './support.ts';

const CONNECTIONS = Number(process.env.BENCH_USSD_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
// A pool a little larger than the cores: more connections only add context switches on 2 cores.
const POOL = Number(process.env.BENCH_USSD_POOL ?? 8);
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

/** The servers run in a child process, as in production; the load tool stays in this one. */
async function startServers(url: string): Promise<{ ports: { app: number; bare: number }; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./ussd-server.ts', import.meta.url)), url, String(POOL)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });
  return {
    ports: JSON.parse(first) as { app: number; bare: number },
    stop: () => new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }),
  };
}

export async function benchUssd(): Promise<{ ussd: Load; bare: Load }> {
  const scratch = await scratchDatabase('saxla_bench_ussd', POOL);
  await scratch.db.tx((sql) => upsertPlans(sql, demoPlans));
  // Lines straight in SQL: the benchmark reads them, it does not measure provisioning.
  await scratch.db.query(
    `insert into lines (msisdn, iccid, status, balance, valid_until, plan_code, language, status_changed_at, created_at, updated_at)
     select '+99450' || (1000000 + i), '89994' || lpad(i::text, 14, '0'), 'active', 1000 + i, date '2027-01-10', null,
            ($2::text[])[1 + i % cardinality($2::text[])], now(), now(), now()
       from generate_series(0, $1 - 1) as i`, [LINES, locales]);

  const servers = await startServers(scratch.url);

  let session = 0;
  const ussdUrl = `http://127.0.0.1:${servers.ports.app}/ussd`;
  const bareUrl = `http://127.0.0.1:${servers.ports.bare}/bare`;
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

  await servers.stop();
  await scratch.close();

  const ratio = ussdLoad.rps / bareLoad.rps;
  line(`USSD *101# requests/s (${CONNECTIONS} conns, ${SECONDS} s)`, ussdLoad.rps.toFixed(0),
    `bare Fastify ${bareLoad.rps.toFixed(0)} req/s → ratio ${ratio.toFixed(2)} (target ≥ 0.60)`);
  line('USSD *101# latency p50 / p99', `${ussdLoad.p50} / ${ussdLoad.p99} ms`, `bare ${bareLoad.p50} / ${bareLoad.p99} ms (target p99 ≤ 15 ms)`);
  line('bare Fastify + one PostgreSQL read, req/s', oneQuery.rps.toFixed(0), `p99 ${oneQuery.p99} ms: the ceiling for any route that reads the database`);
  line('USSD failures (non-2xx, errors, timeouts)', String(ussdLoad.failures), `sessions stored: ${String(sessions?.n ?? 0)}`);
  return { ussd: ussdLoad, bare: bareLoad };
}
