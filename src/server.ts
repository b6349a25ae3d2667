// `saxla serve`: the HTTP server with the periodic work, on the configured database. With
// SAXLA_WORKERS (or --workers) above 1, a primary process prepares the database, runs the periodic
// work and the SMS sender, and forks that many HTTP workers sharing the one port (node:cluster).
import cluster from 'node:cluster';
import { createServer } from 'node:net';
import type { Logger } from 'pino';
import type { Instant } from './domain/calendar.ts';
import type { ValidityPolicy } from './domain/policy.ts';
import { defaultBaseUrl, type Config } from './config.ts';
import { buildApp } from './channels/http/build-app.ts';
import { prepareDemo, type DemoWelcome } from './services/prepare-demo.ts';
import { startSmsc } from './sms-runtime.ts';
import { createLogger, onShutdown, openRuntime, startBackgroundWork, type Runtime } from './runtime.ts';
import type { DemoPhoneInbox } from './channels/http/routes/demo-phone.ts';

export async function startServer(given: Config, policy: ValidityPolicy, now: () => Instant): Promise<void> {
  const config = cluster.isPrimary ? await withChosenPort(given) : given;
  if (config.workers > 1) {
    if (cluster.isPrimary) return startPrimary(config, policy, now);
    return startHttpWorker(config, policy, now);
  }
  const log = createLogger();
  const runtime = await openRuntime(config, policy, now, log, 'serve');
  // Production never seeds: it starts empty and the operator imports its own catalogue and stores.
  const demo: DemoWelcome | undefined = config.mode === 'demo' ? await prepareDemo({ db: runtime.db, policy, now, secret: config.secret }) : undefined;
  const smsc = await startSmsc(config.smppUrl, config.mode);
  const { app, url } = await listen(config, policy, now, runtime, log, smsc.demoPhone);
  const background = startBackgroundWork(runtime, config, now, smsc.url, log);
  // The sweep's first pass before the welcome; the payment jobs' may wait on a provider, so not those.
  await background.firstSweep;

  app.log.info({ mode: config.mode, url, database: config.databaseUrl ? 'postgres' : 'pglite', policy: policy.version }, `Saxla is running in ${config.mode} mode`);
  // The console (standard error), never standard output, which carries the JSON log: what a
  // person starting Saxla needs to read, and the secrets generated on this start in a block of their own.
  process.stderr.write(welcomeText(config, policy, url, smsc.demoPhone !== undefined, demo));

  onShutdown(log, async () => {
    await background.stop();
    await smsc.close();
    await app.close();
    await runtime.close();
  });
}

async function listen(config: Config, policy: ValidityPolicy, now: () => Instant, runtime: Runtime, log: Logger, demoPhone: DemoPhoneInbox | undefined) {
  const app = await buildApp({
    mode: config.mode,
    counterPayments: runtime.counterPayments, useCases: runtime.useCases,
    policy, now, adminToken: config.adminToken, baseUrl: config.baseUrl, payments: runtime.payments,
    ...(config.ussdGatewaySecret ? { ussdGatewaySecret: config.ussdGatewaySecret } : {}),
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    ...(demoPhone ? { demoPhone } : {}),
    ...(config.mapTileUrl ? { mapTileUrl: config.mapTileUrl } : {}),
    ...(config.callCentrePhone ? { callCentrePhone: config.callCentrePhone } : {}),
    smsSender: config.smsSender,
  }, {
    ...(config.trustProxy ? { trustProxy: config.trustProxy } : {}),
    loggerInstance: log,
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  runtime.listening.url = url;
  return { app, url };
}

/**
 * PORT=0 asks the system for a free port. Saxla names itself (the official site on every page,
 * payment pages and their return addresses) before it listens, so the port is chosen first and
 * the default base URL names it, never ":0". SAXLA_BASE_URL, when set, is kept as it is.
 */
async function withChosenPort(config: Config): Promise<Config> {
  if (config.port !== 0) return config;
  const port = await freePort(config.host);
  return { ...config, port, baseUrl: config.baseUrlGiven ? config.baseUrl : defaultBaseUrl(config.host, port) };
}

function freePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host }, () => {
      const address = probe.address();
      probe.close(() => {
        if (typeof address === 'object' && address) resolvePort(address.port);
        else reject(new Error(`no free port on ${host}`));
      });
    });
  });
}

