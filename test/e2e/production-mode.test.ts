// `saxla serve` as an operator runs it: SAXLA_MODE=production refuses to start half-configured,
// and once started has no demo surface at all; demo mode keeps its secrets off standard output.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSmscSimulator, type SmscSimulator } from '../../src/channels/sms/smsc-simulator.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import type { Database } from '../../src/db/database.ts';
import { postgresAdminUrl } from '../helpers/database.ts';

const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SAXLA_') && !k.startsWith('PAYMENT_') && !['DATABASE_URL', 'SMPP_URL', 'USSD_GATEWAY_SECRET', 'PORT'].includes(k)));

interface Started { child: ChildProcessWithoutNullStreams; url: string; stdout: () => string; stderr: () => string }

/** Starts `saxla serve` on a free port and waits for its "running" log line. */
function startSaxla(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [main, 'serve'], { env: { ...cleanEnv, PORT: '0', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start in 240 s: ${out}\n${err}`)), 240_000);
    const check = (): void => {
      const match = /Saxla is running at (http:\/\/[^/\s]+)\//.exec(err);
      if (match?.[1] && /Saxla is running in/.test(out)) {
        clearTimeout(timer);
        resolve({ child, url: match[1], stdout: () => out, stderr: () => err });
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${out}\n${err}`)); });
  });
}

async function stop(started: Started): Promise<void> {
  started.child.kill('SIGTERM');
  await new Promise((resolve) => started.child.once('exit', resolve));
}

const postgresUp = spawnSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-q']).status === 0;

describe('production mode', { skip: postgresUp ? false : 'needs PostgreSQL on 127.0.0.1:5432', timeout: 600_000 }, () => {
  const name = `saxla_prod_${randomBytes(4).toString('hex')}`;
  let admin: Database;
  let smsc: SmscSimulator;
  let started: Started;
  let env: Record<string, string>;

  before(async () => {
    admin = await openPostgres(postgresAdminUrl, { max: 1 });
    await admin.query(`create database ${name}`);
    const url = new URL(postgresAdminUrl);
    url.pathname = `/${name}`;
    // The operator's SMSC, played here by the simulator on its own port (as a real one would be).
    smsc = createSmscSimulator({ systemId: 'op', password: 'op-pw' });
    const smscPort = await smsc.listen(0, '127.0.0.1');
    env = {
      SAXLA_MODE: 'production',
      DATABASE_URL: url.toString(),
      SMPP_URL: `smpp://op:op-pw@127.0.0.1:${smscPort}`,
      SAXLA_SECRET: randomBytes(32).toString('hex'),
      SAXLA_ADMIN_TOKEN: randomBytes(24).toString('hex'),
      USSD_GATEWAY_SECRET: randomBytes(24).toString('hex'),
      SAXLA_BASE_URL: 'https://saxla.example.az',
      PAYMENT_PROVIDERS: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_not_called_at_start',
      STRIPE_WEBHOOK_SECRET: 'whsec_not_called_at_start',
      SAXLA_DATA_DIR: mkdtempSync(join(tmpdir(), 'saxla-prod-')),
    };
    started = await startSaxla(env);
  });

  after(async () => {
    if (started) await stop(started);
    await smsc.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.close();
  });

  test('refuses to start half-configured, naming each missing setting', () => {
    const result = spawnSync(process.execPath, [main, 'serve'], { env: { ...cleanEnv, SAXLA_MODE: 'production', PORT: '0' }, encoding: 'utf8', timeout: 30_000 });
    assert.equal(result.status, 1);
    for (const name of ['DATABASE_URL', 'SMPP_URL', 'SAXLA_SECRET', 'SAXLA_ADMIN_TOKEN', 'USSD_GATEWAY_SECRET', 'SAXLA_BASE_URL', 'PAYMENT_PROVIDERS']) {
      assert.match(result.stderr, new RegExp(`${name}: `), name);
    }
  });

  test('says its mode, seeds nothing, and mounts no demo phone, sandbox page or simulator', async () => {
    assert.match(started.stdout(), /"mode":"production"/);
    const plans = await fetch(`${started.url}/api/v1/plans`);
    assert.deepEqual(await plans.json(), { items: [] }, 'no demo catalogue');
    for (const path of ['/demo-phone', '/api/v1/demo-phone/messages', '/pay/sandbox/sbx_anything']) {
      const res = await fetch(`${started.url}${path}`);
      assert.equal(res.status, 404, path);
    }
    const pay = await fetch(`${started.url}/pay/sandbox/sbx_anything`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'cardNumber=4242424242424242' });
    assert.equal(pay.status, 404);
    const openapi = await (await fetch(`${started.url}/api/v1/openapi.json`)).json() as { paths: Record<string, unknown> };
    assert.deepEqual(Object.keys(openapi.paths).filter((p) => /demo-phone|\/pay\//.test(p)), []);
    // USSD from this very machine, without the gateway secret: refused (no address is trusted).
    const ussd = await fetch(`${started.url}/ussd`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'sessionId=s1&serviceCode=*101%23&phoneNumber=%2B994500000102&text=' });
    assert.equal(ussd.status, 403);
  });

  test('the database holds no demo line, customer or staff account', async () => {
    const url = new URL(postgresAdminUrl);
    url.pathname = `/${name}`;
    const db = await openPostgres(url.toString(), { max: 1 });
    try {
      const [counts] = await db.query<{ lines: number; customers: number; staff: number; plans: number; stores: number }>(
        `select (select count(*) from lines)::int8 as lines, (select count(*) from customers)::int8 as customers,
                (select count(*) from staff)::int8 as staff, (select count(*) from plans)::int8 as plans,
                (select count(*) from stores)::int8 as stores`);
      assert.deepEqual(counts, { lines: 0, customers: 0, staff: 0, plans: 0, stores: 0 });
    } finally {
      await db.close();
    }
  });

  test('no secret reaches standard output', () => {
    for (const secret of [env.SAXLA_SECRET, env.SAXLA_ADMIN_TOKEN, env.USSD_GATEWAY_SECRET, 'op-pw']) {
      assert.ok(secret && !started.stdout().includes(secret), 'a secret in the log');
    }
  });
});

