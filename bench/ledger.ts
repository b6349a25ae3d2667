// The renewal/top-up ledger transaction per second on PostgreSQL, beside pgbench TPC-B with the
// same number of clients and threads (-c 8 -j 2) on the same server in the same run. Target ratio ≥ 0.6.
import { Worker } from 'node:worker_threads';
import { instantFromEpochMs } from '../src/domain/calendar.ts';
import { withIccidCheckDigit } from '../src/domain/line.ts';
import { parseValidityPolicy } from '../src/domain/policy.ts';
import { provisionLines } from '../src/services/provision-lines.ts';
import demoPolicy from '../src/policies/demo-2024.json' with { type: 'json' };
import { line, pgbenchTps, scratchDatabase } from './support.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const THREADS = Number(process.env.BENCH_THREADS ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const LINES = 10_000;

export async function benchLedger(): Promise<{ tps: number; pgbench: number }> {
  const policy = parseValidityPolicy(demoPolicy);
  const now = () => instantFromEpochMs(Date.now());
  const scratch = await scratchDatabase('saxla_bench_ledger', CLIENTS + 2);
  const msisdns: string[] = [];
  const rows = Array.from({ length: LINES }, (_, i) => {
    const msisdn = `+99450${String(1000000 + i)}`;
    msisdns.push(msisdn);
    return { row: i + 1, msisdn, iccid: withIccidCheckDigit(`8999400${String(i).padStart(11, '0')}`), balance: 0, validUntil: '2026-12-31' };
  });
  await provisionLines({ db: scratch.db, policy, now }, rows);

  // Clients spread over THREADS event loops, as pgbench spreads its -c clients over -j threads:
  // one Node thread alone would measure its own CPU, not the transaction.
  const perThread = Math.ceil(CLIENTS / THREADS);
  const deadline = Date.now() + SECONDS * 1000;
  const started = performance.now();
  const counts = await Promise.all(Array.from({ length: THREADS }, (_, thread) => new Promise<number>((resolve, reject) => {
    const worker = new Worker(new URL('./ledger-worker.ts', import.meta.url), {
      // Each thread tops up its own lines: no two threads queue on one row lock.
      workerData: { url: scratch.url, thread, clients: perThread, msisdns: msisdns.filter((_, i) => i % THREADS === thread), deadline },
    });
    worker.once('message', (done: number) => resolve(done));
    worker.once('error', reject);
  })));
  const done = counts.reduce((a, b) => a + b, 0);
  const tps = done / ((performance.now() - started) / 1000);
  await scratch.close();
  const pgbench = await pgbenchTps(CLIENTS, SECONDS);
  line(`ledger top-up transactions/s (${CLIENTS} clients, ${THREADS} threads)`, tps.toFixed(0), `pgbench TPC-B ${pgbench.toFixed(0)} tps → ratio ${(tps / pgbench).toFixed(2)} (target ≥ 0.60)`);
  return { tps, pgbench };
}
