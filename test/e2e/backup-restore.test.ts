// `saxla backup` and `restore` as an operator uses them: a copy of an embedded database made by an
// older Saxla (only its first migrations applied) is restored into another folder and brought up
// to date; a file that is not a backup changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMigrations } from '../../src/db/migrate.ts';
import { openPglite } from '../../src/db/pglite.ts';

// Each command starts Node and opens (and migrates) an embedded database: minutes on a busy machine.
const SLOW_CLI_MS = 900_000;
const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const saxla = (dataDir: string, ...args: string[]) => spawnSync(process.execPath, [main, ...args], {
  env: { ...process.env, SAXLA_DATA_DIR: dataDir, DATABASE_URL: '', SAXLA_ADMIN_TOKEN: 'backup-test-admin-token' }, encoding: 'utf8', timeout: 300_000,
});

/** An embedded database as Saxla left it some versions ago: the first `count` migrations, one line. */
async function olderDatabase(dataDir: string, count: number): Promise<void> {
  const db = await openPglite({ dataDir: join(dataDir, 'pgdata') });
  try {
    await db.exec(`create table schema_migrations (version text primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())`);
    for (const m of (await loadMigrations()).slice(0, count)) {
      await db.exec(m.sql);
      await db.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, m.checksum]);
    }
    await db.query(`insert into lines (msisdn, iccid, status, balance, valid_until, language, status_changed_at, created_at, updated_at)
      values ('+994501110001', '8999400000000000011', 'active', 500, '2027-01-31', 'az', now(), now(), now())`);
  } finally {
    await db.close();
  }
}

test('an older backup restores into another folder, is migrated up, and keeps its line', { timeout: SLOW_CLI_MS }, async () => {
  const older = mkdtempSync(join(tmpdir(), 'saxla-old-'));
  await olderDatabase(older, 8);
  const file = join(older, 'saxla.backup');
  const backup = saxla(older, 'backup', file);
  assert.equal(backup.status, 0, backup.stderr);
  assert.match(backup.stdout, /1 lines/);

  const target = mkdtempSync(join(tmpdir(), 'saxla-new-'));
  assert.equal(saxla(target, 'migrate').status, 0); // an empty, current database to be replaced
  const restored = saxla(target, 'restore', file);
  assert.equal(restored.status, 0, restored.stderr);
  assert.match(restored.stdout, /1 lines; brought up to date by 0009_/);
  assert.match(restored.stdout, /kept in .*pgdata\.before-restore-/);

  const db = await openPglite({ dataDir: join(target, 'pgdata') });
  try {
    const applied = await db.query<{ n: number }>('select count(*)::int8 as n from schema_migrations');
    assert.equal(applied[0]?.n, (await loadMigrations()).length);
    const line = await db.query<{ balance: number; valid_until: string }>(`select balance, valid_until from lines where msisdn = '+994501110001'`);
    assert.deepEqual(line, [{ balance: 500, valid_until: '2027-01-31' }]);
  } finally {
    await db.close();
  }
});

test('a file that is not a backup is refused and the database stays', { timeout: SLOW_CLI_MS }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'saxla-keep-'));
  assert.equal(saxla(dataDir, 'migrate').status, 0);
  const junk = join(dataDir, 'junk.bin');
  writeFileSync(junk, 'not a backup at all');
  const refused = saxla(dataDir, 'restore', junk);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /not a Saxla backup/);
  assert.ok(existsSync(join(dataDir, 'pgdata')));
  assert.equal(saxla(dataDir, 'migrate').status, 0);
});

test('backup and restore name the way for PostgreSQL instead of acting on it', { timeout: SLOW_CLI_MS }, () => {
  const result = spawnSync(process.execPath, [main, 'backup', '/tmp/x'], { env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, encoding: 'utf8', timeout: 120_000 });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /pg_dump/);
});
