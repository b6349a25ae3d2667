// What one request costs PostgreSQL in transactions: commits per operator top-up, per USSD first
// screen and per online renewal over HTTP, counted by pg_stat_database on a database only this
// benchmark uses, including what the request causes afterwards (the SMS it sends, its receipt).
// Commits are what a write pays an fsync for; pgbench's TPC-B is one per transaction.
// Run: node bench/run.ts commits
import { ADMIN_TOKEN, msisdnOf, startSaxla, type Saxla } from './http-support.ts';
import { renewOnce, signIn } from './http.ts';
import { line } from './support.ts';

const REQUESTS = 200;

async function commits(saxla: Saxla): Promise<number> {
  // Other backends report their statistics at most once a second while busy, and an idle one
  // within PGSTAT_IDLE_INTERVAL (10 s, PostgreSQL 15): wait for both, or the counts fall short.
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  await saxla.db.query('select pg_stat_clear_snapshot()');
  const [row] = await saxla.db.query<{ n: number }>('select (xact_commit + xact_rollback)::int8 as n from pg_stat_database where datname = current_database()');
  return row?.n ?? 0;
}

async function perRequest(saxla: Saxla, label: string, idlePerSecond: number, one: (n: number) => Promise<void>): Promise<void> {
  const before = await commits(saxla);
  const started = performance.now();
  for (let n = 0; n < REQUESTS; n += 4) await Promise.all([0, 1, 2, 3].map((k) => one(n + k)));
  // The SMS each caused is sent and its receipt recorded within a few seconds.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const after = await commits(saxla);
  // The periodic jobs' own transactions in the same time are taken off (measured while idle).
  const idle = idlePerSecond * (performance.now() - started) / 1000;
  line(`${label}: transactions per request`, ((after - before - idle) / REQUESTS).toFixed(1), 'with what it causes afterwards (SMS, receipt); pgbench TPC-B: 1');
}

export async function benchCommits(): Promise<void> {
  const saxla = await startSaxla('saxla_bench_commits', 1, { LOG_LEVEL: 'warn' });
  const customer = await signIn(saxla);
  const post = async (path: string, headers: Record<string, string>, body: string): Promise<void> => {
    const res = await fetch(`${saxla.base}${path}`, { method: 'POST', headers, body });
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`${path}: ${String(res.status)}`);
  };
  process.stdout.write('\nPostgreSQL transactions per request (1 worker, 4 at a time, idle between kinds)\n');
  const idleFrom = await commits(saxla);
  const idleStarted = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const idlePerSecond = ((await commits(saxla)) - idleFrom) / ((performance.now() - idleStarted) / 1000);
  line('idle: the periodic jobs\' transactions per second', idlePerSecond.toFixed(1), 'taken off the figures below');
  await perRequest(saxla, 'operator top-up', idlePerSecond, (n) => post(`/api/v1/admin/lines/${encodeURIComponent(msisdnOf(n))}/top-ups`,
    { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'idempotency-key': `commits-${String(n)}` },
    JSON.stringify({ amount: { amount: 500, currency: 'AZN' }, reference: `c${String(n)}` })));
  await perRequest(saxla, 'USSD *101# first screen', idlePerSecond, (n) => post('/ussd', { 'content-type': 'application/x-www-form-urlencoded' },
    `sessionId=c${String(n)}&serviceCode=*101%23&phoneNumber=${encodeURIComponent(msisdnOf(n))}&text=`));
  await perRequest(saxla, 'online renewal (4 requests + the sandbox copy)', idlePerSecond, (n) => renewOnce(saxla, customer, n + 1000));
  await saxla.stop();
}

if (import.meta.main) await benchCommits();
