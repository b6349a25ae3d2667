// End-to-end online renewals per second on PostgreSQL — quote → order → the customer pays on the
// sandbox page → signed webhook → activated — driven through the Fastify app (inject, no sockets)
// by concurrent customers, beside pgbench TPC-B on the same server in the same run. Also p99 from
// the webhook's arrival to the order being activated (the webhook request does the activation).
// Run alone: node bench/renewals.ts   (BENCH_PG_URL, BENCH_CONCURRENCY, BENCH_SECONDS)
import { buildApp } from '../src/channels/http/build-app.ts';
import { instantFromEpochMs } from '../src/domain/calendar.ts';
import { withIccidCheckDigit } from '../src/domain/line.ts';
import { parseValidityPolicy } from '../src/domain/policy.ts';
import type { Database } from '../src/db/database.ts';
import { upsertPlans } from '../src/db/plan-repository.ts';
import { upsertPromotions } from '../src/db/promotion-repository.ts';
import { demoPlans, demoPromotions } from '../src/demo/catalog.ts';
import { DEFAULT_PAYMENT_GRACE_MS, type PaymentSetup } from '../src/payments/payment-setup.ts';
import { createSandboxProvider } from '../src/payments/sandbox-provider.ts';
import { provisionLines } from '../src/services/provision-lines.ts';
import { silentLogger } from '../src/services/logger.ts';
import { createUseCases } from '../src/services/use-cases.ts';
import demoPolicy from '../src/policies/demo-2024.json' with { type: 'json' };
import { line, machine, percentile, pgbenchTps, scratchDatabase } from './support.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const LINES = 10_000;
const SECRET = 'bench-sandbox-secret-0123456789';

/** One customer, signed in through the real register → code → verify flow, owning every line. */
async function signInOwnerOfAll(app: Awaited<ReturnType<typeof buildApp>>, db: Database, msisdns: readonly string[]): Promise<Record<string, string>> {
  const first = msisdns[0] ?? '';
  const origin = { origin: 'http://localhost' };
  const reg = await app.inject({ method: 'POST', url: '/api/v1/auth/register', headers: origin, payload: { phone: first, language: 'en' } });
  if (reg.statusCode !== 202) throw new Error(`register: ${reg.body}`);
  const [sms] = await db.query<{ body: string }>("select body from sms_outbox where msisdn = $1 and kind = 'otp' order by id desc limit 1", [first]);
  const code = /\b(\d{6})\b/.exec(sms?.body ?? '')?.[1] ?? '';
  const verify = await app.inject({ method: 'POST', url: '/api/v1/auth/verify', headers: origin, payload: { phone: first, code, password: 'Bench-Password-2026' } });
  const token = verify.cookies.find((c) => c.name === 'saxla_session')?.value;
  if (!token) throw new Error(`verify: ${verify.body}`);
  await db.query(
    `insert into customer_lines (customer_id, msisdn, is_login, verified_at)
     select c.customer_id, m, false, now() from (select customer_id from customer_lines where msisdn = $1) c, unnest($2::text[]) as m`,
    [first, msisdns.slice(1)],
  );
  return { ...origin, cookie: `saxla_session=${token}` };
}

