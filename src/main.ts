// The one place that reads the real clock, builds dependencies and starts everything.
// `saxla serve [--workers N] | work | backup FILE | restore FILE | migrate | seed-demo | import-lines FILE.csv | sweep [--at ISO] | create-staff | create-api-key`.
import { readFileSync } from 'node:fs';
import { instantFromEpochMs, parseInstant, type Instant } from './domain/calendar.ts';
import { isDomainError } from './domain/errors.ts';
import { loadConfig, type Config } from './config.ts';
import type { Database } from './db/database.ts';
import { openConfiguredDatabase } from './db/open-database.ts';
import { installPolicy, readPolicy } from './services/install-policy.ts';
import { importLines } from './services/import-lines.ts';
import { describeCatalogImport, importCatalog } from './services/import-catalog.ts';
import { describeStoresImport, importStoresCsv } from './services/import-stores.ts';
import { seedDemo } from './services/seed-demo.ts';
import { remindAppointments } from './services/remind-appointments.ts';
import { sweepLifecycle } from './services/sweep-lifecycle.ts';
import { createStaffFromCli } from './services/create-staff-cli.ts';
import { createApiKeyFromCli } from './services/api-keys.ts';
import { backupEmbedded, restoreEmbedded } from './db/embedded-backup.ts';
import { startServer } from './server.ts';
import { startWork } from './work.ts';

const now = (): Instant => instantFromEpochMs(Date.now());

async function withDatabase<T>(config: Config, command: string, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openConfiguredDatabase(config, command);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

function usage(): never {
  console.error('usage: saxla serve [--workers N] | work | backup FILE | restore FILE | migrate | seed-demo | import-lines FILE.csv | import-catalog FILE.json | import-stores FILE.csv | sweep [--at ISO-8601] | create-staff --role agent|support|manager|admin|marketing --store ID --phone NUMBER [--name NAME] | create-api-key --name NAME');
  process.exit(2);
}

async function run(argv: readonly string[]): Promise<void> {
  const [command, ...args] = argv;
  const config = loadConfig();
  const policy = readPolicy(config.policy);
  switch (command) {
    case 'serve':
    case undefined: {
      const at = args.indexOf('--workers');
      if (at < 0) {
        await startServer(config, policy, now);
        return;
      }
      const workers = Number(args[at + 1]);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64) usage();
      await startServer({ ...config, workers }, policy, now);
      return;
    }
    case 'work':
      await startWork(config, policy, now);
      return;
    case 'backup':
    case 'restore': {
      const file = args[0];
      if (!file) usage();
      if (config.databaseUrl) throw new Error(`${command} is for the embedded database; PostgreSQL is backed up with pg_dump or base backups and WAL archiving (README, "Backups")`);
      if (command === 'backup') {
        const done = await backupEmbedded(config.dataDir, file);
        console.log(`backed up ${config.dataDir} to ${file}: ${String(done.lines)} lines, ${String(Math.ceil(done.bytes / 1024))} KiB`);
      } else {
        const done = await restoreEmbedded(config.dataDir, file, new Date(now()).toISOString().replace(/[:.]/g, '-'));
        console.log(`restored ${file} into ${config.dataDir}: ${String(done.lines)} lines; ${done.migrated.length > 0 ? `brought up to date by ${done.migrated.join(', ')}` : 'already up to date'}${done.previous ? `; the database that was there is kept in ${done.previous}` : ''}`);
      }
      return;
    }
    case 'migrate':
      await withDatabase(config, 'migrate', async () => undefined);
      console.log('migrations applied');
      return;
    case 'seed-demo':
      if (config.mode === 'production') throw new Error('seed-demo is for demo mode: production holds only the operator\'s own data (import-catalog, import-stores, import-lines)');
      await withDatabase(config, 'seed-demo', async (db) => {
        await db.tx((sql) => installPolicy(sql, policy));
        const result = await seedDemo({ db, policy, now });
        console.log(`demo data: ${result.plans} plans, ${result.lines.created} lines created, ${result.lines.existing} already there`);
      });
      return;
    case 'import-lines': {
      const file = args[0];
      if (!file) usage();
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new Error(`cannot read ${file}`);
      }
      await withDatabase(config, 'import-lines', async (db) => {
        const result = await importLines({ db, policy, now }, text);
        console.log(`imported ${file}: ${result.created} lines created, ${result.existing} already there, ${result.reassigned} released numbers given to new holders`);
      });
      return;
    }
    case 'import-catalog':
    case 'import-stores': {
      // Each file is checked whole before anything is written; a problem exits 1 naming its place.
      const file = args[0];
      if (!file) usage();
      const text = readFileSync(file, 'utf8');
      await withDatabase(config, command, async (db) => {
        const summary = command === 'import-catalog'
          ? describeCatalogImport(await importCatalog({ db, now }, text))
          : describeStoresImport(await importStoresCsv({ db, now }, text));
        console.log(`imported ${file}: ${summary}`);
      });
      return;
    }
    case 'sweep': {
      const atIndex = args.indexOf('--at');
      const atText = atIndex >= 0 ? args[atIndex + 1] : undefined;
      if (atIndex >= 0 && !atText) usage();
      const at = atText ? parseInstant(atText) : now();
      await withDatabase(config, 'sweep', async (db) => {
        await db.tx((sql) => installPolicy(sql, policy));
        const result = await sweepLifecycle({ db, policy }, at);
        const appointmentReminders = await remindAppointments({ db }, at);
        console.log(`sweep as of ${result.day}: ${result.total} lines moved ${JSON.stringify(result.moved)}; SMS queued: ${result.reminders} reminders, ${result.notices} notices, ${appointmentReminders} appointment reminders`);
      });
      return;
    }
    case 'create-staff':
      await withDatabase(config, 'create-staff', async (db) => {
        // Straight to the terminal (never a logger): the password and TOTP secret are shown this once.
        process.stdout.write(await createStaffFromCli({ db, now, secret: config.secret }, args));
      });
      return;
    case 'create-api-key':
      await withDatabase(config, 'create-api-key', async (db) => {
        // Straight to standard output, never a logger: the key is shown this once, alone on the last line.
        process.stdout.write(await createApiKeyFromCli({ db, now }, args));
      });
      return;
    default:
      usage();
  }
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  if (isDomainError(error)) {
    console.error(`saxla: ${error.message} [${error.code}]`);
    for (const d of error.details.slice(0, 20)) console.error(`  - ${d.path ? `${d.path}: ` : ''}${d.message}`);
    if (error.details.length > 20) console.error(`  … and ${error.details.length - 20} more`);
  } else {
    console.error(`saxla: ${(error as Error).message}`);
  }
  process.exit(1);
}
