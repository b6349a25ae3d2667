// PostgreSQL through a pg.Pool: the system of record when DATABASE_URL is set.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { DATE_OID, INT8_OID, isRetryable, parseDateAsText, parseInt8, type Database, type Sql } from './database.ts';

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

export async function openPostgres(connectionString: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Nothing to do here.
  });
  // Fail fast with a clear error when the server is not there.
  await pool.query('select 1');

  const asSql = (client: pg.Pool | pg.PoolClient): Sql => ({
    async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
      // Named statements are parsed and planned once per connection instead of on every call;
      // Saxla's SQL texts are constants, so the set of names stays small.
      const result = await client.query({ name: statementName(text), text, values: params as unknown[] });
      return result.rows as Row[];
    },
    async exec(script: string): Promise<void> {
      await client.query(script);
    },
  });

  return {
    engine: 'postgres',
    ...asSql(pool),
    async tx<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const result = await work(asSql(client));
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          if (attempt < MAX_ATTEMPTS && isRetryable(error)) continue;
          throw error;
        } finally {
          client.release();
        }
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
