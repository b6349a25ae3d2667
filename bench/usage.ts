// Usage records rated and stored per second on PostgreSQL, over HTTP (POST /api/v1/admin/usage, the
// real path: JSON parse, checks, line locks, sourceId claims, rating, ledger charges, inserts), in
// batches of 10,000, beside pgbench TPC-B on the same server in the same run. Target ≥ 20,000
// records/s. The app runs in its own process (bench/ussd-server.ts), as in production; the
// bodies are serialised before the clock starts, as a mediation system would have them ready.
// Run alone: node bench/run.ts usage
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { upsertPlans } from '../src/db/plan-repository.ts';
import { demoPlans } from '../src/demo/catalog.ts';
import { instantFromEpochMs } from '../src/domain/calendar.ts';
import { withIccidCheckDigit } from '../src/domain/line.ts';
import { parseValidityPolicy } from '../src/domain/policy.ts';
import { provisionLines } from '../src/services/provision-lines.ts';
import demoPolicy from '../src/policies/demo-2024.json' with { type: 'json' };
import { line, pgbenchTps, scratchDatabase } from './support.ts';

const BATCH = 10_000;
const BATCHES = Number(process.env.BENCH_USAGE_BATCHES ?? 20);
const CLIENTS = Number(process.env.BENCH_USAGE_CLIENTS ?? 2);
const LINES = Number(process.env.BENCH_USAGE_LINES ?? 10_000);
const POOL = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOKEN = 'bench-admin-token-0123456789';
const plans = ['DANISIQ_300', 'INTERNET_5GB', 'SAXLA_NOMRE', null] as const;

/** A deterministic spread of kinds and sizes: mostly data and calls, some SMS, a little roaming. */
function record(batch: number, i: number, msisdns: readonly string[], start: number): Record<string, unknown> {
  const n = batch * BATCH + i;
  const msisdn = msisdns[(n * 7919) % msisdns.length];
  const pick = n % 20;
  const occurredAt = new Date(start + (n % 86_400) * 1000).toISOString();
  if (pick < 9) return { sourceId: `bench-${n}`, msisdn, kind: 'data', quantity: 200 + (n % 9000), unit: 'kilobyte', occurredAt };
  if (pick < 15) return { sourceId: `bench-${n}`, msisdn, kind: 'voice', quantity: 5 + (n % 400), unit: 'second', occurredAt, destination: '+994501234567' };
  if (pick < 18) return { sourceId: `bench-${n}`, msisdn, kind: 'sms', quantity: 1, unit: 'message', occurredAt, destination: '+994551234567' };
  if (pick < 19) return { sourceId: `bench-${n}`, msisdn, kind: 'international', quantity: 30 + (n % 300), unit: 'second', occurredAt, destination: '+905321234567' };
  return { sourceId: `bench-${n}`, msisdn, kind: 'roaming_data', quantity: 50 + (n % 2000), unit: 'kilobyte', occurredAt };
}

async function startApp(url: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./ussd-server.ts', import.meta.url)), url, String(POOL)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited ${code}`)));
  });
  return {
    port: (JSON.parse(first) as { app: number }).app,
    stop: () => new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }),
  };
}

async function send(port: number, body: string): Promise<{ accepted: number; duplicates: number }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/admin/usage`, {
    method: 'POST', body, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`usage batch answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { accepted: number; duplicates: number };
}

export async function benchUsage(): Promise<{ recordsPerSecond: number; pgbench: number }> {
  const policy = parseValidityPolicy(demoPolicy);
  const scratch = await scratchDatabase('saxla_bench_usage', 4);
  await scratch.db.tx((sql) => upsertPlans(sql, demoPlans));
  const msisdns = Array.from({ length: LINES }, (_, i) => `+99450${String(1000000 + i)}`);
  const validUntil = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await provisionLines({ db: scratch.db, policy, now: () => instantFromEpochMs(Date.now()) }, msisdns.map((msisdn, i) => ({
    row: i + 1, msisdn, iccid: withIccidCheckDigit(`8999400${String(i).padStart(11, '0')}`), balance: 5_000, validUntil,
    planCode: plans[i % plans.length] ?? null, language: null,
  })));

  const start = Date.now() - 2 * 86_400_000;
  const bodies = Array.from({ length: BATCHES }, (_, b) => JSON.stringify(Array.from({ length: BATCH }, (__, i) => record(b, i, msisdns, start))));
  const app = await startApp(scratch.url);
  // Warm-up: JIT and prepared statements, one batch that also shows a resend is all duplicates.
  const warm = JSON.stringify(Array.from({ length: BATCH }, (_, i) => record(BATCHES, i, msisdns, start)));
  await send(app.port, warm);
  const resend = await send(app.port, warm);

  let next = 0;
  let accepted = 0;
  const latencies: number[] = [];
  const began = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    for (let b = next++; b < bodies.length; b = next++) {
      const t0 = performance.now();
      accepted += (await send(app.port, bodies[b] ?? '[]')).accepted;
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - began) / 1000;
  await app.stop();

  const [stored] = await scratch.db.query<{ records: number; charged: number; entries: number }>(
    `select (select count(*) from usage_records)::int8 as records, (select coalesce(sum(charged), 0) from usage_records)::int8 as charged,
            (select count(*) from ledger_entries where kind = 'usage')::int8 as entries`);
  const [drift] = await scratch.db.query<{ n: number }>(
    `select count(*)::int8 as n from (select l.msisdn from lines l left join ledger_entries e on e.msisdn = l.msisdn
      group by l.msisdn, l.balance having l.balance <> coalesce(sum(e.amount), 0)) x`);
  await scratch.close();
  const pgbench = await pgbenchTps(8, SECONDS);

  const recordsPerSecond = accepted / seconds;
  latencies.sort((a, b) => a - b);
  line(`usage records rated+stored/s (HTTP, ${BATCH}/batch, ${CLIENTS} clients)`, recordsPerSecond.toFixed(0),
    `pgbench TPC-B ${pgbench.toFixed(0)} tps on the same server (target ≥ 20,000 records/s)`);
  line('usage batch latency p50 / max', `${latencies[Math.floor(latencies.length / 2)]?.toFixed(0)} / ${latencies.at(-1)?.toFixed(0)} ms`,
    `${BATCHES} batches, ${LINES} lines; a resend: ${resend.duplicates} duplicates, ${resend.accepted} accepted`);
  line('usage stored / usage ledger entries / drift', `${stored?.records ?? 0} / ${stored?.entries ?? 0} / ${drift?.n ?? 0}`,
    `${((stored?.charged ?? 0) / 100).toFixed(2)} AZN overage charged; drift = lines whose balance ≠ Σ ledger`);
  return { recordsPerSecond, pgbench };
}
