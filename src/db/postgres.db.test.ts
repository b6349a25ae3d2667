// The pg pool through a lost connection: the server ending a session mid-transaction (as a restart
// does) fails that transaction with a connection error, never the process, and the next one works.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, testEngine, type TestDatabase } from '../../test/helpers/database.ts';
import { isConnectionError, type Database } from './database.ts';
import { openPostgres } from './postgres.ts';

const skip = testEngine !== 'postgres' ? 'PostgreSQL only (SAXLA_TEST_DB=postgres): PGlite has no connection to lose' : false;

describe('PostgreSQL pool when a session is cut', { skip }, () => {
  let testDb: TestDatabase;
  let db: Database;

  before(async () => {
    testDb = await openTestDatabase();
    db = await openPostgres(testDb.url ?? '', { max: 2 });
  });
  after(async () => {
    await db.close();
    await testDb.close();
  });

  it('a transaction whose session is terminated fails cleanly and the pool serves again', async () => {
    await assert.rejects(db.tx(async (sql) => {
      const [row] = await sql.query<{ pid: number }>('select pg_backend_pid() as pid');
      await testDb.db.query('select pg_terminate_backend($1)', [row?.pid]);
      // The server's goodbye arrives while no query of this client runs: pg emits 'error' on it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sql.query('select 1');
    }), (error: unknown) => {
      assert.ok(isConnectionError(error), `a connection error, got ${String(error)}`);
      return true;
    });
    // Both pooled connections are lent again: the broken one was dropped, not handed out.
    for (let i = 0; i < 4; i++) {
      assert.deepEqual(await db.tx((sql) => sql.query('select 1 as one')), [{ one: 1 }]);
    }
  });
});