export async function benchRenewals(): Promise<{ renewalsPerSecond: number; pgbench: number; p99Ms: number }> {
  const policy = parseValidityPolicy(demoPolicy);
  const now = () => instantFromEpochMs(Date.now());
  const scratch = await scratchDatabase('saxla_bench_renewals', CONCURRENCY + 4);
  const db = scratch.db;
  await db.tx(async (sql) => {
    await upsertPlans(sql, demoPlans);
    await upsertPromotions(sql, demoPromotions);
  });
  const msisdns = Array.from({ length: LINES }, (_, i) => `+99450${String(1000000 + i)}`);
  await provisionLines({ db, policy, now }, msisdns.map((msisdn, i) => ({
    row: i + 1, msisdn, iccid: withIccidCheckDigit(`8999401${String(i).padStart(11, '0')}`), balance: 0, validUntil: '2027-01-31', language: 'en',
  })));
  // Webhooks are signed and POSTed by the benchmark itself, so the sandbox only keeps its book.
  const sandbox = createSandboxProvider({ db, secret: SECRET, now, baseUrl: () => 'http://bench', delivery: { delayMs: 0, copies: 1, spreadMs: 0, enabled: false } });
  const payments: PaymentSetup = { providers: { sandbox }, defaultProvider: 'sandbox', sandbox, baseUrl: 'http://bench', paymentGraceMs: DEFAULT_PAYMENT_GRACE_MS };
  const deps = { db, policy, now, adminToken: 'bench-admin-token-0123456789', secret: 'bench-secret-0123456789abcdef', payments };
  const app = await buildApp({ ...deps, mode: 'demo', useCases: createUseCases({ ...deps, logger: silentLogger }) });
  const customer = await signInOwnerOfAll(app, db, msisdns);

  const webhookMs: number[] = [];
  let done = 0;
  let failed = 0;
  let next = 0;
  const months = [1, 3, 6, 12];
  const deadline = performance.now() + SECONDS * 1000;

  const renewOnce = async (): Promise<void> => {
    const n = next++;
    const msisdn = msisdns[n % LINES] ?? '';
    const quote = await app.inject({ method: 'POST', url: '/api/v1/quotes', headers: customer, payload: { msisdn, planCode: 'SAXLA_NOMRE', months: months[n % 4] } });
    if (quote.statusCode !== 201) throw new Error(`quote: ${quote.body}`);
    const order = await app.inject({ method: 'POST', url: '/api/v1/orders', headers: { ...customer, 'idempotency-key': `bench-${n}` }, payload: { quoteId: quote.json().quoteId } });
    if (order.statusCode !== 201) throw new Error(`order: ${order.body}`);
    const sessionId = String(order.json().paymentUrl).split('/').pop() ?? '';
    const paid = await sandbox.pay(sessionId, '4242424242424242');
    if (paid.outcome !== 'succeeded') throw new Error(`pay: ${paid.outcome}`);
    const hook = sandbox.signedEvent(paid.session);
    const start = performance.now();
    const res = await app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/sandbox', headers: hook.headers, payload: hook.body });
    webhookMs.push(performance.now() - start);
    if (res.statusCode !== 200 || res.json().outcome !== 'activated') throw new Error(`webhook: ${res.body}`);
  };

  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      try {
        await renewOnce();
        done++;
      } catch (error) {
        failed++;
        if (failed < 5) process.stderr.write(`renewal failed: ${(error as Error).message}\n`);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const renewalsPerSecond = done / elapsed;

  const [check] = await db.query<{ activated: number; ops: number; sms: number }>(
    `select (select count(*) from orders where status = 'activated')::int8 as activated,
            (select count(*) from ledger_operations where kind = 'renewal_payment')::int8 as ops,
            (select count(*) from sms_outbox where kind = 'renewal_confirmation')::int8 as sms`);
  await app.close();
  await scratch.close();

  const pgbench = await pgbenchTps(8, 15);
  webhookMs.sort((a, b) => a - b);
  const p99Ms = percentile(webhookMs, 99);
  process.stdout.write(`\nOnline renewals end to end (PostgreSQL, ${CONCURRENCY} concurrent customers, ${SECONDS} s, ${LINES} lines)\n`);
  line('renewals activated per second', renewalsPerSecond.toFixed(1), `${done} done, ${failed} failed`);
  line('  (each: quote + order + page capture + webhook)', '', `${check?.activated ?? 0} activated, ${check?.ops ?? 0} ledger ops, ${check?.sms ?? 0} SMS`);
  line('webhook → activated, p50 / p99 (ms)', `${percentile(webhookMs, 50).toFixed(1)} / ${p99Ms.toFixed(1)}`);
  line('pgbench TPC-B tps (-s 10 -c 8 -j 2 -T 15)', pgbench.toFixed(1));
  line('ratio renewals/s ÷ pgbench tps (goal ≥ 0.25)', (renewalsPerSecond / pgbench).toFixed(3));
  return { renewalsPerSecond, pgbench, p99Ms };
}

if (import.meta.main) {
  process.stdout.write(`Saxla renewals benchmark on ${machine()}\n`);
  await benchRenewals();
}
