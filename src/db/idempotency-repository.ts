// Idempotency keys of requests that move money or validity (orders, counter sales, refunds): the
// first request claims its key with a fingerprint of its body, in the transaction that does the
// work; a repeat waits on the claim's row and then replays the stored result; another body is a
// conflict. Kept at least 24 h (the contract), then pruned.
//
// A change to one line (a top-up, a renewal's extension, a refund's entries) needs no record here:
// its ledger operation is unique forever on its cause ("top-up:admin:<key>"), stores the use case's
// result, and is looked up in the round trip that locks the line (line-repository.ts), so an
// operator top-up's Idempotency-Key is claimed and replayed there at no extra cost.
import type { Sql } from './database.ts';

export type IdempotencyScope = 'orders' | 'counter_sales' | 'refunds';

export interface IdempotencyClaimRequest<R> {
  readonly scope: IdempotencyScope;
  readonly key: string;
  readonly requestHash: string;
  readonly at: Date;
  /** The result, when the use case knows it before doing the work (an order id chosen up front). */
  readonly result?: R;
}

export type IdempotencyClaim<R> =
  | { readonly outcome: 'claimed' }
  /** `result` is undefined only if the first request's transaction never recorded one (a bug). */
  | { readonly outcome: 'replay'; readonly result: R | undefined }
  | { readonly outcome: 'conflict' };

/**
 * Claims the key, or reports what an earlier request with it left. A concurrent request with the
 * same key waits on the insert until the first transaction ends, then finds its record.
 */
export async function claimIdempotencyKey<R>(sql: Sql, request: IdempotencyClaimRequest<R>): Promise<IdempotencyClaim<R>> {
  const claimed = await sql.query(
    `insert into idempotency_records (scope, key, request_hash, result, created_at)
     values ($1, $2, $3, $4, $5) on conflict (scope, key) do nothing returning 1`,
    [request.scope, request.key, request.requestHash, request.result === undefined ? null : JSON.stringify(request.result), request.at]);
  if (claimed.length === 1) return { outcome: 'claimed' };
  const [record] = await sql.query<{ request_hash: string; result: R | null }>(
    'select request_hash, result from idempotency_records where scope = $1 and key = $2', [request.scope, request.key]);
  if (!record || record.request_hash !== request.requestHash) return { outcome: 'conflict' };
  return { outcome: 'replay', result: record.result ?? undefined };
}

/** Stores the result of a claimed key, inside the claiming transaction. */
export async function recordIdempotentResult<R>(sql: Sql, scope: IdempotencyScope, key: string, result: R): Promise<void> {
  await sql.query('update idempotency_records set result = $3 where scope = $1 and key = $2', [scope, key, JSON.stringify(result)]);
}

/** Forgets keys claimed before `before`; returns how many. */
export async function deleteIdempotencyKeysBefore(sql: Sql, before: Date): Promise<number> {
  const rows = await sql.query('delete from idempotency_records where created_at < $1 returning 1', [before]);
  return rows.length;
}
