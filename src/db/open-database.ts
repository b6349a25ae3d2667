// Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in
// SAXLA_DATA_DIR under the data-dir lock. Migrations run on every open (once, under a lock).
import { join } from 'node:path';
import { isConnectionError, type Database } from './database.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export interface OpenOptions {
  /**
   * The server waits for a PostgreSQL that is not there yet (a restart, a failover, both started
   * together) instead of exiting; a one-off command fails at once. Called before each retry.
   */
  readonly waitForDatabase?: (attempt: number, error: unknown, retryInMs: number) => void;
}

async function openPostgresAndMigrate(url: string): Promise<Database> {
  const db = await openPostgres(url, { max: 20 });
  try {
    await migrate(db);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

export async function openConfiguredDatabase(config: { databaseUrl: string | undefined; dataDir: string }, command: string, options: OpenOptions = {}): Promise<Database> {
  if (config.databaseUrl) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await openPostgresAndMigrate(config.databaseUrl);
      } catch (error) {
        if (!options.waitForDatabase || !isConnectionError(error)) throw error;
        const retryInMs = Math.min(5000, 250 * 2 ** Math.min(attempt, 5));
        options.waitForDatabase(attempt, error, retryInMs);
        await new Promise((resolve) => setTimeout(resolve, retryInMs));
      }
    }
  }
  const lock = acquireDataDirLock(config.dataDir, command);
  try {
    const db = await openPglite({ dataDir: join(config.dataDir, 'pgdata') });
    await migrate(db);
    return {
      ...db,
      async close() {
        await db.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
