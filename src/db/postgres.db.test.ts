// The pg pool through a lost connection: the server ending a session mid-transaction (as a restart
// does) fails that transaction with a connection error, never the process, and the next one works;
// and a transaction whose commit leaves with its last statement (both engines).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, testEngine, type TestDatabase } from '../../test/helpers/database.ts';
import { isConnectionError, type Database } from './database.ts';
import { joinTransaction } from './joined-transaction.ts';
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

describe('a transaction whose last statement carries its commit', () => {
  let testDb: TestDatabase;

  before(async () => {
    testDb = await openTestDatabase();
    await testDb.db.exec('create table commit_with_last (id int primary key, note text)');
  });
  after(async () => {
    await testDb.close();
  });

  const count = async (): Promise<number> => (await testDb.db.query<{ n: number }>('select count(*)::int8 as n from commit_with_last'))[0]?.n ?? -1;

  it('keeps everything the transaction wrote, answered with the last statement', async () => {
    const rows = await testDb.db.tx(async (sql) => {
      await sql.query('insert into commit_with_last values (1, $1)', ['first']);
      return sql.queryAndCommit<{ id: number }>('insert into commit_with_last values (2, $1) returning id', ['second']);
    });
    assert.deepEqual(rows, [{ id: 2 }]);
    assert.equal(await count(), 2);
  });

  it('keeps nothing when the last statement fails, and says why', async () => {
    await assert.rejects(testDb.db.tx(async (sql) => {
      await sql.query('insert into commit_with_last values (3, $1)', ['third']);
      await sql.queryAndCommit('insert into commit_with_last values (1, $1)', ['duplicate']);
    }), /duplicate key/);
    assert.equal(await count(), 2, 'the third row went with the failed transaction');
    // The connection is fine afterwards.
    assert.deepEqual(await testDb.db.tx((sql) => sql.query('select 1 as one')), [{ one: 1 }]);
  });

  it('refuses a statement after the commit went out', { skip }, async () => {
    await assert.rejects(testDb.db.tx(async (sql) => {
      await sql.queryAndCommit('insert into commit_with_last values (4, $1)', ['fourth']);
      await sql.query('insert into commit_with_last values (5, $1)', ['after']);
    }), /after the transaction was committed/);
    assert.equal(await count(), 3, 'what was committed stays; nothing after it was sent');
  });

  it('a failure after the commit went out is reported, not rolled back or run again', { skip }, async () => {
    const before = await count();
    let runs = 0;
    await assert.rejects(testDb.db.tx(async (sql) => {
      runs += 1;
      await sql.queryAndCommit('insert into commit_with_last values ($1, $2)', [100 + runs, 'kept']);
      // A serialization failure is normally retried; after the commit it must not be.
      throw Object.assign(new Error('failed after the commit'), { code: '40001' });
    }), /failed after the commit/);
    assert.equal(runs, 1);
    assert.equal(await count(), before + 1, 'what was committed stays');
  });

  it('inside a joined transaction it is an ordinary statement: the owner commits', async () => {
    const before = await count();
    await assert.rejects(testDb.db.tx(async (sql) => {
      await joinTransaction(sql, testDb.db.engine).tx((inner) => inner.queryAndCommit('insert into commit_with_last values (6, $1)', ['joined']));
      throw new Error('the owner gives up');
    }), /the owner gives up/);
    assert.equal(await count(), before, 'the joined work was not committed on its own');
  });
});
