// Saxla killed with SIGKILL after the provider captured the money and before the activation: the
// next start's reconciliation asks the provider and activates exactly once. Needs a database two
// processes share, so it runs on PostgreSQL (SAXLA_TEST_DB=postgres) and is skipped on PGlite.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { msisdnFor } from '../helpers/factories.ts';
import { openTestDatabase, testEngine, type TestDatabase } from '../helpers/database.ts';
import { assertLedgerBalances } from '../helpers/test-app.ts';
import { buildPaymentsTestApp, countRows, deliver, orderRenewal, webhookFor, type PaymentsTestApp } from '../helpers/payments-app.ts';
import { silentLogger } from '../../src/services/logger.ts';
import { reconcilePendingPayments } from '../../src/services/reconcile-pending-payments.ts';

const skip = testEngine !== 'postgres' ? 'needs PostgreSQL (SAXLA_TEST_DB=postgres): two processes share the database' : false;
const child = fileURLToPath(new URL('./payment-child.ts', import.meta.url));
let testDb: TestDatabase;
let t: PaymentsTestApp;
const children: ChildProcess[] = [];

before(async () => {
  if (skip) return;
  testDb = await openTestDatabase();
  t = await buildPaymentsTestApp({ testDb, startAt: new Date().toISOString() });
});
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  if (skip) return;
  await t.close();
  await testDb.close();
});

/** Starts the child and resolves with each JSON line it prints, via `next()`. */
function start(env: Record<string, string>): { proc: ChildProcess; next: () => Promise<Record<string, unknown>> } {
  const proc = spawn(process.execPath, [child], { env: { ...process.env, DATABASE_URL: testDb.url ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(proc);
  const lines: Record<string, unknown>[] = [];
  const waiting: ((line: Record<string, unknown>) => void)[] = [];
  if (!proc.stdout) throw new Error('no stdout');
  createInterface({ input: proc.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  return {
    proc,
    next: () => {
      const line = lines.shift();
      return line ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

test('SIGKILL between capture and activation → the restart activates exactly once', { skip, timeout: 50_000 }, async () => {
  const { orderId, sessionId } = await orderRenewal(t, { msisdn: msisdnFor(1), months: 3 });

  // First process: the customer pays on its hosted page; its webhook would go out in 60 s.
  const first = start({ SANDBOX_WEBHOOK_DELAY_MS: '60000' });
  const { port } = await first.next();
  const paid = await fetch(`http://127.0.0.1:${String(port)}/pay/sandbox/${sessionId}`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'cardNumber=4242+4242+4242+4242',
  });
  assert.equal(paid.status, 200);
  first.proc.kill('SIGKILL');
  await new Promise((resolve) => first.proc.once('exit', resolve));
  assert.equal((await t.sandbox.findSession(sessionId))?.status, 'succeeded', 'the provider has the money');
  assert.equal(await countRows(t.db, 'orders', `id = $1 and status = 'pending_payment'`, [orderId]), 1, 'Saxla has not activated');

  // Restart: the start-up reconciliation asks the provider and settles the order.
  const second = start({ SANDBOX_WEBHOOK_DELAY_MS: '60000', RUN_PAYMENT_JOBS: '1' });
  await second.next();
  const { firstRun } = await second.next();
  assert.deepEqual((firstRun as { reconciled: unknown }).reconciled, { activated: 1 });
  assert.equal(await countRows(t.db, 'orders', `id = $1 and status = 'activated'`, [orderId]), 1);

  // Every later path finds it done: another reconciliation, and the webhook arriving after all.
  const again = await reconcilePendingPayments({ ...t.deps, providers: t.payments.providers, logger: silentLogger }, { olderThanMs: 0 });
  assert.equal(again.checked, 0);
  assert.equal((await deliver(t, await webhookFor(t, sessionId))).statusCode, 200);
  second.proc.kill('SIGKILL');

  assert.equal(await countRows(t.db, 'ledger_operations', `kind = 'renewal_payment'`), 1);
  assert.equal(await countRows(t.db, 'sms_outbox', `kind = 'renewal_confirmation'`), 1);
  assert.equal(await countRows(t.db, 'payments'), 1);
  const [line] = await t.db.query<{ valid_until: string }>('select valid_until from lines where msisdn = $1', [msisdnFor(1)]);
  assert.equal(line?.valid_until, '2027-03-20');
  await assertLedgerBalances(t.db);
});
