// Several Saxla processes on one PostgreSQL: `serve --workers 2` (a primary running the jobs and
// two HTTP workers on one port) and two `saxla work` processes, all starting their sweeps at once
// over lines due for reminders. Each reminder reaches the SMSC once, one process at a time holds
// the SMSC bind, and a top-up sent to the workers twenty times at once with one key lands once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSmscSimulator, type SmscSimulator } from '../../src/channels/sms/smsc-simulator.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import type { Database } from '../../src/db/database.ts';
import { addDays, instantFromEpochMs, operatorDay } from '../../src/domain/calendar.ts';
import { iccidFor } from '../helpers/factories.ts';
import { postgresAdminUrl } from '../helpers/database.ts';
import { assertLedgerBalances } from '../helpers/test-app.ts';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const postgresUp = spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0;
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SAXLA_') && !k.startsWith('PAYMENT_') && !['DATABASE_URL', 'SMPP_URL', 'USSD_GATEWAY_SECRET', 'PORT'].includes(k)));
const ADMIN = 'several-processes-admin-token';
const LINES = 40;

let smsc: SmscSimulator;
let db: Database;
let databaseName: string;
let env: Record<string, string>;
const children: ChildProcessWithoutNullStreams[] = [];

function start(args: string[], ready: RegExp, stream: 'stdout' | 'stderr'): Promise<{ child: ChildProcessWithoutNullStreams; output: () => string }> {
  const child = spawn(process.execPath, [main, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} not ready in 240 s: ${out}`)), 60_000);
    child[stream].on('data', () => {
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${String(code)}: ${out}`)));
  });
}

before(async () => {
  if (!postgresUp) return;
  smsc = createSmscSimulator({ systemId: 'op', password: 'op-pw' });
  const smscPort = await smsc.listen(0, '127.0.0.1');
  databaseName = `saxla_procs_${process.pid}`;
  const admin = await openPostgres(postgresAdminUrl, { max: 1 });
  await admin.query(`drop database if exists ${databaseName}`);
  await admin.query(`create database ${databaseName}`);
  await admin.close();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${databaseName}`;
  env = {
    ...cleanEnv, DATABASE_URL: url.toString(), SMPP_URL: `smpp://op:op-pw@127.0.0.1:${String(smscPort)}`, PORT: '0',
    SAXLA_SECRET: 'several-processes-secret-0123456789abcdef', SAXLA_ADMIN_TOKEN: ADMIN, SMS_QUIET_HOURS: 'off',
    SAXLA_DATA_DIR: mkdtempSync(join(tmpdir(), 'saxla-procs-')),
  };
  // Lines whose reminders are due today (30, 7 and 1 days before their last day), imported first
  // so that every process's first sweep finds them.
  const today = operatorDay(instantFromEpochMs(Date.now()));
  const rows = Array.from({ length: LINES }, (_, i) => {
    const msisdn = `055801${String(10000 + i).slice(1)}`;
    return `${msisdn},${iccidFor(9000 + i)},5.00,${addDays(today, [30, 7, 1][i % 3] ?? 1)}`;
  });
  const csv = join(env.SAXLA_DATA_DIR ?? tmpdir(), 'lines.csv');
  writeFileSync(csv, `msisdn,iccid,balance,valid_until\n${rows.join('\n')}\n`);
  const imported = spawnSync(process.execPath, [main, 'import-lines', csv], { env, encoding: 'utf8', timeout: 240_000 });
  assert.equal(imported.status, 0, imported.stderr);
  db = await openPostgres(env.DATABASE_URL ?? '', { max: 2 });
}, { timeout: 600_000 });

after(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined));
  await db?.close();
  await smsc?.close();
  if (postgresUp) {
    const admin = await openPostgres(postgresAdminUrl, { max: 1 });
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.close();
  }
});

test('serve --workers 2 and two work processes: each reminder sent once, one SMSC bind, one top-up per key', { skip: !postgresUp && 'PostgreSQL is not on 127.0.0.1:5432', timeout: 900_000 }, async () => {
  const [server] = await Promise.all([
    start(['serve', '--workers', '2'], /Saxla is running at (http:\/\/\S+)\//, 'stderr'),
    start(['work'], /Saxla jobs are running/, 'stdout'),
    start(['work'], /Saxla jobs are running/, 'stdout'),
  ]);
  const base = /Saxla is running at (http:\/\/\S+)\//.exec(server.output())?.[1] ?? '';
  assert.match(server.output(), /2 HTTP workers/);

  const queued = async (): Promise<number> => Number((await db.query<{ n: number }>(`select count(*)::int8 as n from sms_outbox where status in ('queued', 'submitting')`))[0]?.n);
  for (let i = 0; i < 120 && await queued() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 250));
  const outbox = await db.query<{ msisdn: string; kind: string }>(`select msisdn, kind from sms_outbox where kind = 'reminder' and msisdn like '+99455801%'`);
  assert.equal(outbox.length, LINES, 'one reminder per line in the outbox');
  const received = smsc.allMessages().filter((m) => m.msisdn.startsWith('+99455801'));
  const perNumber = new Map<string, number>();
  for (const m of received) perNumber.set(m.msisdn, (perNumber.get(m.msisdn) ?? 0) + 1);
  assert.equal(perNumber.size, LINES, 'every line got its reminder');
  assert.deepEqual([...new Set(perNumber.values())], [1], 'no line got its reminder twice');
  assert.equal(smsc.stats.binds, 1, 'one process at a time binds to the SMSC');

  // Twenty copies of one operator top-up at once, spread over both workers by the cluster.
  const msisdn = '+994558010000';
  const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/api/v1/admin/lines/${encodeURIComponent(msisdn)}/top-ups`, {
    method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'idempotency-key': 'one-top-up' },
    body: JSON.stringify({ amount: { amount: 500, currency: 'AZN' }, reference: 'cash desk 7' }),
  }).then((res) => res.status)));
  assert.ok(answers.every((status) => status === 200 || status === 201), `answers: ${answers.join(',')}`);
  const operations = await db.query<{ n: number }>(`select count(*)::int8 as n from ledger_operations where msisdn = $1 and kind = 'top_up'`, [msisdn]);
  assert.equal(operations[0]?.n, 1);
  await assertLedgerBalances(db);
});
