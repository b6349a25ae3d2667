// Shared by the HTTP benchmarks: a scratch database with lines, `saxla serve --workers N` on it
// (the real command, demo mode, an SMSC simulator in this process), the bare baseline server,
// and autocannon runs reduced to the figures the README reports.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createSmscSimulator } from '../src/channels/sms/smsc-simulator.ts';
import type { Database } from '../src/db/database.ts';
import { upsertPlans } from '../src/db/plan-repository.ts';
import { upsertPromotions } from '../src/db/promotion-repository.ts';
import { demoPlans, demoPromotions } from '../src/demo/catalog.ts';
import { locales } from '../src/domain/money.ts';
import { scratchDatabase } from './support.ts';

export const LINES = 10_000;
export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
export const SANDBOX_SECRET = 'bench-sandbox-webhook-secret-0123456789';
export const msisdnOf = (i: number): string => `+99450${String(1_000_000 + (i % LINES))}`;

export interface Load {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
  readonly fiveHundreds: number;
}

export async function run(options: autocannon.Options): Promise<Load> {
  const r = await autocannon(options);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failures: r.non2xx + r.errors + r.timeouts, fiveHundreds: r['5xx'] };
}

async function firstLine(child: ChildProcess, stream: NodeJS.ReadableStream, match: RegExp, what: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} not ready in 90 s`)), 90_000);
    const lines = createInterface({ input: stream });
    lines.on('line', (text) => {
      if (match.test(text)) { clearTimeout(timer); resolve(text); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${what} exited ${String(code)}`)); });
  });
}

/** A benchmark that fails midway must not leave its servers running on a shared machine. */
function endsWithUs(child: ChildProcess): void {
  const end = (): void => { if (child.exitCode === null) child.kill('SIGTERM'); };
  process.once('exit', end);
  child.once('exit', () => process.off('exit', end));
}

const stop = (child: ChildProcess) => (): Promise<void> => new Promise((resolve) => {
  if (child.exitCode !== null) { resolve(); return; }
  child.once('exit', () => resolve());
  child.kill('SIGTERM');
});

export interface Saxla {
  readonly db: Database;
  readonly url: string;
  readonly base: string;
  /** The serving processes (the primary and its workers): their CPU time per request is the figure noise moves least. */
  readonly pid: number;
  stop(): Promise<void>;
}

/** A fresh database with LINES active lines and the demo catalogue, served by `saxla serve --workers N`. */
export async function startSaxla(name: string, workers: number, env: Record<string, string> = {}): Promise<Saxla> {
  const scratch = await scratchDatabase(name, 4);
  await scratch.db.tx(async (sql) => {
    await upsertPlans(sql, demoPlans);
    await upsertPromotions(sql, demoPromotions);
  });
  // Lines straight in SQL (the benchmarks use them, they do not measure provisioning), at balance
  // 0 so that balance = Σ ledger holds from the start and the checks afterwards can say so.
  await scratch.db.query(
    `insert into lines (msisdn, iccid, status, balance, valid_until, plan_code, language, status_changed_at, created_at, updated_at)
     select '+99450' || (1000000 + i), '89994' || lpad(i::text, 14, '0'), 'active', 0, date '2027-01-10', 'SAXLA_NOMRE',
            ($2::text[])[1 + i % cardinality($2::text[])], now(), now(), now()
       from generate_series(0, $1 - 1) as i`, [LINES, locales]);
  const smsc = createSmscSimulator({ systemId: 'bench', password: 'bench-pw' });
  const smscPort = await smsc.listen(0, '127.0.0.1');
  const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SAXLA_') && !k.startsWith('PAYMENT_') && !['DATABASE_URL', 'SMPP_URL', 'PORT'].includes(k)));
  const child = spawn(process.execPath, [main, 'serve', '--workers', String(workers)], {
    env: {
      ...clean, DATABASE_URL: scratch.url, SMPP_URL: `smpp://bench:bench-pw@127.0.0.1:${String(smscPort)}`, PORT: '0', HOST: '127.0.0.1',
      SAXLA_SECRET: 'bench-secret-0123456789abcdef0123456789', SAXLA_ADMIN_TOKEN: ADMIN_TOKEN, SANDBOX_WEBHOOK_SECRET: SANDBOX_SECRET,
      SMS_QUIET_HOURS: 'off', SAXLA_DATA_DIR: mkdtempSync(join(tmpdir(), 'saxla-bench-')), ...env,
    },
    // The JSON log (standard output) to a file when asked, for looking into a failure.
    stdio: ['ignore', process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, 'a') : 'ignore', 'pipe'],
  });
  endsWithUs(child);
  const stderr = child.stderr;
  if (!stderr) throw new Error('no stderr from saxla serve');
  const welcome = await firstLine(child, stderr, /Saxla is running at http/, 'saxla serve');
  const base = /(http:\/\/[^/\s]+)/.exec(welcome)?.[1] ?? '';
  stderr.resume();
  const stopServer = stop(child);
  return {
    db: scratch.db, url: scratch.url, base, pid: child.pid ?? 0,
    async stop() {
      await stopServer();
      await smsc.close();
      await scratch.close();
    },
  };
}

