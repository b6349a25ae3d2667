// A Saxla process for the crash test: the HTTP app with the sandbox provider on the PostgreSQL
// database named by DATABASE_URL, the payment jobs started as on a real start. Prints one JSON line
// {"port": n} when listening, then {"firstRun": {...}} when the start-up reconciliation is done.
import { instantFromEpochMs } from '../../src/domain/calendar.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { silentLogger } from '../../src/services/logger.ts';
import { bindPaymentUpkeep } from '../../src/services/job-use-cases.ts';
import { startPaymentJobs } from '../../src/jobs/payment-jobs.ts';
import { DEFAULT_PAYMENT_GRACE_MS, type PaymentSetup } from '../../src/payments/payment-setup.ts';
import { createSandboxProvider } from '../../src/payments/sandbox-provider.ts';
import { policy } from '../helpers/factories.ts';
import { SANDBOX_SECRET } from '../helpers/payments-app.ts';
import { buildAppOn } from '../helpers/test-app.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const now = () => instantFromEpochMs(Date.now());
const db = await openPostgres(url, { max: 5 });
const holder = { url: '' };
const sandbox = createSandboxProvider({
  db, secret: SANDBOX_SECRET, now, baseUrl: () => holder.url,
  delivery: { delayMs: Number(process.env.SANDBOX_WEBHOOK_DELAY_MS ?? '300'), copies: 1, spreadMs: 0, enabled: true },
});
const payments: PaymentSetup = { providers: { sandbox }, defaultProvider: 'sandbox', sandbox, baseUrl: 'http://saxla.test', paymentGraceMs: DEFAULT_PAYMENT_GRACE_MS };
const deps = { db, policy, now, adminToken: 'child-admin-token-0123456789', secret: 'child-secret-0123456789abcdef', payments };
const app = await buildAppOn(deps);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
holder.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
if (process.env.RUN_PAYMENT_JOBS === '1') {
  const jobs = startPaymentJobs(bindPaymentUpkeep({ db, policy, now, providers: payments.providers, logger: silentLogger }), {
    reconcileAfterMs: 60_000, everyMs: 60_000,
    onResult: (result) => process.stdout.write(`${JSON.stringify({ firstRun: result })}\n`),
    onError: (error) => process.stdout.write(`${JSON.stringify({ error: String(error) })}\n`),
  });
  await jobs.firstRun;
}
