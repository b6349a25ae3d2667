// Applies src/db/migrations/NNNN_*.sql in order, each once, under an advisory lock so that
// several Saxla processes starting together against one PostgreSQL migrate exactly once; then
// fills the vocabulary lookup tables from the code's lists.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';
import { fillVocabularyTables, vocabularyTables } from './vocabulary-tables.ts';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
// An arbitrary constant: "saxla" in ASCII, as the advisory-lock key every process agrees on.
const MIGRATION_LOCK_KEY = 0x7361786c61;

export interface Migration {
  readonly version: string;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

/**
 * What a migrated database holds: the migrations and the vocabulary lists filled after them. A
 * cached migrated copy (the tests' PGlite snapshot) is valid only while this stays the same.
 */
export async function schemaFingerprint(): Promise<string> {
  const migrations = await loadMigrations();
  return createHash('sha256').update(migrations.map((m) => m.checksum).join()).update(JSON.stringify(vocabularyTables)).digest('hex');
}

export async function loadMigrations(): Promise<Migration[]> {
  const files = (await readdir(migrationsDir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(files.map(async (file) => {
    const sql = await readFile(migrationsDir + file, 'utf8');
    return { version: file.slice(0, 4), name: file.slice(5, -4), sql, checksum: createHash('sha256').update(sql).digest('hex') };
  }));
}

export async function migrate(db: Database): Promise<string[]> {
  const migrations = await loadMigrations();
  return db.tx(async (sql) => {
    // Transaction-scoped: released at commit, even if this process dies.
    await sql.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await sql.query(`create table if not exists schema_migrations (
      version text primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`);
    const applied = new Map((await sql.query<{ version: string; checksum: string }>('select version, checksum from schema_migrations'))
      .map((r) => [r.version, r.checksum]));
    const done: string[] = [];
    for (const m of migrations) {
      const checksum = applied.get(m.version);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) throw new Error(`migration ${m.version}_${m.name} changed after it was applied; add a new migration instead`);
        continue;
      }
      await sql.exec(m.sql);
      await sql.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, m.checksum]);
      done.push(`${m.version}_${m.name}`);
    }
    // Every start, not only after a new migration: a value added to a vocabulary in code reaches
    // the lookup tables with no SQL written for it.
    await fillVocabularyTables(sql);
    return done;
  });
}