/** The cluster's primary: database, demo data and background work here; HTTP in the workers. */
async function startPrimary(config: Config, policy: ValidityPolicy, now: () => Instant): Promise<void> {
  // The embedded database has one owner process, and the simulator's demo phone lives in one.
  if (!config.databaseUrl) throw new Error('several HTTP workers need PostgreSQL (DATABASE_URL): the embedded database belongs to one process');
  if (!config.smppUrl) throw new Error('several HTTP workers need the SMSC in SMPP_URL: the simulator and its demo phone live in one process');
  const log = createLogger().child({ process: 'primary' });
  const runtime = await openRuntime(config, policy, now, log, 'serve');
  const demo = config.mode === 'demo' ? await prepareDemo({ db: runtime.db, policy, now, secret: config.secret }) : undefined;
  // The workers read the same settings; what this start generated goes to them, not made anew.
  const env = { ...config.generated, SAXLA_WORKERS: String(config.workers), PORT: String(config.port) };
  let stopping = false;
  const ports: number[] = [];
  const fork = (): void => {
    const worker = cluster.fork(env);
    worker.on('listening', (address) => ports.push(address.port));
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    log.error({ pid: worker.process.pid, code, signal }, 'an HTTP worker died; starting another');
    fork();
  });
  const allListening = new Promise<number>((resolve) => {
    cluster.on('listening', () => { if (ports.length >= config.workers) resolve(ports[0] ?? config.port); });
  });
  for (let i = 0; i < config.workers; i++) fork();
  const port = await allListening;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  runtime.listening.url = url;
  const background = startBackgroundWork(runtime, config, now, config.smppUrl, log);
  await background.firstSweep;
  log.info({ mode: config.mode, url, workers: config.workers, database: 'postgres', policy: policy.version }, `Saxla is running in ${config.mode} mode`);
  process.stderr.write(welcomeText(config, policy, url, false, demo));
  onShutdown(log, async () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    await background.stop();
    await runtime.close();
  });
}

/** An HTTP worker: the app on the shared port; no periodic work (the primary runs it). */
async function startHttpWorker(config: Config, policy: ValidityPolicy, now: () => Instant): Promise<void> {
  const log = createLogger().child({ process: `worker ${String(cluster.worker?.id ?? '?')}` });
  const runtime = await openRuntime(config, policy, now, log, 'serve');
  const { app } = await listen(config, policy, now, runtime, log, undefined);
  onShutdown(log, async () => {
    await app.close();
    await runtime.close();
  });
}

const SECRETS_RULE = '-----';

function welcomeText(config: Config, policy: ValidityPolicy, url: string, simulatedSmsc: boolean, demo: DemoWelcome | undefined): string {
  const lines = [
    '',
    `  Saxla is running at ${url}/ (${config.mode} mode${config.workers > 1 ? `, ${String(config.workers)} HTTP workers` : ''})`,
    `  database: ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}; policy ${policy.version}`,
    `  API: ${url}/api/v1/openapi.json`,
    ...(demo ? demo.lines(url) : [`  staff console: ${url}/staff (accounts: npx saxla create-staff --role admin --store <id> --phone <number>)`]),
    simulatedSmsc ? `  SMS: in-process SMSC simulator; what each number receives: ${url}/demo-phone` : `  SMS: the SMSC at ${new URL(config.smppUrl ?? 'smpp://-').host} (SMPP_URL)`,
    '',
  ];
  const secrets = { ...config.generated, ...demo?.secrets };
  // One framed block, NAME=value lines only inside (ready for an .env file): on a terminal the JSON
  // log that follows on standard output must not read as part of it.
  if (Object.keys(secrets).length > 0) {
    lines.push(`${SECRETS_RULE} generated on this first start, shown only now: keep them ${SECRETS_RULE}`);
    for (const [name, value] of Object.entries(secrets)) lines.push(`${name}=${value}`);
    lines.push(`${SECRETS_RULE} end of the generated secrets ${SECRETS_RULE}`, '');
  }
  return `${lines.join('\n')}\n`;
}
