// `npm run failover`: Saxla on a pg_auto_failover formation (monitor, primary, secondary on
// loopback), under renewals, operator top-ups and USSD; the primary is killed (SIGKILL) while
// the load runs and the secondary is promoted. Reports the seconds without writes, the requests
// that failed and how (503 is the clean answer), then checks on the new primary: every paid order
// activated exactly once, every top-up key booked once, every balance equal to its ledger.
// Needs root or the postgres user, and Debian's postgresql-15-auto-failover.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '../src/db/postgres.ts';
import { withIccidCheckDigit } from '../src/domain/line.ts';
import { failoverEngineAvailable, startFormation } from './failover-cluster.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.FAILOVER_SECONDS ?? 40);
const KILL_AT_S = Number(process.env.FAILOVER_KILL_AT ?? 10);
const ADMIN = 'failover-admin-token-0123456789';
const CUSTOMER = { phone: '+994500000102', password: 'Demo-Saxla-2026' };
const say = (text: string): void => { process.stdout.write(`${text}\n`); };

const missing = failoverEngineAvailable();
if (missing) {
  say(`failover: ${missing}`);
  process.exit(2);
}

say('starting a pg_auto_failover formation (monitor :6000, nodes :6001 and :6002)…');
const formation = await startFormation(say);
say(`formation ready: ${formation.uri}`);
let server: ReturnType<typeof spawn> | undefined;
let allPassed: boolean | undefined;
try {
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SAXLA_') && !['DATABASE_URL', 'SMPP_URL', 'PORT'].includes(k))),
  DATABASE_URL: formation.uri, PORT: '0', SAXLA_ADMIN_TOKEN: ADMIN, SAXLA_SECRET: 'failover-secret-0123456789abcdef0123',
  SAXLA_DATA_DIR: mkdtempSync(join(tmpdir(), 'saxla-failover-data-')), SMS_QUIET_HOURS: 'off', LOG_LEVEL: 'warn',
};
const logFile = join(env.SAXLA_DATA_DIR, 'saxla.log');
const saxla = spawn(process.execPath, ['src/main.ts', 'serve'], { cwd: root, env, stdio: ['ignore', openSync(logFile, 'a'), 'pipe'] });
server = saxla;
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  saxla.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
    const url = /Saxla is running at (http:\/\/\S+)\//.exec(out)?.[1];
    if (url) resolve(url);
  });
  saxla.once('exit', (code) => reject(new Error(`saxla exited ${String(code)}: ${out}`)));
});
say(`Saxla at ${base}`);

interface Attempt { readonly at: number; readonly kind: string; readonly status: number; readonly code?: string }
const attempts: Attempt[] = [];
const started = performance.now();
const elapsed = (): number => (performance.now() - started) / 1000;
async function call(kind: string, path: string, init: RequestInit): Promise<Response | undefined> {
  try {
    const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
    if (res.status >= 500) {
      const body = await res.text();
      attempts.push({ at: elapsed(), kind, status: res.status, code: /"code":"([A-Z_]+)"/.exec(body)?.[1] ?? body.slice(0, 40) });
      return new Response(body, { status: res.status, headers: res.headers });
    }
    attempts.push({ at: elapsed(), kind, status: res.status });
    return res;
  } catch {
    attempts.push({ at: elapsed(), kind, status: 0 });
    return undefined;
  }
}
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Lines for the top-ups and USSD, and the demo customer's session for the renewals.
const lines = Array.from({ length: 200 }, (_, i) => `+99455${String(9000000 + i)}`);
const provisioned = await call('setup', '/api/v1/admin/lines', {
  method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
  body: JSON.stringify(lines.map((msisdn, i) => ({ msisdn, iccid: withIccidCheckDigit(`8999455${String(i).padStart(11, '0')}`), balance: { amount: 100, currency: 'AZN' }, validUntil: '2027-03-31' }))),
});
if (!provisioned?.ok) throw new Error(`provisioning failed: ${String(provisioned?.status)} ${(await provisioned?.text() ?? '').slice(0, 300)}`);
const login = await call('setup', '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify(CUSTOMER) });
const cookie = login?.headers.get('set-cookie')?.split(';')[0] ?? '';
if (!login?.ok || !cookie) throw new Error('demo customer login failed');

const deadline = started + SECONDS * 1000;
const topUpKeys: string[] = [];
const orderIds: string[] = [];
let killedAt = 0;

/** A partner's top-up: the same key again after any failure, as a real client retries. */
async function topUps(worker: number): Promise<void> {
  for (let n = 0; performance.now() < deadline; n++) {
    const key = `failover-${String(worker)}-${String(n)}`;
    const msisdn = lines[(worker * 31 + n) % lines.length] ?? '';
    // A partner keeps trying a while after the run's end; what it never got acknowledged is not counted.
    while (performance.now() < deadline + 60_000) {
      const res = await call('top-up', `/api/v1/admin/lines/${encodeURIComponent(msisdn)}/top-ups`, {
        method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ amount: { amount: 100, currency: 'AZN' }, reference: `kiosk ${String(worker)}` }),
      });
      if (res?.ok) {
        topUpKeys.push(key);
        break;
      }
      await pause(200);
    }
  }
}

