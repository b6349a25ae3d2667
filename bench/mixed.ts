// A mixed load at 10× a realistic peak for 60 s on loopback, with 1 and 2 workers: USSD *101# 70 %,
// portal pages 20 % (a signed-in customer's dashboard, the stores page, the home page), renewal
// requests 10 % (quote, order, the sandbox page paid, the signed webhook: four requests each),
// every kind at a fixed rate. Reports p99 per kind and every 5xx, then the SQL checks.
// The realistic peak assumed: 1,000,000 lines of which 5 % dial *101# in the busiest hour
// (≈ 14/s), the USSD share being 70 % of all requests → 20 requests/s; 10× that is 200/s.
// Run: node bench/run.ts mixed   (BENCH_WORKERS=1,2  BENCH_MIXED_RATE=200  BENCH_MIXED_SECONDS=60)
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { line } from './support.ts';
import { msisdnOf, LINES, sqlChecks, startSaxla } from './http-support.ts';
import { paced, type PacedRequest } from './paced.ts';
import { percentile } from './support.ts';
import { renewOnce, signIn, ussdRequest } from './http.ts';

const WORKERS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
const RATE = Number(process.env.BENCH_MIXED_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const WARM_UP_SECONDS = 5;

/** Renewals started at a fixed rate (not closed-loop), so a slow answer does not slow the load. */
async function renewalsAtRate(start: (n: number) => Promise<void>, perSecond: number): Promise<void> {
  const running: Promise<void>[] = [];
  const interval = 1000 / perSecond;
  const started = performance.now();
  for (let n = 0; performance.now() - started < SECONDS * 1000; n++) {
    running.push(start(n));
    const wait = started + (n + 1) * interval - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(running);
}

/**
 * The serving process's own figures (/metrics answers loopback in demo mode): its event-loop delay
 * since the last read says whether slow answers waited for the process or for the database.
 */
async function serverMetrics(base: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const values = new Map<string, number>();
  for (const row of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{[^}]*\})? ([0-9.e+-]+)$/.exec(row);
    // Metrics with labels are summed (GC time is labelled by kind).
    if (match?.[1] !== undefined) values.set(match[1], (values.get(match[1]) ?? 0) + Number(match[2]));
  }
  return values;
}

