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
// More lines than a batch has records, as on a network: batches running at once mostly name
// different lines (here each line comes back every LINES / 10,000 batches).
const LINES = Number(process.env.BENCH_USAGE_LINES ?? 50_000);
const POOL = 8;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOKEN = 'bench-admin-token-0123456789';
// Two mixes, both reported. `packs`: each line's usage fits its plan (calls and SMS on a talk
// plan, data on a data plan…), a tenth of lines have no plan and a little roaming goes beyond
// every pack, as on a prepaid network where packs are what people buy. `overage`: lines and
// kinds at random, so about three records in four cost money and nearly every line is charged.
type Mix = 'packs' | 'overage';
const planOfLine = (i: number, mix: Mix): string | null => mix === 'overage'
  ? (['DANISIQ_300', 'INTERNET_5GB', 'SAXLA_NOMRE', null] as const)[i % 4] ?? null
  : i % 10 < 4 ? 'ECNEBI_PAKET' : i % 10 < 7 ? 'INTERNET_20GB' : i % 10 < 9 ? 'DANISIQ_300' : null;
const kindsOfPlan: Readonly<Record<string, readonly string[]>> = {
  ECNEBI_PAKET: ['data', 'data', 'voice', 'international'], INTERNET_20GB: ['data'], DANISIQ_300: ['voice', 'voice', 'sms'],
};
const anyKind = ['data', 'data', 'data', 'voice', 'voice', 'voice', 'sms', 'sms', 'international', 'roaming_data'];

/** A deterministic record: the n-th of the run, on line (n × 7919) mod LINES (a batch names 10,000 different lines). */
function record(n: number, msisdns: readonly string[], start: number, mix: Mix): Record<string, unknown> {
  const index = (n * 7919) % msisdns.length;
  const msisdn = msisdns[index];
  const kinds = mix === 'overage' ? anyKind : kindsOfPlan[planOfLine(index, mix) ?? ''] ?? anyKind;
  const kind = n % 33 === 0 ? 'roaming_data' : kinds[Math.floor(n / msisdns.length) % kinds.length] ?? 'data';
  const occurredAt = new Date(start + (n % 86_400) * 1000).toISOString();
  const base = { sourceId: `bench-${mix}-${n}`, msisdn, kind, occurredAt };
  switch (kind) {
    case 'voice': return { ...base, quantity: 5 + (n % 400), unit: 'second', destination: '+994501234567' };
    case 'international': return { ...base, quantity: 30 + (n % 300), unit: 'second', destination: '+905321234567' };
    case 'sms': return { ...base, quantity: 1, unit: 'message', destination: '+994551234567' };
    default: return { ...base, quantity: 50 + (n % 9000), unit: 'kilobyte' };
  }
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

interface MixResult {
  readonly mix: Mix;
  readonly recordsPerSecond: number;
  readonly p50: number;
  readonly max: number;
  readonly resend: { accepted: number; duplicates: number };
  readonly records: number;
  readonly charged: number;
  readonly chargedRecords: number;
  readonly entries: number;
  readonly drift: number;
}

async function runMix(mix: Mix): Promise<MixResult> {
  const policy = parseValidityPolicy(demoPolicy);
  const scratch = await scratchDatabase(`saxla_bench_usage_${mix}`, 4);
  await scratch.db.tx((sql) => upsertPlans(sql, demoPlans));
  const msisdns = Array.from({ length: LINES }, (_, i) => `+99450${String(1000000 + i)}`);
  const validUntil = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await provisionLines({ db: scratch.db, policy, now: () => instantFromEpochMs(Date.now()) }, msisdns.map((msisdn, i) => ({
    row: i + 1, msisdn, iccid: withIccidCheckDigit(`8999400${String(i).padStart(11, '0')}`), balance: 5_000, validUntil,
    planCode: planOfLine(i, mix), language: null,
  })));

  const start = Date.now() - 2 * 86_400_000;
  const bodies = Array.from({ length: BATCHES }, (_, b) => JSON.stringify(Array.from({ length: BATCH }, (__, i) => record(b * BATCH + i, msisdns, start, mix))));
  const app = await startApp(scratch.url);
  // Warm-up: JIT and prepared statements, one batch that also shows a resend is all duplicates.
  const warm = JSON.stringify(Array.from({ length: BATCH }, (_, i) => record(BATCHES * BATCH + i, msisdns, start, mix)));
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

  const [stored] = await scratch.db.query<{ records: number; charged: number; charged_records: number; entries: number }>(
    `select (select count(*) from usage_records)::int8 as records, (select coalesce(sum(charged), 0) from usage_records)::int8 as charged,
            (select count(*) from usage_records where cost > 0)::int8 as charged_records,
            (select count(*) from ledger_entries where kind = 'usage')::int8 as entries`);
  const [drift] = await scratch.db.query<{ n: number }>(
    `select count(*)::int8 as n from (select l.msisdn from lines l left join ledger_entries e on e.msisdn = l.msisdn
      group by l.msisdn, l.balance having l.balance <> coalesce(sum(e.amount), 0)) x`);
  await scratch.close();
  latencies.sort((a, b) => a - b);
  return {
    mix, recordsPerSecond: accepted / seconds, p50: latencies[Math.floor(latencies.length / 2)] ?? Number.NaN, max: latencies.at(-1) ?? Number.NaN,
    resend, records: stored?.records ?? 0, charged: stored?.charged ?? 0, chargedRecords: stored?.charged_records ?? 0, entries: stored?.entries ?? 0, drift: drift?.n ?? 0,
  };
}

export async function benchUsage(): Promise<{ packs: number; overage: number; pgbench: number }> {
  const mixes = (process.env.BENCH_USAGE_MIXES ?? 'packs,overage').split(',') as Mix[];
  const results: MixResult[] = [];
  for (const mix of mixes) results.push(await runMix(mix));
  const pgbench = await pgbenchTps(8, SECONDS);
  for (const r of results) {
    line(`usage records rated+stored/s, ${r.mix} mix (HTTP, ${BATCH}/batch)`, r.recordsPerSecond.toFixed(0),
      `pgbench TPC-B ${pgbench.toFixed(0)} tps on the same server (target ≥ 20,000 records/s)`);
    line(`  batch latency p50 / max (${CLIENTS} clients)`, `${r.p50.toFixed(0)} / ${r.max.toFixed(0)} ms`,
      `${BATCHES} batches over ${LINES} lines; a resend: ${r.resend.duplicates} duplicates, ${r.resend.accepted} accepted`);
    line('  stored / beyond packs / ledger entries', `${r.records} / ${r.chargedRecords} / ${r.entries}`,
      `${(r.charged / 100).toFixed(2)} AZN charged; lines whose balance ≠ Σ ledger: ${r.drift}`);
  }
  const rate = (mix: Mix): number => results.find((r) => r.mix === mix)?.recordsPerSecond ?? Number.NaN;
  return { packs: rate('packs'), overage: rate('overage'), pgbench };
}
