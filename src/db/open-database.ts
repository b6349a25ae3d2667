// Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in
// SAXLA_DATA_DIR under the data-dir lock. Migrations run on every open (once, under a lock).
import { join } from 'node:path';
import type { Database } from './database.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export async function openConfiguredDatabase(config: { databaseUrl: string | undefined; dataDir: string }, command: string): Promise<Database> {
  if (config.databaseUrl) {
    const db = await openPostgres(config.databaseUrl, { max: 20 });
    await migrate(db);
    return db;
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
