// `saxla serve`: the HTTP server with its background work, on the configured database.
import type { Instant } from './domain/calendar.ts';
import type { ValidityPolicy } from './domain/policy.ts';
import type { Config } from './config.ts';
import { buildApp } from './channels/http/build-app.ts';
import { openConfiguredDatabase } from './db/open-database.ts';
import { installPolicy } from './services/install-policy.ts';
import { startPaymentJobs } from './jobs/payment-jobs.ts';
import { createPaymentSetup } from './payments/create-payment-setup.ts';
import { remindAppointments } from './services/remind-appointments.ts';
import { seedDemo, demoCustomer, demoLines } from './services/seed-demo.ts';
import { createStaff } from './services/staff-auth.ts';
import { sweepLifecycle } from './services/sweep-lifecycle.ts';
import { startSmsc, startSmsSending } from './sms-runtime.ts';

const SWEEP_EVERY_MS = 15 * 60 * 1000;
const DEMO_STAFF = { storeId: 'baku-28-may', phone: '+994700000100' } as const;

export async function startServer(config: Config, policy: ValidityPolicy, now: () => Instant): Promise<void> {
  const db = await openConfiguredDatabase(config, 'serve');
  await db.tx((sql) => installPolicy(sql, policy));
  const [{ plans } = { plans: 0 }] = await db.query<{ plans: number }>('select count(*)::int8 as plans from plans');
  const firstStart = plans === 0;
  if (firstStart) await seedDemo({ db, policy, now });
  // A demo store manager, made once on the first start: its one-time password and authenticator
  // secret exist in clear only in this process, so they are printed below and never again.
  const demoStaff = firstStart ? await createStaff({ db, now, secret: config.secret }, { role: 'manager', storeId: DEMO_STAFF.storeId, phone: DEMO_STAFF.phone }, { staffId: null, origin: { ip: null, userAgent: 'saxla serve (demo)' } }) : undefined;

  const smsc = await startSmsc(config.smppUrl);
  // The sandbox posts its webhooks straight back to this process at the address it listens on
  // (known once listening); customers reach its payment page at the public SAXLA_BASE_URL.
  const listening = { url: config.baseUrl };
  const payments = createPaymentSetup(config, { db, now, webhookBaseUrl: () => listening.url });
  const app = await buildApp({
    db, policy, now, adminToken: config.adminToken, secret: config.secret, baseUrl: config.baseUrl, payments,
    ...(config.ussdGatewaySecret ? { ussdGatewaySecret: config.ussdGatewaySecret } : {}),
    ...(smsc.demoPhone ? { demoPhone: smsc.demoPhone } : {}),
    ...(config.mapTileUrl ? { mapTileUrl: config.mapTileUrl } : {}),
    smsSender: config.smsSender,
  }, {
    ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}),
    logger: {
      level: process.env.LOG_LEVEL ?? 'info',
      // Logs never carry credentials or one-time codes.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-gateway-secret"]', 'res.headers["set-cookie"]'],
    },
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  listening.url = url;
  const paymentJobs = startPaymentJobs({ db, policy, now, providers: payments.providers }, {
    reconcileAfterMs: 5 * 60 * 1000, everyMs: 60 * 1000,
    onError: (error) => app.log.error({ err: error }, 'payment reconciliation failed'),
  });
  const sms = startSmsSending({ db, now, url: smsc.url, sender: config.smsSender, logger: app.log.child({ component: 'sms' }) });

  // The sweep is idempotent and skips locked rows, so every Saxla process may run it.
  const sweep = async (): Promise<void> => {
    try {
      const at = now();
      const result = await sweepLifecycle({ db, policy }, at);
      const appointmentReminders = await remindAppointments({ db }, at);
      if (result.total + result.reminders + result.notices + appointmentReminders > 0) {
        app.log.info({ moved: result.moved, reminders: result.reminders, notices: result.notices, appointmentReminders }, 'lifecycle sweep');
      }
    } catch (error) {
      app.log.error({ err: error }, 'lifecycle sweep failed');
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), SWEEP_EVERY_MS);
  timer.unref();

  const lines = [
    '',
    `  Saxla is running at ${url}/`,
    `  database: ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}; policy ${policy.version}`,
    `  API: ${url}/api/v1/openapi.json`,
    `  demo lines: ${demoLines.map((l) => l.msisdn).join(', ')}`,
    `  demo customer: log in at ${url}/ with ${demoCustomer.msisdn} and password ${demoCustomer.password}`,
    demoStaff
      ? `  staff console: ${url}/staff, demo manager ${DEMO_STAFF.phone} (${DEMO_STAFF.storeId}), one-time password ${demoStaff.initialPassword}, authenticator secret ${demoStaff.totpSecret} (shown on this first start only)`
      : `  staff console: ${url}/staff; more accounts from a manager's Team page or \`npx saxla create-staff --role agent --store <id> --phone <number>\``,
    smsc.demoPhone ? `  SMS: in-process SMSC simulator; what each number receives: ${url}/demo-phone` : `  SMS: the SMSC at ${new URL(smsc.url).host} (SMPP_URL)`,
  ];
  for (const [name, value] of Object.entries(config.generated)) {
    lines.push(`  ${name} (generated, shown once): ${value}`);
  }
  // Straight to the terminal, not the logger: generated secrets must never reach log files.
  process.stdout.write(`${lines.join('\n')}\n\n`);

  const shutdown = async (signal: string): Promise<void> => {
    app.log.info({ signal }, 'shutting down');
    clearInterval(timer);
    paymentJobs.stop();
    await sms.stop();
    await smsc.close();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