/** The demo customer renews a month: quote, order (retried with its key), the sandbox page. */
async function renewals(): Promise<void> {
  const json = { 'content-type': 'application/json', origin: base, cookie };
  for (let n = 0; performance.now() < deadline; n++) {
    const quote = await call('renewal', '/api/v1/quotes', { method: 'POST', headers: json, body: JSON.stringify({ msisdn: CUSTOMER.phone, planCode: 'SAXLA_NOMRE', months: 1 }) });
    if (!quote?.ok) { await pause(200); continue; }
    const { quoteId } = await quote.json() as { quoteId: string };
    let paymentUrl = '';
    for (let tries = 0; tries < 50 && !paymentUrl; tries++) {
      const order = await call('renewal', '/api/v1/orders', { method: 'POST', headers: { ...json, 'idempotency-key': `order-${quoteId}` }, body: JSON.stringify({ quoteId }) });
      if (order?.ok) {
        const body = await order.json() as { orderId: string; paymentUrl: string };
        orderIds.push(body.orderId);
        paymentUrl = body.paymentUrl;
      } else await pause(200);
    }
    for (let tries = 0; tries < 50 && paymentUrl; tries++) {
      const paid = await call('renewal', new URL(paymentUrl).pathname, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base }, body: 'cardNumber=4242424242424242', redirect: 'manual' });
      if (paid && paid.status < 500) break;
      await pause(200);
    }
  }
}

async function ussd(worker: number): Promise<void> {
  for (let n = 0; performance.now() < deadline; n++) {
    const msisdn = lines[(worker * 17 + n) % lines.length] ?? '';
    await call('ussd', '/ussd', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `sessionId=f${String(worker)}-${String(n)}&serviceCode=*101%23&phoneNumber=${encodeURIComponent(msisdn)}&text=` });
  }
}

const killer = (async () => {
  await pause(KILL_AT_S * 1000);
  const primary = formation.primaryNode();
  killedAt = elapsed();
  formation.crash(primary);
  say(`t=${killedAt.toFixed(1)} s: killed ${primary} (the primary) with SIGKILL`);
})();
await Promise.all([killer, ...Array.from({ length: 6 }, (_, i) => topUps(i)), renewals(), renewals(), ...Array.from({ length: 4 }, (_, i) => ussd(i))]);
say(`load done after ${elapsed().toFixed(1)} s`);
say(formation.state());

// Paid orders are activated by the sandbox's webhooks, which retry until Saxla answers.
const db = await openPostgres(formation.uri, { max: 2 });
for (let i = 0; i < 60; i++) {
  const [row] = await db.query<{ n: number }>(`select count(*)::int8 as n from orders o join sandbox_payments s on s.order_id = o.id where s.status = 'succeeded' and o.status <> 'activated'`).catch(() => [{ n: -1 }]);
  if (row?.n === 0) break;
  await pause(1000);
}

