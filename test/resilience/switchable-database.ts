// A database the test can take away and bring back: while "down", every call fails the way pg
// fails when the server is not there (ECONNREFUSED), as during a PostgreSQL restart.
import type { Database, Sql } from '../../src/db/database.ts';

export interface SwitchableDatabase {
  readonly db: Database;
  down(): void;
  up(): void;
  /** Calls refused while down. */
  readonly refused: number;
}

export function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
}

export function switchable(inner: Database): SwitchableDatabase {
  let isDown = false;
  let refused = 0;
  const gate = async (): Promise<void> => {
    if (!isDown) return;
    refused += 1;
    throw connectionRefused();
  };
  const db: Database = {
    engine: inner.engine,
    async query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]> {
      await gate();
      return inner.query<Row>(text, params);
    },
    async exec(script: string): Promise<void> {
      await gate();
      await inner.exec(script);
    },
    async queryAndCommit<Row>(text: string, params?: readonly unknown[]): Promise<Row[]> {
      await gate();
      return inner.queryAndCommit<Row>(text, params);
    },
    async tx<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      await gate();
      return inner.tx(work);
    },
    async tryExclusiveLock(key: number) {
      await gate();
      return inner.tryExclusiveLock(key);
    },
    close: () => inner.close(),
  };
  return {
    db,
    down: () => { isDown = true; },
    up: () => { isDown = false; },
    get refused() { return refused; },
  };
}