/** The bare baseline (bench/bare-server.ts) on the same database with the same number of processes. */
export async function startBare(url: string, workers: number): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./bare-server.ts', import.meta.url)), url, String(workers)], { stdio: ['ignore', 'pipe', 'inherit'] });
  endsWithUs(child);
  if (!child.stdout) throw new Error('no stdout from the bare server');
  const first = await firstLine(child, child.stdout, /^\{/, 'bare server');
  const { port } = JSON.parse(first) as { port: number };
  return { url: `http://127.0.0.1:${String(port)}/bare-db`, pid: child.pid ?? 0, stop: stop(child) };
}

/**
 * Waits until every SMS in the outbox has been sent and its receipt recorded (none queued,
 * being submitted or waiting for a receipt); returns the seconds it took. A load's SMS are part of
 * its cost, and a measurement that starts while they still drain shares the cores with them.
 */
export async function smsSettled(db: Database, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    const [row] = await db.query<{ n: number }>("select count(*)::int8 as n from sms_outbox where status in ('queued', 'submitting', 'submitted')");
    if ((row?.n ?? 0) === 0) return (performance.now() - started) / 1000;
    if (performance.now() - started > timeoutMs) throw new Error(`${String(row?.n)} SMS still unsettled after ${String(timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function median(values: readonly number[]): number {
  // A missing figure (NaN: a baseline that did not finish) is left out, not sorted in.
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** The SQL checks after a load: balance = Σ ledger on every line, one extension per paid order. */
export async function sqlChecks(db: Database): Promise<{ drift: number; doubled: number; activated: number; extensions: number }> {
  const [row] = await db.query<{ drift: number; doubled: number; activated: number; extensions: number }>(
    `select (select count(*) from (select l.msisdn from lines l left join ledger_entries e on e.msisdn = l.msisdn
                                     group by l.msisdn, l.balance having l.balance <> coalesce(sum(e.amount), 0)) d)::int8 as drift,
            (select count(*) from (select reference from ledger_operations where kind = 'renewal_payment'
                                     group by reference, msisdn having count(*) > 1) d)::int8 as doubled,
            (select count(*) from orders where status = 'activated')::int8 as activated,
            (select count(*) from ledger_operations where kind = 'renewal_payment')::int8 as extensions`);
  if (!row) throw new Error('no answer from the checks');
  return row;
}

/** CPU seconds (user + system) used so far by a process and its children's processes (a cluster's workers). */
export function cpuSeconds(pid: number): number {
  const tick = 100; // USER_HZ on Linux
  const children = readFileSync(`/proc/${String(pid)}/task/${String(pid)}/children`, 'utf8').split(' ').filter(Boolean);
  let total = 0;
  for (const p of [String(pid), ...children]) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ').pop()?.split(' ') ?? [];
      total += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // A process that ended between ps and the read has nothing more to count.
    }
  }
  return total;
}
