// Shared by the benchmarks: scratch PostgreSQL databases, pgbench as the baseline, the machine.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { openPostgres } from '../src/db/postgres.ts';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';

export const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown cpu';
  return `${cpus().length} cores (${cpu.trim()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}`;
}

export function urlFor(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, migrated database that the benchmark owns; dropped by the returned close(). */
export async function scratchDatabase(name: string, poolSize = 16): Promise<{ db: Database; url: string; close: () => Promise<void> }> {
  const admin = await openPostgres(adminUrl, { max: 1 });
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = urlFor(name);
  const db = await openPostgres(url, { max: poolSize });
  await migrate(db);
  return {
    db, url,
    async close() {
      await db.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

/** pgbench TPC-B (its default script) on the same server: the baseline for transaction rates. */
export async function pgbenchTps(clients: number, seconds: number): Promise<number> {
  const admin = await openPostgres(adminUrl, { max: 1 });
  await admin.query('drop database if exists saxla_pgbench with (force)');
  await admin.query('create database saxla_pgbench');
  const url = new URL(adminUrl);
  const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
  execFileSync('pgbench', [...args, '-i', '-q', '-s', '10', 'saxla_pgbench'], { stdio: 'ignore' });
  const out = execFileSync('pgbench', [...args, '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), 'saxla_pgbench'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  await admin.query('drop database if exists saxla_pgbench with (force)');
  await admin.close();
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1];
  if (!tps) throw new Error(`could not read pgbench output:\n${out}`);
  return Number(tps);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export function line(label: string, value: string, baseline?: string): void {
  process.stdout.write(`  ${label.padEnd(46)} ${value.padStart(14)}${baseline ? `   ${baseline}` : ''}\n`);
}