const failed = attempts.filter((a) => a.kind !== 'setup' && (a.status === 0 || a.status >= 500));
// Unavailable: from the first failed request after the kill to the first success after the last failure.
const failedAfterKill = failed.filter((a) => a.at >= killedAt);
const firstFailure = failedAfterKill[0]?.at ?? killedAt;
const lastFailure = failedAfterKill.at(-1)?.at ?? killedAt;
const recovered = attempts.find((a) => a.at > lastFailure && a.status >= 200 && a.status < 300)?.at ?? lastFailure;
const byStatus = new Map<string, number>();
for (const a of failed) {
  const key = `${a.status === 0 ? 'no answer' : String(a.status)}${a.code ? ` ${a.code}` : ''} (${a.kind})`;
  byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
}
const timeline: string[] = [];
for (let from = 0; from < SECONDS + 10; from += 5) {
  const slice = attempts.filter((a) => a.kind !== 'setup' && a.at >= from && a.at < from + 5);
  if (slice.length === 0) continue;
  timeline.push(`    t=${String(from).padStart(2)}–${String(from + 5).padEnd(2)} s: ${String(slice.filter((a) => a.status >= 200 && a.status < 300).length).padStart(5)} ok, ${String(slice.filter((a) => a.status === 0 || a.status >= 500).length).padStart(4)} failed`);
}

const checks: { name: string; ok: boolean; detail: string }[] = [];
const [ops] = await db.query<{ keys: number; ops: number }>(
  `select count(distinct idempotency_key)::int8 as keys, count(*)::int8 as ops from ledger_operations where idempotency_key like 'top-up:admin:failover-%'`);
checks.push({ name: 'every acknowledged top-up booked exactly once', ok: ops?.keys === topUpKeys.length && ops.ops === topUpKeys.length, detail: `${String(topUpKeys.length)} acknowledged, ${String(ops?.keys)} keys, ${String(ops?.ops)} operations` });
const [orders] = await db.query<{ paid: number; activated: number; doubled: number }>(
  `select (select count(*) from orders o join sandbox_payments s on s.order_id = o.id where s.status = 'succeeded')::int8 as paid,
          (select count(*) from orders where status = 'activated' and id = any($1))::int8 as activated,
          (select count(*) from (select p.order_id from ledger_operations l join payments p on l.reference = p.provider || ':' || p.provider_payment_id
                                  where l.kind = 'renewal_payment' group by p.order_id having count(*) > 1) d)::int8 as doubled`, [orderIds]);
checks.push({ name: 'every paid renewal activated once, none twice', ok: orders?.paid === orders?.activated && orders?.doubled === 0, detail: `${String(orders?.paid)} paid, ${String(orders?.activated)} activated, ${String(orders?.doubled)} doubled` });
const mismatched = await db.query<{ n: number }>(`select count(*)::int8 as n from (select l.msisdn from lines l left join ledger_entries e on e.msisdn = l.msisdn group by l.msisdn, l.balance having l.balance <> coalesce(sum(e.amount), 0)) m`);
checks.push({ name: 'balance = Σ ledger on every line', ok: mismatched[0]?.n === 0, detail: `${String(mismatched[0]?.n)} lines differ` });
const other5xx = failed.filter((a) => a.status >= 500 && a.status !== 503).length;
checks.push({ name: 'failures were clean (503 or refused connection), no other 5xx', ok: other5xx === 0, detail: `${String(other5xx)} other 5xx` });
await db.close();

say('');
say(`Failover under load (${String(SECONDS)} s; primary killed at t=${killedAt.toFixed(1)} s)`);
say(`  requests: ${String(attempts.length)} (${String(attempts.filter((a) => a.kind === 'ussd').length)} USSD, ${String(attempts.filter((a) => a.kind === 'top-up').length)} top-ups, ${String(attempts.filter((a) => a.kind === 'renewal').length)} renewal steps)`);
say(`  unavailable: ${(recovered - firstFailure).toFixed(1)} s (first failure t=${firstFailure.toFixed(1)}, last t=${lastFailure.toFixed(1)}, next success t=${recovered.toFixed(1)})`);
say(`  failed requests: ${String(failed.length)}${failed.length > 0 ? ':' : ''}`);
for (const [what, n] of byStatus) say(`    ${String(n).padStart(5)} × ${what}`);
say('  timeline:');
for (const row of timeline) say(row);
if (failed.some((a) => a.status >= 500 && a.status !== 503)) say(`  Saxla's log: ${logFile}`);
for (const c of checks) say(`  ${c.ok ? '✔' : '✖'} ${c.name}: ${c.detail}`);

  allPassed = checks.every((c) => c.ok);
} finally {
  // The formation and Saxla go whatever happened, so a failed run leaves no clusters behind.
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server?.once('exit', resolve));
  }
  await formation.stop();
}
process.exit(allPassed === true ? 0 : 1);
