// `saxla backup FILE` and `saxla restore FILE` for the embedded database: a consistent copy of the
// whole PGlite data folder (a gzipped tarball, PGlite's own dumpDataDir format) taken while no
// Saxla process writes to it (the data-dir lock), and a restore that keeps the database it replaces
// beside it and migrates an older copy up to this version of Saxla.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../domain/errors.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';

export interface BackupSummary {
  readonly bytes: number;
  readonly lines: number;
}

async function countLines(db: { query<Row>(text: string): Promise<Row[]> }): Promise<number> {
  const exists = await db.query<{ present: boolean }>(`select to_regclass('lines') is not null as present`);
  if (!exists[0]?.present) return 0;
  return Number((await db.query<{ n: number }>('select count(*)::int8 as n from lines'))[0]?.n ?? 0);
}

export async function backupEmbedded(dataDir: string, file: string): Promise<BackupSummary> {
  const pgdata = join(dataDir, 'pgdata');
  if (!existsSync(pgdata)) throw new DomainError('NOT_FOUND', `there is no embedded database in ${dataDir} to back up`);
  const lock = acquireDataDirLock(dataDir, 'backup');
  try {
    const db = await openPglite({ dataDir: pgdata });
    try {
      const lines = await countLines(db);
      const dump = await db.pglite.dumpDataDir('gzip');
      const bytes = Buffer.from(await dump.arrayBuffer());
      // Written aside and renamed: a backup interrupted half-way never looks like a whole one.
      const partial = `${file}.partial`;
      writeFileSync(partial, bytes, { mode: 0o600 });
      renameSync(partial, file);
      return { bytes: bytes.length, lines };
    } finally {
      await db.close();
    }
  } finally {
    lock.release();
  }
}

export interface RestoreSummary {
  readonly lines: number;
  /** Migrations the restored copy needed to reach this version of Saxla. */
  readonly migrated: readonly string[];
  /** Where the database that was there before now is (undefined: there was none). */
  readonly previous: string | undefined;
}

export async function restoreEmbedded(dataDir: string, file: string, stamp: string): Promise<RestoreSummary> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new DomainError('NOT_FOUND', `cannot read ${file}`);
  }
  // gzip's magic number: anything else is not a backup, and nothing is touched.
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new DomainError('VALIDATION_FAILED', `${file} is not a Saxla backup (made by saxla backup: a gzipped PGlite data folder)`);
  }
  const lock = acquireDataDirLock(dataDir, 'restore');
  const pgdata = join(dataDir, 'pgdata');
  const previous = existsSync(pgdata) ? join(dataDir, `pgdata.before-restore-${stamp}`) : undefined;
  try {
    if (previous) renameSync(pgdata, previous);
    try {
      const db = await openPglite({ dataDir: pgdata, loadDataDir: new Blob([bytes]) });
      try {
        const migrated = await migrate(db);
        return { lines: await countLines(db), migrated, previous };
      } finally {
        await db.close();
      }
    } catch (error) {
      // A copy that does not open leaves the database that was there in its place.
      rmSync(pgdata, { recursive: true, force: true });
      if (previous) renameSync(previous, pgdata);
      throw new DomainError('VALIDATION_FAILED', `${file} could not be restored (${error instanceof Error ? error.message : String(error)}); the database in ${dataDir} is unchanged`);
    }
  } finally {
    lock.release();
  }
}
