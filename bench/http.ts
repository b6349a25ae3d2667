// Saxla over real HTTP (`saxla serve --workers N`, PostgreSQL, autocannon on loopback), each
// figure beside its baseline measured in the same run, rounds interleaved so that a shared
// machine's noise falls on both sides; the README reports medians of the rounds.
//  - operator top-ups (16 connections over 500 lines) vs pgbench TPC-B -c 16; the SMS each sends
//    are settled (sent, receipt recorded) before the next measurement, and the rate including that
//    time is reported too
//  - USSD *101# first screen vs a bare Fastify route making one PostgreSQL read, same processes;
//    then USSD p99 at a fixed rate of half what the bare route sustained, evenly spaced (paced.ts)
//  - online renewals end to end (quote, order, the sandbox page paid, the signed webhook) vs pgbench
// Run: node bench/run.ts http   (BENCH_WORKERS=1,2  BENCH_ROUNDS=3  BENCH_SECONDS=10)
import type autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { SANDBOX_SIGNATURE_HEADER, signSandboxPayload } from '../src/payments/sandbox-signature.ts';
import { paced, type PacedRequest } from './paced.ts';
import { line, pgbenchTps } from './support.ts';
import { ADMIN_TOKEN, cpuSeconds, median, msisdnOf, run, SANDBOX_SECRET, smsSettled, startBare, sqlChecks, startSaxla, type Load, type Saxla } from './http-support.ts';

const WORKERS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOP_UP_CONNECTIONS = 16;
const TOP_UP_LINES = 500;
const USSD_CONNECTIONS = 32;
const RENEWAL_CUSTOMERS = 32;

let sequence = 0;
const unique = (): string => `${String(process.pid)}-${String(++sequence)}`;

function topUps(saxla: Saxla): Promise<Load> {
  return run({
    url: saxla.base, connections: TOP_UP_CONNECTIONS, duration: SECONDS,
    requests: [{
      method: 'POST',
      setupRequest: (request) => {
        const n = ++sequence;
        return {
          ...request, path: `/api/v1/admin/lines/${encodeURIComponent(msisdnOf(n % TOP_UP_LINES))}/top-ups`,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'idempotency-key': `bench-${unique()}` },
          body: JSON.stringify({ amount: { amount: 500, currency: 'AZN' }, reference: `bench-${String(n)}` }),
        };
      },
    }],
  });
}

export function ussdOptions(saxla: Saxla): autocannon.Options {
  return {
    url: `${saxla.base}/ussd`,
    requests: [{
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      setupRequest: (request) => {
        const n = ++sequence;
        return { ...request, body: `sessionId=b${unique()}&serviceCode=*101%23&phoneNumber=${encodeURIComponent(msisdnOf(n))}&networkCode=40001&text=` };
      },
    }],
  };
}

/** One USSD first screen as the paced load sends it (bench/paced.ts), for a line in turn. */
export function ussdRequest(): PacedRequest {
  const n = ++sequence;
  return {
    method: 'POST', path: '/ussd', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `sessionId=b${unique()}&serviceCode=*101%23&phoneNumber=${encodeURIComponent(msisdnOf(n))}&networkCode=40001&text=`,
  };
}

