// Issue 9's test: `saxla serve` on a private PostgreSQL cluster, under a load of online renewals
// (quote → order → pay on the sandbox's page → webhook → activation), while the cluster is killed
// with `pg_ctl stop -m immediate` and started again 5 s later. The process must not exit; while
// the database is away requests get 503 with Retry-After; within 10 s of its return Saxla serves
// by itself; and no activation is lost or doubled (balance = Σ ledger, one activation per paid
// order, at most one confirmation SMS per activation). Brings its own cluster, so it runs apart
// from the two database passes and skips where the PostgreSQL binaries are absent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { iccidFor, msisdnFor } from '../helpers/factories.ts';
import { clusterUnavailable, createPrivateCluster, type PrivateCluster } from './private-cluster.ts';

const skip = clusterUnavailable();
if (skip) process.stdout.write(`# database-outage.test.ts skipped: ${skip}\n`);

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const ADMIN_TOKEN = 'outage-admin-token-0123456789';
const DEMO_LOGIN = { phone: '+994500000102', password: 'Demo-Saxla-2026' };
const LINES = Array.from({ length: 8 }, (_, i) => msisdnFor(i + 1, '51'));
const WORKERS = 8;
const OUTAGE_MS = 5000;

let cluster: PrivateCluster | undefined;
let server: ChildProcess | undefined;
let dataDir: string | undefined;
let output = '';
const exits: string[] = [];
/** Ends the load however the test ends, so a failure does not leave it running. */
const stop = { stopped: false };

before(async () => {
  if (skip) return;
  cluster = await createPrivateCluster();
});
after(async () => {
  stop.stopped = true;
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  await cluster?.destroy();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(databaseUrl: string): Promise<string> {
  dataDir = mkdtempSync(join(tmpdir(), 'saxla-outage-app-'));
  const proc = spawn(process.execPath, ['src/main.ts', 'serve'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1',
      SAXLA_ADMIN_TOKEN: ADMIN_TOKEN, SAXLA_SECRET: 'outage-test-secret-0123456789abcdef', SAXLA_DATA_DIR: dataDir, LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server = proc;
  proc.on('exit', (code, signal) => exits.push(`exit code ${String(code)} signal ${String(signal)}`));
  const collect = (chunk: Buffer): void => { output = (output + chunk.toString()).slice(-20_000); };
  proc.stdout.on('data', collect);
  proc.stderr.on('data', collect);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const url = /Saxla is running at (http:\/\/[^/\s]+)\//.exec(output)?.[1];
    if (url) return url;
    if (exits.length > 0 || Date.now() > deadline) throw new Error(`saxla serve did not start:\n${output}`);
    await sleep(50);
  }
}

interface Tally { readonly statuses: Map<string, number>; paid: number }

function count(tally: Tally, what: string): void {
  tally.statuses.set(what, (tally.statuses.get(what) ?? 0) + 1);
}

/** One customer's tab renewing one line again and again: quote, order, pay on the hosted page. */
async function renewInALoop(base: string, cookie: string, msisdn: string, tally: Tally, stop: { stopped: boolean }): Promise<void> {
  const json = { 'content-type': 'application/json', origin: base, cookie };
  const call = async (step: string, path: string, init: RequestInit): Promise<Response | undefined> => {
    try {
      const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(15_000) });
      if (res.status >= 300) {
        count(tally, `${step} ${String(res.status)}`);
        await res.arrayBuffer();
        return undefined;
      }
      return res;
    } catch (error) {
      count(tally, `${step} ${error instanceof Error ? error.name : 'error'}`);
      return undefined;
    }
  };
  while (!stop.stopped) {
    const quote = await call('quote', '/api/v1/quotes', { method: 'POST', headers: json, body: JSON.stringify({ msisdn, planCode: 'SAXLA_NOMRE', months: 1 }) });
    if (!quote) { await sleep(100); continue; }
    const { quoteId } = await quote.json() as { quoteId: string };
    const order = await call('order', '/api/v1/orders', { method: 'POST', headers: { ...json, 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify({ quoteId }) });
    if (!order) { await sleep(100); continue; }
    const { paymentUrl } = await order.json() as { paymentUrl: string };
    const pay = await call('pay', new URL(paymentUrl).pathname, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'cardNumber=4242+4242+4242+4242',
    });
    if (pay) {
      await pay.arrayBuffer();
      tally.paid += 1;
    }
  }
}

async function probe(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; retryAfter: string | null; type: string; body: string }> {
  try {
    const res = await fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(15_000) });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), type: res.headers.get('content-type') ?? '', body: await res.text() };
  } catch (error) {
    // No answer at all (the process died, or a hang): the assertions say which.
    return { status: 0, retryAfter: null, type: '', body: String(error) };
  }
}

async function scalar(db: pg.Client, text: string): Promise<number> {
  const result = await db.query<{ n: string }>(text);
  return Number(result.rows[0]?.n ?? Number.NaN);
}

