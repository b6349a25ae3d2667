// A fresh, migrated database for one test file: PGlite (default) or PostgreSQL when
// SAXLA_TEST_DB=postgres. PGlite starts from a migrated snapshot cached on disk, since creating
// an instance from scratch costs seconds; PostgreSQL gets a new database that is dropped after.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/database.ts';
import { migrate, schemaFingerprint } from '../../src/db/migrate.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { openPostgres } from '../../src/db/postgres.ts';

export const testEngine: 'pglite' | 'postgres' = process.env.SAXLA_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
export const postgresAdminUrl = process.env.SAXLA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function snapshotPath(): Promise<string> {
  const digest = (await schemaFingerprint()).slice(0, 16);
  return join(tmpdir(), 'saxla-test-snapshots', `pglite-${digest}.tar`);
}

async function openPgliteFromSnapshot(): Promise<Database> {
  const path = await snapshotPath();
  if (existsSync(path)) {
    return openPglite({ loadDataDir: new Blob([readFileSync(path)]) });
  }
  const db = await openPglite();
  await migrate(db);
  const dump = await db.pglite.dumpDataDir('none');
  mkdirSync(join(tmpdir(), 'saxla-test-snapshots'), { recursive: true });
  // Written aside and renamed, so parallel test files never read half a snapshot.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, path);
  return db;
}

export interface TestDatabase {
  readonly db: Database;
  /** For tests that start a second process against the same PostgreSQL database. */
  readonly url: string | undefined;
  close(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (testEngine === 'pglite') {
    const db = await openPgliteFromSnapshot();
    return { db, url: undefined, close: () => db.close() };
  }
  const name = `saxla_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(postgresAdminUrl, { max: 1 });
  await admin.query(`create database ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString(), { max: 20 });
  await migrate(db);
  return {
    db,
    url: url.toString(),
    async close() {
      await db.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}
