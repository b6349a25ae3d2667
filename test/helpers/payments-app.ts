// The app with the online renewal path on a fresh test database: demo plans and promotions, a few
// lines, the sandbox provider with a known secret, and a clock the test controls. Webhooks are
// built and delivered by the test unless it asks the sandbox to deliver them itself over HTTP.
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Database } from '../../src/db/database.ts';
import { upsertPlans } from '../../src/db/plan-repository.ts';
import { upsertPromotions } from '../../src/db/promotion-repository.ts';
import { demoPlans, demoPromotions } from '../../src/demo/catalog.ts';
import type { PaymentProviders } from '../../src/payments/payment-provider.ts';
import { DEFAULT_PAYMENT_GRACE_MS, type PaymentSetup } from '../../src/payments/payment-setup.ts';
import { createSandboxProvider, type SandboxDelivery, type SandboxProvider } from '../../src/payments/sandbox-provider.ts';
import { provisionLines } from '../../src/services/provision-lines.ts';
import { customerHeaders, registerCustomer, sameOriginHeaders, sessionCookieOf, TEST_PASSWORD } from './customers.ts';
import { openTestDatabase, type TestDatabase } from './database.ts';
import { buildAppOn, type TestAppSetup } from './test-app.ts';
import { fixedClock, iccidFor, msisdnFor, policy } from './factories.ts';

export const SANDBOX_SECRET = 'whsec_test_sandbox_0123456789abcdef';
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface PaymentsTestApp {
  readonly app: FastifyInstance;
  readonly db: Database;
  readonly testDb: TestDatabase;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly sandbox: SandboxProvider;
  readonly payments: PaymentSetup;
  /** What the app and its use cases were built from (services take it as their deps too). */
  readonly deps: TestAppSetup;
  /** Headers of the signed-in customer who owns every test line (session cookie + same origin). */
  readonly customer: Record<string, string>;
  /** Logs the owner in again (after the test clock jumped past the session's idle timeout). */
  signInAgain(): Promise<void>;
  /** The app without the customer's session, for anonymous and other-customer requests. */
  readonly anonymousApp: FastifyInstance;
  /** Where the app listens when started with listen: true. */
  url: string;
  close(): Promise<void>;
}

export interface PaymentsTestOptions {
  readonly startAt?: string;
  readonly lines?: number;
  readonly delivery?: SandboxDelivery;
  /** Listen on a port so the sandbox can POST its webhooks over HTTP. */
  readonly listen?: boolean;
  readonly testDb?: TestDatabase;
  /** More providers beside the sandbox (Stripe, PayPal with a fixture fetch). */
  readonly providers?: PaymentProviders;
  readonly fx?: PaymentSetup['fx'];
}

export async function buildPaymentsTestApp(options: PaymentsTestOptions = {}): Promise<PaymentsTestApp> {
  const testDb = options.testDb ?? await openTestDatabase();
  const clock = fixedClock(options.startAt ?? '2026-11-26T10:00:00+04:00');
  const holder = { url: 'http://127.0.0.1:0' };
  const sandbox = createSandboxProvider({
    db: testDb.db, secret: SANDBOX_SECRET, now: clock.now, baseUrl: () => holder.url,
    delivery: options.delivery ?? { delayMs: 0, copies: 1, spreadMs: 0, enabled: false },
  });
  const payments: PaymentSetup = {
    providers: { sandbox, ...options.providers }, defaultProvider: 'sandbox', sandbox, baseUrl: 'http://saxla.test', paymentGraceMs: DEFAULT_PAYMENT_GRACE_MS,
    ...(options.fx ? { fx: options.fx } : {}),
  };
  // Built as a value (not a literal) so fields the accounts work adds to HttpDeps can ride along.
  const deps = { db: testDb.db, policy, now: clock.now, adminToken: ADMIN_TOKEN, secret: 'test-secret-for-hmacs-0123456789abcdef', payments };
  await testDb.db.tx(async (sql) => {
    await upsertPlans(sql, demoPlans);
    await upsertPromotions(sql, demoPromotions);
  });
  const count = options.lines ?? 3;
  await provisionLines({ db: testDb.db, policy, now: clock.now }, Array.from({ length: count }, (_, i) => ({
    row: i + 1, msisdn: msisdnFor(i + 1), iccid: iccidFor(i + 1), balance: 500, validUntil: '2026-12-20', language: 'en',
  })));
  const app = await buildAppOn(deps);
  const owner = await signInOwner(app, testDb, clock, count);
  const result: PaymentsTestApp = {
    app: actingAsCustomer(app, owner), anonymousApp: app, customer: owner,
    async signInAgain() {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: sameOriginHeaders, payload: { phone: msisdnFor(1), password: TEST_PASSWORD } });
      const cookie = sessionCookieOf(res);
      if (res.statusCode !== 200 || !cookie) throw new Error(`login failed: ${res.body}`);
      Object.assign(owner, customerHeaders(cookie.value));
    }, db: testDb.db, testDb, clock, sandbox, payments, deps, url: holder.url,
    async close() {
      sandbox.stop();
      await app.close();
      if (!options.testDb) await testDb.close();
    },
  };
  if (options.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    holder.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    result.url = holder.url;
  }
  return result;
}

