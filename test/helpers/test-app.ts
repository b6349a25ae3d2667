// The app on a fresh test database with a clock the test controls; driven with inject().
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/channels/http/build-app.ts';
import type { Database } from '../../src/db/database.ts';
import { fixedClock, policy } from './factories.ts';
import { openTestDatabase, type TestDatabase } from './database.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const adminHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` };
export const TEST_SECRET = 'test-secret-for-hmacs-0123456789abcdef';
/** argon2id light enough for tests (production: 19 MiB, 2 passes). */
export const testPasswordHashing = { memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

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
  const app = await buildApp({ db: testDb.db, policy, now: clock.now, adminToken: ADMIN_TOKEN, secret: TEST_SECRET, passwordHashing: testPasswordHashing });
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
