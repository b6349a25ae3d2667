// `saxla serve`: the HTTP server with its background work, on the configured database.
import { pino } from 'pino';
import type { Instant } from './domain/calendar.ts';
import type { ValidityPolicy } from './domain/policy.ts';
import type { Config } from './config.ts';
import { buildApp } from './channels/http/build-app.ts';
import { openConfiguredDatabase } from './db/open-database.ts';
import { installPolicy } from './services/install-policy.ts';
import { LIFECYCLE_JOB_NAME, lifecycleJob } from './jobs/lifecycle-jobs.ts';
import { paymentJob } from './jobs/payment-jobs.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { createPaymentSetup } from './payments/create-payment-setup.ts';
import { createCounterAdapters } from './payments/counter-payment-config.ts';
import { prepareDemo, type DemoWelcome } from './services/prepare-demo.ts';
import { createUseCases } from './services/use-cases.ts';
import { chooseCounterPayments } from './services/choose-counter-payments.ts';
import { startSmsc, startSmsSending } from './sms-runtime.ts';

export async function startServer(config: Config, policy: ValidityPolicy, now: () => Instant): Promise<void> {
  const log = pino({
    level: process.env.LOG_LEVEL ?? 'info',
    // Logs never carry credentials or one-time codes.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-gateway-secret"]', 'res.headers["set-cookie"]'],
  });
  const db = await openConfiguredDatabase(config, 'serve', {
    waitForDatabase: (attempt, error, retryInMs) => {
      // Once, then every tenth try: a long wait is visible without flooding the log.
      if (attempt === 1 || attempt % 10 === 0) log.warn({ attempt, retryInMs, reason: error instanceof Error ? error.message : String(error) }, 'database unavailable at start; waiting for it');
    },
  });
  await db.tx((sql) => installPolicy(sql, policy));
  // Production never seeds: it starts empty and the operator imports its own catalogue and stores.
  const demo: DemoWelcome | undefined = config.mode === 'demo' ? await prepareDemo({ db, policy, now, secret: config.secret }) : undefined;

  const smsc = await startSmsc(config.smppUrl, config.mode);
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
    logger: log.child({ component: 'services' }),
  });
  const app = await buildApp({
    mode: config.mode,
    counterPayments, useCases,
    policy, now, adminToken: config.adminToken, baseUrl: config.baseUrl, payments,
    ...(config.ussdGatewaySecret ? { ussdGatewaySecret: config.ussdGatewaySecret } : {}),
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    ...(smsc.demoPhone ? { demoPhone: smsc.demoPhone } : {}),
    ...(config.mapTileUrl ? { mapTileUrl: config.mapTileUrl } : {}),
    smsSender: config.smsSender,
  }, {
    ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}),
    loggerInstance: log,
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  listening.url = url;
  const sms = startSmsSending({ useCases, now, url: smsc.url, sender: config.smsSender, nationalLanguageTables: config.smsNationalLanguageTables, logger: app.log.child({ component: 'sms' }) });
  const jobs = startScheduler([
    paymentJob(useCases.paymentUpkeep, {
      reconcileAfterMs: 5 * 60 * 1000, everyMs: 60 * 1000,
    }),
    lifecycleJob(useCases.lifecycleUpkeep, app.log.child({ component: 'sweep' })),
  ], app.log.child({ component: 'jobs' }));
  // The sweep's first pass before the welcome; the payment jobs' may wait on a provider, so not those.
  await jobs.firstRunOf(LIFECYCLE_JOB_NAME);

  app.log.info({ mode: config.mode, url, database: config.databaseUrl ? 'postgres' : 'pglite', policy: policy.version }, `Saxla is running in ${config.mode} mode`);
  // The console (standard error), never standard output, which carries the JSON log: what a
  // person starting Saxla needs to read, and the secrets generated on this start in a block of their own.
  process.stderr.write(welcomeText(config, policy, url, smsc.demoPhone !== undefined, demo));

  const shutdown = async (signal: string): Promise<void> => {
    app.log.info({ signal }, 'shutting down');
    await jobs.stop();
    await sms.stop();
    await smsc.close();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function welcomeText(config: Config, policy: ValidityPolicy, url: string, simulatedSmsc: boolean, demo: DemoWelcome | undefined): string {
  const lines = [
    '',
    `  Saxla is running at ${url}/ (${config.mode} mode)`,
    `  database: ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}; policy ${policy.version}`,
    `  API: ${url}/api/v1/openapi.json`,
    ...(demo ? demo.lines(url) : [`  staff console: ${url}/staff (accounts: npx saxla create-staff --role admin --store <id> --phone <number>)`]),
    simulatedSmsc ? `  SMS: in-process SMSC simulator; what each number receives: ${url}/demo-phone` : `  SMS: the SMSC at ${new URL(config.smppUrl ?? 'smpp://-').host} (SMPP_URL)`,
    '',
  ];
  const secrets = { ...config.generated, ...demo?.secrets };
  if (Object.keys(secrets).length > 0) {
    lines.push('  Generated on this first start and shown only now; keep them:', '');
    for (const [name, value] of Object.entries(secrets)) lines.push(`${name}=${value}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