/** A customer signed in by the real register → code → verify flow, owning every benchmark line (or only its own). */
export async function signIn(saxla: Saxla, phone = msisdnOf(0), ownsAll = true): Promise<Record<string, string>> {
  const origin = { origin: saxla.base, 'content-type': 'application/json' };
  const reg = await fetch(`${saxla.base}/api/v1/auth/register`, { method: 'POST', headers: origin, body: JSON.stringify({ phone, language: 'en' }) });
  if (reg.status !== 202) throw new Error(`register: ${await reg.text()}`);
  const [sms] = await saxla.db.query<{ body: string }>("select body from sms_outbox where msisdn = $1 and kind = 'otp' order by id desc limit 1", [phone]);
  const code = /\b(\d{6})\b/.exec(sms?.body ?? '')?.[1] ?? '';
  const verify = await fetch(`${saxla.base}/api/v1/auth/verify`, { method: 'POST', headers: origin, body: JSON.stringify({ phone, code, password: 'Bench-Password-2026' }) });
  const token = /saxla_session=([^;]+)/.exec(verify.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error(`verify: ${await verify.text()}`);
  if (ownsAll) await saxla.db.query(
    `insert into customer_lines (customer_id, msisdn, is_login, verified_at)
     select c.customer_id, l.msisdn, false, now() from (select customer_id from customer_lines where msisdn = $1) c, lines l
      where l.msisdn <> $1 on conflict do nothing`, [phone]);
  return { ...origin, cookie: `saxla_session=${token}` };
}

/** One renewal as the customer and the provider make it; throws on any answer but the expected one. */
export async function renewOnce(saxla: Saxla, customer: Record<string, string>, n: number, observe?: (status: number, ms: number) => void): Promise<void> {
  const post = async (path: string, body: string, headers: Record<string, string>): Promise<Response> => {
    const started = performance.now();
    const res = await fetch(`${saxla.base}${path}`, { method: 'POST', headers, body });
    observe?.(res.status, performance.now() - started);
    return res;
  };
  const quoteRes = await post('/api/v1/quotes', JSON.stringify({ msisdn: msisdnOf(n), planCode: 'SAXLA_NOMRE', months: [1, 3, 6, 12][n % 4] }), customer);
  if (quoteRes.status !== 201) throw new Error(`quote ${String(quoteRes.status)}: ${await quoteRes.text()}`);
  const quote = await quoteRes.json() as { quoteId: string; total: { amount: number; currency: string } };
  const orderRes = await post('/api/v1/orders', JSON.stringify({ quoteId: quote.quoteId }), { ...customer, 'idempotency-key': `renew-${unique()}` });
  if (orderRes.status !== 201) throw new Error(`order ${String(orderRes.status)}: ${await orderRes.text()}`);
  const order = await orderRes.json() as { orderId: string; paymentUrl: string };
  const sessionId = order.paymentUrl.split('/').pop() ?? '';
  const paid = await post(`/pay/sandbox/${sessionId}`, 'cardNumber=4242424242424242', { 'content-type': 'application/x-www-form-urlencoded' });
  await paid.arrayBuffer();
  if (paid.status !== 200) throw new Error(`pay ${String(paid.status)}`);
  // The provider's signed webhook, sent at once; the sandbox's own copy 300 ms later is a replay.
  const body = JSON.stringify({
    id: `evt_${randomBytes(12).toString('hex')}`, type: 'payment.succeeded', created: Math.floor(Date.now() / 1000),
    data: { paymentId: sessionId, orderId: order.orderId, amount: quote.total },
  });
  const hook = await post('/api/v1/payments/webhooks/sandbox', body, {
    'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(SANDBOX_SECRET, body, Math.floor(Date.now() / 1000)),
  });
  const outcome = await hook.json() as { outcome?: string };
  // 'duplicate': the sandbox's own copy came first and activated the order.
  if (hook.status !== 200 || (outcome.outcome !== 'activated' && outcome.outcome !== 'duplicate')) throw new Error(`webhook ${String(hook.status)}: ${JSON.stringify(outcome)}`);
}

async function renewals(saxla: Saxla, customer: Record<string, string>): Promise<{ rps: number; failed: number }> {
  let done = 0;
  let failed = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: RENEWAL_CUSTOMERS }, async () => {
    while (performance.now() < deadline) {
      try {
        await renewOnce(saxla, customer, ++sequence);
        done++;
      } catch (error) {
        failed++;
        if (failed <= 3) process.stderr.write(`renewal failed: ${(error as Error).message}\n`);
      }
    }
  }));
  return { rps: done / ((performance.now() - started) / 1000), failed };
}

/** The load, and the CPU the serving processes spent per request in it (µs): the figure a busy shared machine moves least. */
async function perRequestCpu<L extends Load>(pid: number, load: () => Promise<L>): Promise<L & { cpuUs: number }> {
  const before = cpuSeconds(pid);
  const result = await load();
  return { ...result, cpuUs: ((cpuSeconds(pid) - before) / (result.rps * SECONDS)) * 1e6 };
}

/** pgbench in this round; a run it could not finish (a shared server out of connections) counts as missing, not as the end of the benchmark. */
async function baseline(clients: number): Promise<number> {
  try {
    return await pgbenchTps(clients, SECONDS);
  } catch (error) {
    process.stderr.write(`pgbench -c ${String(clients)} did not finish this round: ${(error as Error).message.split('\n')[0] ?? ''}\n`);
    return Number.NaN;
  }
}

interface Round { cpu: { topUp: number; ussd: number; bare: number }; topUps: Load & { smsDrain: number }; pgbench16: number; bare: Load; ussd: Load; ussdHalf: Load; bareHalf: Load; renewals: number; pgbench8: number }

