// PostgreSQL through a pg.Pool: the system of record when DATABASE_URL is set. DATABASE_URL may
// name several hosts (libpq's form, e.g. from pg_auto_failover's `show uri`): the pool lives on the
// one that accepts writes and moves after a failover (postgres-hosts.ts).
import { createHash } from 'node:crypto';
import pg from 'pg';
import { DATE_OID, INT8_OID, isConnectionError, isRetryable, parseDateAsText, parseInt8, type Database, type HeldLock, type Sql } from './database.ts';
import { findWritableHost, parseHostTargets } from './postgres-hosts.ts';
import { requestIdSetting } from '../request-context.ts';
import { inSpan, SpanKind } from '../tracing.ts';

const MAX_ATTEMPTS = 5;

const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `saxla_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

// Per-pool parsers (not the global pg.types) so nothing else in the process is affected.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return parseInt8;
    if (oid === DATE_OID) return parseDateAsText;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** The primary refused a write because it is (now) a standby: SQLSTATE 25006, read_only_sql_transaction. */
function isReadOnlyRefusal(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '25006';
}

export interface PostgresOptions {
  readonly max?: number;
  /** How long a request waits for a connection (a new one, or a free one from a busy pool) before it fails. */
  readonly connectionTimeoutMillis?: number;
}

export async function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Database> {
  const connectTimeoutMs = options.connectionTimeoutMillis ?? 5000;
  const targets = parseHostTargets(connectionString);
  const newPool = (url: string): pg.Pool => {
    const created = new pg.Pool({
      connectionString: url, max: options.max ?? 10, types,
      // Statements queued on one connection are written at once and answered in order, instead of
      // one round trip each: tx() sends `begin` together with the transaction's first statement.
      pipeline: true,
      // A request never waits forever for a database that is away: it fails and gets a 503.
      connectionTimeoutMillis: connectTimeoutMs,
      // A peer that vanished without closing (a cut network) is noticed instead of waited on.
      keepAlive: true, keepAliveInitialDelayMillis: 10_000,
    });
    created.on('error', () => {
      // An idle client lost its connection; the pool has already dropped it and the next request
      // opens a new one. The outage itself reaches callers as their own query's error.
    });
    created.on('connect', (client) => {
      // pg emits 'error' on a client whose connection dies even while a query of it is failing with
      // the same error, and pg-pool listens only while the client is idle: without this, a
      // database restart under load kills the process. The error reaches the caller through the
      // failed query (or the next one: "not queryable"), and tx() drops the broken client.
      client.on('error', () => undefined);
    });
    return created;
  };
  let currentUrl = await findWritableHost(targets, connectTimeoutMs);
  let pool = newPool(currentUrl);
  // Fail fast with a clear error when the server is not there.
  await pool.query('select 1');

  // After a failover the old primary is gone or read-only: find the writable host again (one search
  // at a time) and move to a fresh pool there. Requests in between fail as an outage (503) and
  // their callers' idempotency keys make the retry safe.
  let search: Promise<void> | undefined;
  const lookAgain = (error: unknown): void => {
    if (!targets.needsPrimary || search) return;
    if (!isConnectionError(error) && !isReadOnlyRefusal(error)) return;
    search = findWritableHost(targets, connectTimeoutMs).then((url) => {
      if (url === currentUrl) return;
      const old = pool;
      currentUrl = url;
      pool = newPool(url);
      void old.end().catch(() => undefined);
    }, () => undefined).finally(() => { search = undefined; });
  };

  const asSql = (client: () => pg.Pool | pg.PoolClient): Pick<Sql, 'query' | 'exec'> => ({
    async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
      // Named statements are parsed and planned once per connection instead of on every call;
      // Saxla's SQL texts are constants, so the set of names stays small.
      try {
        const result = await client().query({ name: statementName(text), text, values: params as unknown[] });
        return result.rows as Row[];
      } catch (error) {
        lookAgain(error);
        throw error;
      }
    },
    async exec(script: string): Promise<void> {
      try {
        await client().query(script);
      } catch (error) {
        lookAgain(error);
        throw error;
      }
    },
  });
  const poolSql = asSql(() => pool);
  const outsideTransaction: Sql = { ...poolSql, queryAndCommit: poolSql.query };

  /** A transaction's handle: its statements, and the last one sent with the commit (`ended` says so). */
  const inTransaction = (client: pg.PoolClient): Sql & { readonly ended: () => boolean; readonly committed: () => boolean } => {
    const base = asSql(() => client);
    let ended = false;
    let committed = false;
    const refuseAfterCommit = (): void => {
      if (ended) throw new Error('a statement after the transaction was committed');
    };
    return {
      async query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]> {
        refuseAfterCommit();
        return base.query<Row>(text, params);
      },
      async exec(script: string): Promise<void> {
        refuseAfterCommit();
        await base.exec(script);
      },
      async queryAndCommit<Row>(text: string, params?: readonly unknown[]): Promise<Row[]> {
        refuseAfterCommit();
        ended = true;
        // Written together (the connection pipelines) and answered in order. If the statement
        // fails, PostgreSQL answers the commit of the aborted transaction with ROLLBACK, no error.
        const rows = base.query<Row>(text, params);
        const commit = client.query('commit');
        commit.catch(() => undefined);
        const result = await rows;
        const done = await commit;
        if (done.command !== 'COMMIT') throw new Error(`the transaction ended with ${done.command}, not COMMIT`);
        committed = true;
        return result;
      },
      ended: () => ended,
      committed: () => committed,
    };
  };

  const transaction = async <T>(work: (sql: Sql) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      // A connection that cannot be had fails here, before anything was sent.
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        lookAgain(error);
        throw error;
      }
      let broken = false;
      let sql: ReturnType<typeof inTransaction> | undefined;
      try {
        // The transaction and the id of the request it serves (for sms_outbox.request_id), with no
        // round trip of its own: the connection pipelines (pipeline: true below), so `begin` goes
        // out and the work's first statement follows it at once, answered in order. `begin` fails
        // only with the connection, which fails the statement behind it too; awaited before commit.
        const setting = requestIdSetting();
        // `begin` and the work's first statement leave in one write: a write that wakes the
        // server costs more than the bytes in it (measured: bench/http.ts, top-ups).
        const socket = client.connection.stream;
        socket.cork();
        process.nextTick(() => socket.uncork());
        const begun = client.query(setting ? `begin; ${setting}` : 'begin');
        // Its failure is the connection's and is thrown by the await below (or first by the work's own query).
        begun.catch(() => undefined);
        sql = inTransaction(client);
        const result = await work(sql);
        await begun;
        if (!sql.ended()) await client.query('commit');
        return result;
      } catch (error) {
        // Committed with its last statement, then failed in code after it: what was written stays,
        // so nothing is rolled back or run again; the caller hears of the failure.
        if (sql?.committed()) throw error;
        lookAgain(error);
        if (isConnectionError(error)) {
          // The server is gone or ending this session: it rolls back by itself, and a commit in
          // flight may or may not have landed, so this is never retried here (callers' keys are).
          broken = true;
          throw error;
        }
        try {
          await client.query('rollback');
        } catch {
          // The first error is the one to report; a session that cannot roll back is not reused.
          broken = true;
        }
        if (!broken && attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
        throw error;
      } finally {
        // Released with the error, the pool closes a broken client instead of lending it again.
        client.release(broken);
      }
    }
  };

  return {
    engine: 'postgres',
    ...outsideTransaction,
    tx<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      return inSpan('db.transaction', SpanKind.CLIENT, { 'db.system.name': 'postgresql' }, () => transaction(work));
    },
    async tryExclusiveLock(key: number): Promise<HeldLock | undefined> {
      // Not a pool connection: the lock lives as long as this session, apart from any query's.
      const client = new pg.Client({ connectionString: currentUrl, keepAlive: true, keepAliveInitialDelayMillis: 10_000, connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000 });
      let markLost = (): void => undefined;
      const lost = new Promise<void>((resolve) => { markLost = resolve; });
      client.on('error', () => markLost());
      client.on('end', () => markLost());
      try {
        await client.connect();
        const [row] = (await client.query<{ held: boolean }>('select pg_try_advisory_lock($1) as held', [key])).rows;
        if (row?.held) return { lost, release: () => client.end().catch(() => undefined) };
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      await client.end();
      return undefined;
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
