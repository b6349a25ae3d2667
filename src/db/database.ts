// One small interface over both engines: PostgreSQL (pg.Pool) for production and scale-out,
// PGlite (embedded PostgreSQL) for zero set-up. Both return the same JS types: int8 → number
// (refusing values past 2^53), date → "YYYY-MM-DD", timestamptz → Date.
import { isDomainError } from '../domain/errors.ts';

export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements at once, no parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * The transaction's last statement: on PostgreSQL its commit is sent with it, saving a round
   * trip (resolves once both are answered; rejects if either failed, and then nothing was kept).
   * Nothing may be sent through this handle after it, and the work should return right after it:
   * on PostgreSQL a failure after it no longer undoes anything. Outside a transaction of its own
   * (the pool, PGlite, a joined transaction) it is query().
   */
  queryAndCommit<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends Sql {
  readonly engine: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction and retries it on serialization failures and deadlocks.
   * Inside `work`, use only the `sql` handed in: on PGlite a query through the outer handle
   * waits for this transaction to end, which never happens.
   */
  tx<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /**
   * A lock only one process holds at a time (a session advisory lock on a connection of its own),
   * or undefined when another process holds it. `lost` settles when the connection — and so the
   * lock — is gone. The embedded database has one owner process, so it always grants it.
   */
  tryExclusiveLock(key: number): Promise<HeldLock | undefined>;
  /** The connection pool's state now (PostgreSQL); the embedded database has one connection and no pool. */
  poolStats?(): PoolStats;
  close(): Promise<void>;
}

export interface HeldLock {
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  /** Requests waiting for a connection: above zero for long, the pool (or the database) is the bottleneck. */
  readonly waiting: number;
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

/**
 * Thrown by a service that found, too late for this transaction's snapshot, that another one
 * committed the same change meanwhile (a unique key it could not see when it began): tx() runs
 * the work again, and the new snapshot sees what was committed.
 */
export class RetryTransaction extends Error {}

export function isRetryable(error: unknown): boolean {
  if (error instanceof RetryTransaction) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && retryableCodes.has(code);
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

// The database went away or is not there yet: SQLSTATE class 08 (connection exception), the
// server ending or refusing sessions while it stops, crashes or starts (admin_shutdown,
// crash_shutdown, cannot_connect_now), and a write refused as read-only (25006): during a failover
// the old primary turns standby, and the new one holds writes back until it is sure. Everything
// else is an answer from a working database.
const outageStates = new Set(['57P01', '57P02', '57P03', '25006']);
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// pg's own words when a socket dies, a dead client is used, or no connection came in time.
const driverMessages = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
];

/**
 * The database is unreachable (not that it refused the statement): the request may succeed once it
 * is back. Follows `cause` and AggregateError's `errors` (a host name with several addresses).
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  if (isDomainError(error)) return error.code === 'DATABASE_UNAVAILABLE';
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (code.startsWith('08') || outageStates.has(code) || socketCodes.has(code))) return true;
  if (typeof message === 'string' && driverMessages.some((m) => message.startsWith(m))) return true;
  if (Array.isArray(errors) && errors.some((e) => isConnectionError(e, depth + 1))) return true;
  return isConnectionError(cause, depth + 1);
}