export async function benchHttp(): Promise<void> {
  for (const workers of WORKERS) {
    const saxla = await startSaxla(`saxla_bench_http_${String(workers)}`, workers, { LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' });
    const bare = await startBare(saxla.url, workers);
    const bareAt = new URL(bare.url);
    const customer = await signIn(saxla);
    // Warm up: JIT, prepared statements and pooled connections in every worker.
    await topUps(saxla);
    await smsSettled(saxla.db);
    await run({ ...ussdOptions(saxla), connections: USSD_CONNECTIONS, duration: 2 });
    await run({ url: bare.url, connections: USSD_CONNECTIONS, duration: 2 });
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // The top-ups' CPU and time include sending their SMS and recording the receipts.
      const t = await perRequestCpu(saxla.pid, async () => ({ ...await topUps(saxla), smsDrain: await smsSettled(saxla.db) }));
      const pgbench16 = await baseline(16);
      const b = await perRequestCpu(bare.pid, () => run({ url: bare.url, connections: USSD_CONNECTIONS, duration: SECONDS }));
      const u = await perRequestCpu(saxla.pid, () => run({ ...ussdOptions(saxla), connections: USSD_CONNECTIONS, duration: SECONDS }));
      // Evenly spaced, not autocannon's rate: that sends each second's share in one burst (paced.ts).
      const half = await paced({ base: saxla.base, rate: Math.round(b.rps / 2), seconds: SECONDS, connections: USSD_CONNECTIONS, next: ussdRequest });
      // The same pace on the bare route: what the pacing itself (this process) adds to a p99.
      const bareHalf = await paced({ base: bareAt.origin, rate: Math.round(b.rps / 2), seconds: SECONDS, connections: USSD_CONNECTIONS, next: () => ({ method: 'GET', path: bareAt.pathname }) });
      const renewed = await renewals(saxla, customer);
      // Their confirmations and the sandbox's webhook copies finish before pgbench and the next round.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await smsSettled(saxla.db);
      const pgbench8 = await baseline(8);
      rounds.push({ cpu: { topUp: t.cpuUs, ussd: u.cpuUs, bare: b.cpuUs }, topUps: t, pgbench16, bare: b, ussd: u, ussdHalf: half, bareHalf, renewals: renewed.rps, pgbench8 });
      process.stdout.write(`  round ${String(r + 1)}, ${String(workers)} worker(s): top-ups ${t.rps.toFixed(0)}/s (p99 ${String(t.p99)} ms, ${String(t.failures)} failed, SMS settled ${t.smsDrain.toFixed(1)} s later) vs pgbench ${pgbench16.toFixed(0)}; `
        + `USSD ${u.rps.toFixed(0)}/s p99 ${String(u.p99)} vs bare ${b.rps.toFixed(0)}/s; at ${Math.round(b.rps / 2)}/s p99 ${String(half.p99)} ms (${String(half.failures)} failed; bare ${String(bareHalf.p99)} ms); `
        + `renewals ${renewed.rps.toFixed(1)}/s (${String(renewed.failed)} failed) vs pgbench ${pgbench8.toFixed(0)}\n`);
    }
    const check = await sqlChecks(saxla.db);
    await bare.stop();
    await saxla.stop();
    const m = (pick: (r: Round) => number): number => median(rounds.map(pick));
    process.stdout.write(`\nSaxla over HTTP, ${String(workers)} worker(s), medians of ${String(ROUNDS)} interleaved rounds of ${String(SECONDS)} s\n`);
    line('operator top-ups/s (16 conns, 500 lines)', m((r) => r.topUps.rps).toFixed(0), `pgbench -c 16 ${m((r) => r.pgbench16).toFixed(0)} tps → ratio ${m((r) => r.topUps.rps / r.pgbench16).toFixed(2)} (goal ≥ 0.40), p99 ${String(m((r) => r.topUps.p99))} ms`);
    const withSms = (r: Round): number => (r.topUps.rps * SECONDS) / (SECONDS + r.topUps.smsDrain);
    line('… with their SMS sent and receipts recorded', m(withSms).toFixed(0), `top-ups ÷ (load + time until the outbox settled) → ratio ${m((r) => withSms(r) / r.pgbench16).toFixed(2)}`);
    line('USSD *101# req/s (32 conns)', m((r) => r.ussd.rps).toFixed(0), `bare + one read ${m((r) => r.bare.rps).toFixed(0)} → ratio ${m((r) => r.ussd.rps / r.bare.rps).toFixed(2)} (goal ≥ 0.70)`);
    line('USSD p99 at half the bare rate', `${m((r) => r.ussdHalf.p99).toFixed(1)} ms`, `p50 ${m((r) => r.ussdHalf.p50).toFixed(1)} ms, goal p99 ≤ 10 ms; the bare route at that pace: p99 ${m((r) => r.bareHalf.p99).toFixed(1)} ms`);
    line('renewals end to end /s (32 customers)', m((r) => r.renewals).toFixed(1), `pgbench -c 8 ${m((r) => r.pgbench8).toFixed(0)} tps → ratio ${m((r) => r.renewals / r.pgbench8).toFixed(3)} (goal ≥ 0.15)`);
    line('server CPU per request (µs)', `top-up ${m((r) => r.cpu.topUp).toFixed(0)}`, `USSD ${m((r) => r.cpu.ussd).toFixed(0)}, bare + one read ${m((r) => r.cpu.bare).toFixed(0)} (Node processes only; with the SMS each top-up sends)`);
    line('SQL checks afterwards', `${String(check.drift)} lines ≠ Σ ledger`, `${String(check.doubled)} doubled extensions; ${String(check.activated)} orders activated, ${String(check.extensions)} extensions`);
  }
}

if (import.meta.main) await benchHttp();