describe('demo mode', { timeout: 600_000 }, () => {
  test('generated secrets go to standard error in one block of NAME=value lines, never to standard output', async () => {
    const started = await startSaxla({ SAXLA_DATA_DIR: mkdtempSync(join(tmpdir(), 'saxla-demo-')) });
    try {
      const block = [...started.stderr().matchAll(/^([A-Z_]+)=(\S+)$/gm)];
      const names = block.map((m) => m[1]);
      for (const name of ['SAXLA_ADMIN_TOKEN', 'SAXLA_SECRET', 'SANDBOX_WEBHOOK_SECRET', 'DEMO_MANAGER_ONE_TIME_PASSWORD', 'DEMO_MANAGER_TOTP_SECRET']) {
        assert.ok(names.includes(name), `${name} in the block`);
      }
      // One block: the NAME=value lines follow each other with nothing between them.
      const lines = started.stderr().split('\n');
      const first = lines.findIndex((l) => /^[A-Z_]+=/.test(l));
      assert.ok(lines.slice(first, first + block.length).every((l) => /^[A-Z_]+=\S+$/.test(l)));
      for (const [, , value] of block) assert.ok(value && !started.stdout().includes(value), 'a secret on standard output');
      // Standard output is the JSON log, one object a line.
      for (const line of started.stdout().split('\n').filter(Boolean)) assert.doesNotThrow(() => JSON.parse(line), line);
      assert.match(started.stdout(), /"mode":"demo"/);
      const phone = await fetch(`${started.url}/demo-phone`);
      assert.equal(phone.status, 200, 'the demo keeps its phone');
    } finally {
      await stop(started);
    }
  });
});
