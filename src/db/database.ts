// One small interface over both engines: PostgreSQL (pg.Pool) for production and scale-out,
// PGlite (embedded PostgreSQL) for zero set-up. Both return the same JS types: int8 → number
// (refusing values past 2^53), date → "YYYY-MM-DD", timestamptz → Date.

export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements at once, no parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Database extends Sql {
  readonly engine: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction and retries it on serialization failures and deadlocks.
   * Inside `work`, use only the `sql` handed in: on PGlite a query through the outer handle
   * waits for this transaction to end, which never happens.
   */
  tx<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const INT8_OID = 20;
export const DATE_OID = 1082;

/** int8 as a JS number, refusing anything that would lose precision. */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 ${text} does not fit a safe JS integer`);
  return value;
}

export function parseDateAsText(text: string): string {
  return text;
}

const retryableCodes = new Set(['40001', '40P01']);

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && retryableCodes.has(code);
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
