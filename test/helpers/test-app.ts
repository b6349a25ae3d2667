// The app on a fresh test database with a clock the test controls; driven with inject().
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../src/channels/http/build-app.ts';
import type { HttpDeps } from '../../src/channels/http/http-deps.ts';
import type { Database } from '../../src/db/database.ts';
import type { PasswordHashingOptions } from '../../src/services/password-hashing.ts';
import { silentLogger, type Logger } from '../../src/services/logger.ts';
import { chooseCounterPayments } from '../../src/services/choose-counter-payments.ts';
import { createUseCases, DEFAULT_BASE_URL } from '../../src/services/use-cases.ts';
import { fixedClock, policy } from './factories.ts';
import { openTestDatabase, type TestDatabase } from './database.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` };
export const TEST_SECRET = 'test-secret-for-hmacs-0123456789abcdef';
/** argon2id light enough for tests (production: 19 MiB, 2 passes). */
export const testPasswordHashing = { memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

/** What a test hands over: the app's settings plus what its use cases are built from. */
export type TestAppSetup = Omit<HttpDeps, 'useCases' | 'mode'> & {
  /** Demo unless a test says production, as `saxla serve` defaults to demo. */
  readonly mode?: HttpDeps['mode'];
  readonly db: Database;
  readonly secret: string;
  readonly passwordHashing?: PasswordHashingOptions;
  readonly logger?: Logger;
};

/** The composition root in small, as server.ts does it: the use cases built once, then the app's deps. */
export function httpDepsFor(setup: TestAppSetup): HttpDeps {
  // The counter's adapters are chosen before the use cases, as in server.ts (simulators in demo mode).
  const counterPayments = chooseCounterPayments(setup, setup.baseUrl ?? DEFAULT_BASE_URL);
  const useCases = createUseCases({
    db: setup.db, policy: setup.policy, now: setup.now, secret: setup.secret, logger: setup.logger ?? silentLogger,
    counterPayments, ...(setup.baseUrl ? { baseUrl: setup.baseUrl } : {}),
    ...(setup.passwordHashing ? { passwordHashing: setup.passwordHashing } : {}),
    ...(setup.payments ? { payments: setup.payments } : {}),
  });
  return { ...setup, mode: setup.mode ?? 'demo', counterPayments, useCases };
}

/** buildApp over a test's setup; async, so a refused setup is a rejected promise like buildApp's own refusals. */
export async function buildAppOn(setup: TestAppSetup, options?: BuildAppOptions): Promise<FastifyInstance> {
  return buildApp(httpDepsFor(setup), options);
}

export interface TestApp {
  readonly app: FastifyInstance;
  readonly db: Database;
  readonly testDb: TestDatabase;
  readonly clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

export async function buildTestApp(startAt = '2026-11-26T10:00:00+04:00'): Promise<TestApp> {
  const testDb = await openTestDatabase();
  const clock = fixedClock(startAt);
  const app = await buildAppOn({ db: testDb.db, policy, now: clock.now, adminToken: ADMIN_TOKEN, secret: TEST_SECRET, passwordHashing: testPasswordHashing });
  return {
    app, db: testDb.db, testDb, clock,
    async close() {
      await app.close();
      await testDb.close();
    },
  };
}

/** The SQL assertion behind the ledger: every line's balance is the sum of its entries. */
export async function assertLedgerBalances(db: Database): Promise<void> {
  const mismatched = await db.query<{ msisdn: string; balance: number; sum: number }>(
    `select l.msisdn, l.balance, coalesce(sum(e.amount), 0)::int8 as sum
       from lines l left join ledger_entries e on e.msisdn = l.msisdn
      group by l.msisdn, l.balance
     having l.balance <> coalesce(sum(e.amount), 0)`,
  );
  if (mismatched.length > 0) throw new Error(`ledger does not explain balances: ${JSON.stringify(mismatched.slice(0, 5))}`);
}
