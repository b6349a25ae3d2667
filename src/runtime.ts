// What every Saxla process builds on: the database (waited for), the policy, the payment
// providers and the use cases — and, for processes that run the periodic work, the scheduler and
// the SMS sender. `serve` (one process or a primary with HTTP workers) and `work` compose these.
import { pino, type Logger } from 'pino';
import type { Instant } from './domain/calendar.ts';
import type { ValidityPolicy } from './domain/policy.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { openConfiguredDatabase } from './db/open-database.ts';
import { installPolicy } from './services/install-policy.ts';
import { autoRenewJob } from './jobs/auto-renew-job.ts';
import { LIFECYCLE_JOB_NAME, lifecycleJob } from './jobs/lifecycle-jobs.ts';
import { paymentJob } from './jobs/payment-jobs.ts';
import { spendingWatchJob } from './jobs/spending-watch-job.ts';
import { partitionJob } from './jobs/partition-job.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { createPaymentSetup } from './payments/create-payment-setup.ts';
import type { PaymentSetup } from './payments/payment-setup.ts';
import { createCounterAdapters } from './payments/counter-payment-config.ts';
import type { CounterPayments } from './payments/counter-payment.ts';
import { createUseCases, type UseCases } from './services/use-cases.ts';
import { chooseCounterPayments } from './services/choose-counter-payments.ts';
import { startSmsSendingWhenLeader } from './sms-runtime.ts';
import { currentRequestId } from './request-context.ts';
import { startTracing } from './tracing.ts';

export interface Runtime {
  readonly db: Database;
  readonly useCases: UseCases;
  readonly payments: PaymentSetup;
  readonly counterPayments: CounterPayments;
  /** Where this process's HTTP server listens, once it does (the sandbox posts its webhooks there). */
  readonly listening: { url: string };
  /** Stops the trace exporter (flushing what it holds), when OTEL_EXPORTER_OTLP_ENDPOINT started one. */
  close(): Promise<void>;
}

export async function openRuntime(config: Config, policy: ValidityPolicy, now: () => Instant, log: Logger, command: string): Promise<Runtime> {
  const tracing = startTracing(process.env);
  if (tracing) log.info({ endpoint: process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'exporting OpenTelemetry traces');
  const db = await openConfiguredDatabase(config, command, {
    waitForDatabase: (attempt, error, retryInMs) => {
      // Once, then every tenth try: a long wait is visible without flooding the log.
      if (attempt === 1 || attempt % 10 === 0) log.warn({ attempt, retryInMs, reason: error instanceof Error ? error.message : String(error) }, 'database unavailable at start; waiting for it');
    },
  });
  await db.tx((sql) => installPolicy(sql, policy));
  // The sandbox posts its webhooks straight back to this process at the address it listens on
  // (known once listening); customers reach its payment page at the public SAXLA_BASE_URL.
  const listening = { url: config.baseUrl };
  const payments = createPaymentSetup(config, { db, now, webhookBaseUrl: () => listening.url });
  // One set of counter adapters for the console and the payment jobs, so an unpaid counter order
  // is asked about (and expired) through the same terminal or acquirer that took it.
  const counterPayments = chooseCounterPayments({
    mode: config.mode, secret: config.secret, now, counterPayments: createCounterAdapters(config.counterPayments, { baseUrl: config.baseUrl }),
  }, config.baseUrl);
  // Built once; every route, page and job calls these and never the database.
  const useCases = createUseCases({
    db, policy, now, secret: config.secret, baseUrl: config.baseUrl, payments, counterPayments, smsQuietHours: config.smsQuietHours,
    smsNationalLanguageTables: config.smsNationalLanguageTables,
    logger: log.child({ component: 'services' }),
  });
  return {
    db, useCases, payments, counterPayments, listening,
    async close() {
      await db.close();
      await tracing?.shutdown();
    },
  };
}

export interface BackgroundWork {
  /** Settles when the lifecycle sweep's first pass has ended. */
  readonly firstSweep: Promise<void>;
  stop(): Promise<void>;
}

/** The periodic jobs and the SMS sender; each is safe in several processes at once. */
export function startBackgroundWork(runtime: Runtime, config: Config, now: () => Instant, smscUrl: string, log: Logger): BackgroundWork {
  const { useCases } = runtime;
  const sms = startSmsSendingWhenLeader({
    useCases, now, url: smscUrl, sender: config.smsSender, nationalLanguageTables: config.smsNationalLanguageTables,
    ratePerSecond: config.smsMaxPerSecond, tryLock: useCases.trySmsSenderLock, logger: log.child({ component: 'sms' }),
  });
  const jobs = startScheduler([
    paymentJob(useCases.paymentUpkeep, { reconcileAfterMs: 5 * 60 * 1000, everyMs: 60 * 1000 }),
    lifecycleJob(useCases.lifecycleUpkeep, log.child({ component: 'sweep' })),
    autoRenewJob(useCases.autoRenewUpkeep, log.child({ component: 'auto-renew' })),
    spendingWatchJob(useCases.spendingUpkeep, log.child({ component: 'spending' })),
    partitionJob(useCases.partitionUpkeep, log.child({ component: 'partitions' })),
  ], log.child({ component: 'jobs' }));
  return {
    firstSweep: jobs.firstRunOf(LIFECYCLE_JOB_NAME),
    async stop() {
      await jobs.stop();
      await sms.stop();
    },
  };
}

export function createLogger(): Logger {
  return pino({
    level: process.env.LOG_LEVEL ?? 'info',
    // The request or job pass under way, on every line logged while it runs (services, SMS, jobs).
    mixin: () => {
      const requestId = currentRequestId();
      return requestId === undefined ? {} : { requestId };
    },
    // Logs never carry credentials or one-time codes.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-gateway-secret"]', 'res.headers["set-cookie"]'],
  });
}

/** Stops cleanly on SIGINT or SIGTERM, then exits. */
export function onShutdown(log: Logger, stop: () => Promise<void>): void {
  const shutdown = async (signal: string): Promise<void> => {
    log.info({ signal }, 'shutting down');
    await stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
