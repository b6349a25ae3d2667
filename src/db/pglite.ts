// Embedded PostgreSQL (PGlite): one connection, one queue. Transactions are serialised by
// PGlite itself, so a query made outside the open transaction waits for it; services never do so.
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { requestIdSetting } from '../request-context.ts';
import { inSpan, SpanKind } from '../tracing.ts';
import { parseDateAsText, parseInt8, type Database, type HeldLock, type Sql } from './database.ts';

export interface PgliteOptions {
  /** Folder for the data; undefined keeps everything in memory (tests). */
  readonly dataDir?: string;
  /** A tarball made by dumpDataDir to start from (tests: migrations applied once). */
  readonly loadDataDir?: Blob;
}

export async function openPglite(options: PgliteOptions = {}): Promise<Database & { readonly pglite: PGlite }> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [pgliteTypes.INT8]: parseInt8, [pgliteTypes.DATE]: parseDateAsText },
  });

  const asSql = (runner: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    query: <Row>(text: string, params?: readonly unknown[]) => query<Row>(runner, text, params),
    // PGlite commits when the transaction's work returns; one process, no round trip to save.
    queryAndCommit: <Row>(text: string, params?: readonly unknown[]) => query<Row>(runner, text, params),
    async exec(script: string): Promise<void> {
      await runner.exec(script);
    },
  });
  const query = async <Row>(runner: Pick<PGlite, 'query'>, text: string, params: readonly unknown[] = []): Promise<Row[]> => {
    const result = await runner.query<Row>(text, params as unknown[]);
    return result.rows;
  };

  return {
    engine: 'pglite',
    pglite,
    ...asSql(pglite),
    // One owner process (the data-dir lock): whoever asks holds it, for as long as the database is open.
    tryExclusiveLock: async (): Promise<HeldLock> => ({ lost: new Promise<void>(() => undefined), release: async () => undefined }),
    tx<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      return inSpan('db.transaction', SpanKind.CLIENT, { 'db.system.name': 'pglite' }, () => pglite.transaction(async (tx) => {
        const setting = requestIdSetting();
        if (setting) await tx.query(setting);
        return work(asSql(tx));
      }));
    },
    async close(): Promise<void> {
      await pglite.close();
    },
  };
}
