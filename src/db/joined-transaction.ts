// A Database whose tx() joins a transaction that is already open, so a service written to open its
// own transactions can run as one step of a larger one (a counter sale claims its idempotency key,
// then prices and opens the order, all or nothing). Only for work that makes no remote call while
// the transaction is open; a failure inside aborts the owner's transaction.
import type { Database, Sql } from './database.ts';

export function joinTransaction(sql: Sql, engine: Database['engine']): Database {
  return {
    engine,
    query: <Row>(text: string, params?: readonly unknown[]) => sql.query<Row>(text, params),
    exec: (script: string) => sql.exec(script),
    queryAndCommit: <Row>(text: string, params?: readonly unknown[]) => sql.query<Row>(text, params),
    // The owner's transaction is not this work's to commit: its last statement is an ordinary one.
    tx: <T>(work: (inner: Sql) => Promise<T>) => work({ ...sql, queryAndCommit: sql.query.bind(sql) }),
    tryExclusiveLock: async () => {
      throw new Error('a joined transaction takes no locks of its own');
    },
    close: async () => {
      throw new Error('a joined transaction is ended by the code that opened it');
    },
  };
}