export async function benchMixed(): Promise<void> {
  for (const workers of WORKERS) {
    const saxla = await startSaxla(`saxla_bench_mixed_${String(workers)}`, workers, { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' });
    // The page reader owns one line (its dashboard lists it); the renewing customer owns the rest.
    const reader = await signIn(saxla, msisdnOf(LINES - 1), false);
    const customer = await signIn(saxla);
    const renewalMs: number[] = [];
    let renewal5xx = 0;
    let renewalFailed = 0;
    const renewalRequestsPerSecond = RATE * 0.1;
    // Read once before the load so that the event-loop figures read after it cover the load only.
    await serverMetrics(saxla.base);
    const cpuBefore = (await serverMetrics(saxla.base)).get('saxla_process_cpu_seconds_total') ?? 0;
    // The load is made in this process (autocannon, the renewals, the SMSC simulator): if its own
    // event loop stalls, the latencies it measures include the stall.
    const ownDelay = monitorEventLoopDelay({ resolution: 5 });
    ownDelay.enable();
    const ownCpu = process.cpuUsage();
    // USSD and pages evenly spaced at their rates (paced.ts); autocannon's rate would send each
    // second's share in one burst and report the burst's latencies.
    const pageRequests: PacedRequest[] = [
      { method: 'GET', path: '/dashboard', headers: { cookie: reader.cookie ?? '' } },
      { method: 'GET', path: '/stores' },
      { method: 'GET', path: '/' },
    ];
    const ussdAt = (seconds: number): ReturnType<typeof paced> => paced({ base: saxla.base, rate: Math.round(RATE * 0.7), seconds, connections: 32, next: ussdRequest });
    const pagesAt = (seconds: number): ReturnType<typeof paced> =>
      paced({ base: saxla.base, rate: Math.round(RATE * 0.2), seconds, connections: 8, next: (n) => pageRequests[n % pageRequests.length] ?? { method: 'GET', path: '/' } });
    // Not measured: the process compiles its hot paths and the connections open (the first second
    // of a cold process is ten times slower, and would be the p99 of a short run).
    await Promise.all([ussdAt(WARM_UP_SECONDS), pagesAt(WARM_UP_SECONDS)]);
    const [ussd, pages] = await Promise.all([
      ussdAt(SECONDS),
      pagesAt(SECONDS),
      renewalsAtRate(async (n) => {
        try {
          await renewOnce(saxla, customer, n, (status, ms) => {
            renewalMs.push(ms);
            if (status >= 500) renewal5xx++;
          });
        } catch (error) {
          renewalFailed++;
          if (renewalFailed <= 3) process.stderr.write(`renewal failed: ${(error as Error).message}\n`);
        }
      }, renewalRequestsPerSecond / 4),
    ]);
    ownDelay.disable();
    const ownCpuUsed = process.cpuUsage(ownCpu);
    const metrics = await serverMetrics(saxla.base);
    const check = await sqlChecks(saxla.db);
    await saxla.stop();
    renewalMs.sort((a, b) => a - b);
    process.stdout.write(`\nMixed load, ${String(workers)} worker(s): ${String(RATE)} requests/s for ${String(SECONDS)} s (10× the assumed peak)\n`);
    line(`USSD *101# at ${String(Math.round(RATE * 0.7))}/s`, `p99 ${String(ussd.p99)} ms`, `${ussd.rps.toFixed(0)} req/s done, p50 ${String(ussd.p50)} ms, ${String(ussd.fiveHundreds)} 5xx, ${String(ussd.failures)} non-2xx/errors`);
    line(`portal pages at ${String(Math.round(RATE * 0.2))}/s`, `p99 ${String(pages.p99)} ms`, `${pages.rps.toFixed(0)} req/s done, p50 ${String(pages.p50)} ms, ${String(pages.fiveHundreds)} 5xx, ${String(pages.failures)} non-2xx/errors`);
    line(`renewal requests at ${String(renewalRequestsPerSecond)}/s`, `p99 ${percentile(renewalMs, 99).toFixed(0)} ms`, `${String(renewalMs.length)} requests, p50 ${percentile(renewalMs, 50).toFixed(0)} ms, ${String(renewal5xx)} 5xx, ${String(renewalFailed)} renewals failed`);
    const ms = (name: string): string => `${((metrics.get(name) ?? 0) * 1000).toFixed(1)} ms`;
    line('the server\'s event loop during the load', `delay p99 ${ms('saxla_nodejs_eventloop_lag_p99_seconds')}`,
      `p50 ${ms('saxla_nodejs_eventloop_lag_p50_seconds')}, max ${ms('saxla_nodejs_eventloop_lag_max_seconds')}; GC ${ms('saxla_nodejs_gc_duration_seconds_sum')} in all; CPU ${(((metrics.get('saxla_process_cpu_seconds_total') ?? 0) - cpuBefore) / SECONDS * 100).toFixed(0)} % of a core`);
    line('the load generator (this process)', `delay p99 ${(ownDelay.percentile(99) / 1e6).toFixed(1)} ms`,
      `max ${(ownDelay.max / 1e6).toFixed(1)} ms; CPU ${((ownCpuUsed.user + ownCpuUsed.system) / 1e4 / SECONDS).toFixed(0)} % of a core`);
    line('SQL checks afterwards', `${String(check.drift)} lines ≠ Σ ledger`, `${String(check.doubled)} doubled extensions; ${String(check.activated)} orders activated, ${String(check.extensions)} extensions`);
  }
}

if (import.meta.main) await benchMixed();