/**
 * One account owns all the test lines: line 1 through the real register → SMS code → verify flow,
 * the others linked directly (the link flow has its own tests) so large fixtures stay fast.
 */
async function signInOwner(app: FastifyInstance, testDb: TestDatabase, clock: ReturnType<typeof fixedClock>, lines: number): Promise<Record<string, string>> {
  const token = await registerCustomer({ app, db: testDb.db, testDb, clock, close: async () => undefined }, msisdnFor(1));
  await testDb.db.query(
    `insert into customer_lines (customer_id, msisdn, is_login, verified_at)
     select c.customer_id, '+99450' || lpad(i::text, 7, '0'), false, $2
       from (select customer_id from customer_lines where msisdn = $1) c, generate_series(2, $3::int) as i`,
    [msisdnFor(1), new Date(clock.now()), lines],
  );
  return customerHeaders(token);
}

/**
 * The app as the test lines' owner sees it: quote and order requests carry the owner's session
 * unless the test sends its own cookie. Other requests (webhooks, the hosted page) go as they are.
 */
function actingAsCustomer(app: FastifyInstance, owner: Record<string, string>): FastifyInstance {
  const withOwner = (options: InjectOptions | string): InjectOptions => {
    const opts: InjectOptions = typeof options === 'string' ? { url: options } : options;
    const url = String(opts.url ?? '');
    const headers = (opts.headers ?? {}) as Record<string, string>;
    if (!/^\/api\/v1\/(quotes|orders)/.test(url) || headers.cookie !== undefined) return opts;
    return { ...opts, headers: { ...owner, ...headers } };
  };
  return new Proxy(app, {
    get(target, prop) {
      if (prop === 'inject') return (options: InjectOptions | string) => target.inject(withOwner(options));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export async function countRows(db: Database, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(`select count(*)::int8 as n from ${table} where ${where}`, params);
  return row?.n ?? 0;
}

/** Quote → order through the API; returns the ids and the sandbox session behind the payment page. */
export async function orderRenewal(
  t: PaymentsTestApp, options: { msisdn?: string; months?: number; key?: string; planCode?: string } = {},
): Promise<{ quoteId: string; orderId: string; sessionId: string; total: number }> {
  const quote = await t.app.inject({
    method: 'POST', url: '/api/v1/quotes',
    payload: { msisdn: options.msisdn ?? msisdnFor(1), planCode: options.planCode ?? 'SAXLA_NOMRE', months: options.months ?? 3 },
  });
  if (quote.statusCode !== 201) throw new Error(`quote failed: ${quote.body}`);
  const order = await t.app.inject({
    method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': options.key ?? `k-${Math.random()}` },
    payload: { quoteId: quote.json().quoteId },
  });
  if (order.statusCode !== 201) throw new Error(`order failed: ${order.body}`);
  const paymentUrl: string = order.json().paymentUrl;
  return { quoteId: quote.json().quoteId, orderId: order.json().orderId, sessionId: paymentUrl.split('/').pop() ?? '', total: quote.json().total.amount };
}

/** The customer pays on the hosted page (the sandbox records it; the webhook is separate). */
export async function payOnPage(t: PaymentsTestApp, sessionId: string, card = '4242 4242 4242 4242'): Promise<number> {
  const res = await t.app.inject({
    method: 'POST', url: `/pay/sandbox/${sessionId}`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ cardNumber: card }).toString(),
  });
  return res.statusCode;
}

/** The signed webhook the sandbox would send for this session, as (body, headers). */
export async function webhookFor(t: PaymentsTestApp, sessionId: string, eventId?: string): Promise<{ body: string; headers: Record<string, string> }> {
  const session = await t.sandbox.findSession(sessionId);
  if (!session) throw new Error(`no sandbox session ${sessionId}`);
  return t.sandbox.signedEvent(session, eventId);
}

export async function deliver(t: PaymentsTestApp, hook: { body: string; headers: Record<string, string> }): Promise<{ statusCode: number; json: () => Record<string, unknown>; headers: Record<string, unknown> }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/payments/webhooks/sandbox', headers: hook.headers, payload: hook.body });
  return { statusCode: res.statusCode, json: () => res.json() as Record<string, unknown>, headers: res.headers };
}