test('PostgreSQL killed and restarted under a renewal load: no exit, 503 meanwhile, back by itself, nothing lost or doubled', { skip, timeout: 120_000 }, async () => {
  assert.ok(cluster);
  const base = await startServer(cluster.url);
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };

  // Lines for the load, owned by the demo customer.
  const provisioned = await fetch(`${base}/api/v1/admin/lines`, {
    method: 'POST', headers: admin,
    body: JSON.stringify(LINES.map((msisdn, i) => ({ msisdn, iccid: iccidFor(900 + i), balance: { amount: 500, currency: 'AZN' }, validUntil: '2027-01-31', language: 'en' }))),
  });
  assert.ok(provisioned.status < 300, await provisioned.text());
  const direct = new pg.Client({ connectionString: cluster.url });
  await direct.connect();
  await direct.query(
    `insert into customer_lines (customer_id, msisdn, is_login, verified_at)
     select customer_id, m, false, now() from customer_lines, unnest($2::text[]) as m where msisdn = $1 and is_login`,
    [DEMO_LOGIN.phone, LINES],
  );
  await direct.end();
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify(DEMO_LOGIN) });
  assert.equal(login.status, 200, await login.text());
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  const tally: Tally = { statuses: new Map(), paid: 0 };
  const load = Array.from({ length: WORKERS }, (_, i) => renewInALoop(base, cookie, LINES[i % LINES.length] ?? '', tally, stop));
  await sleep(3000);
  const paidBefore = tally.paid;
  assert.ok(paidBefore > 0, `the load runs: ${JSON.stringify([...tally.statuses])}\n${output}`);

  // The crash: every session cut mid-transaction, the server gone for 5 s.
  const killedAt = Date.now();
  await cluster.stopImmediately();
  await sleep(500);
  const ready = await probe(base, '/readyz');
  const api = await probe(base, `/api/v1/admin/lines/${encodeURIComponent(LINES[0] ?? '')}`, { authorization: admin.authorization });
  const page = await probe(base, '/stores?lang=en', { accept: 'text/html' });
  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - killedAt)));
  assert.deepEqual(exits, [], `the process survived the outage:\n${output}`);
  for (const [name, res] of Object.entries({ ready, api, page })) {
    assert.equal(res.status, 503, `${name}: ${res.body}`);
    assert.equal(res.retryAfter, '5', name);
  }
  assert.equal((JSON.parse(api.body) as { code: string }).code, 'DATABASE_UNAVAILABLE');
  assert.equal((JSON.parse(ready.body) as { code: string }).code, 'DATABASE_UNAVAILABLE');
  assert.match(page.type, /^text\/html/);

  // The return: Saxla serves again by itself within 10 s.
  await cluster.start();
  const backAt = Date.now();
  let readyAfterMs = -1;
  while (Date.now() - backAt < 15_000) {
    const res = await probe(base, '/readyz');
    if (res.status === 200) { readyAfterMs = Date.now() - backAt; break; }
    await sleep(100);
  }
  assert.ok(readyAfterMs >= 0 && readyAfterMs < 10_000, `ready again ${String(readyAfterMs)} ms after the database's return`);
  const paidAtReturn = tally.paid;
  await sleep(3000);
  stop.stopped = true;
  await Promise.all(load);
  assert.ok(tally.paid > paidAtReturn, `renewals go through again: ${JSON.stringify([...tally.statuses])}`);
  // Requests caught by the kill failed cleanly: a 503 to retry, never a 500 or a dropped connection.
  const unclean = [...tally.statuses.keys()].filter((what) => !what.endsWith(' 503'));
  assert.deepEqual(unclean, [], JSON.stringify([...tally.statuses]));

  // Every payment the sandbox took is activated, once: its webhook retries reach Saxla.
  const db = new pg.Client({ connectionString: cluster.url });
  await db.connect();
  try {
    const unsettledSql = `select count(*) as n from sandbox_payments p join orders o on o.id = p.order_id where p.status = 'succeeded' and o.status <> 'activated'`;
    const settleBy = Date.now() + 45_000;
    while (await scalar(db, unsettledSql) > 0 && Date.now() < settleBy) await sleep(250);
    assert.equal(await scalar(db, unsettledSql), 0, 'a paid order is not activated: an activation was lost');
    const paid = await scalar(db, `select count(*) as n from sandbox_payments where status = 'succeeded'`);
    const activated = await scalar(db, `select count(*) as n from orders where status = 'activated'`);
    assert.ok(paid >= paidBefore, `${String(paid)} payments`);
    assert.equal(activated, paid, 'one activation per paid order');
    assert.equal(await scalar(db, `select count(*) as n from ledger_operations where kind = 'renewal_payment'`), activated, 'one extension per activation');
    assert.equal(await scalar(db, `select count(*) as n from sms_outbox where kind = 'renewal_confirmation'`), activated, 'one confirmation SMS per activation');
    assert.equal(await scalar(db,
      `select count(*) as n from (select l.msisdn from lines l left join ledger_entries e on e.msisdn = l.msisdn
        group by l.msisdn, l.balance having l.balance <> coalesce(sum(e.amount), 0)) as off`), 0, 'balance = Σ ledger');
    // And the SMSC got no confirmation twice (each one names the line's new last day, so a repeat is a duplicate).
    for (const msisdn of LINES) {
      const inbox = await fetch(`${base}/api/v1/demo-phone/messages?msisdn=${encodeURIComponent(msisdn)}`);
      const { items } = await inbox.json() as { items: { text: string }[] };
      assert.equal(new Set(items.map((m) => m.text)).size, items.length, `an SMS reached ${msisdn} twice`);
    }
  } finally {
    await db.end();
  }
  assert.deepEqual(exits, [], `no process exit:\n${output}`);
  process.stdout.write(`# outage: ${String(tally.paid)} paid (${String(paidBefore)} before the kill), ready ${String(readyAfterMs)} ms after the return; ${JSON.stringify([...tally.statuses])}\n`);
});
