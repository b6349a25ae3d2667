// API keys for outside services (migration 0059) and the audit of every call made with one.
import type { Sql } from './database.ts';

export interface ApiKeyRow {
  readonly id: string;
  readonly name: string;
  readonly keyPrefix: string;
  readonly createdAt: Date;
  readonly createdBy: string | null;
  readonly revokedAt: Date | null;
  /** The last call made with it, if any. */
  readonly lastUsedAt: Date | null;
}

export async function insertApiKey(sql: Sql, key: { id: string; name: string; hash: Buffer; prefix: string; at: Date; createdBy: string | null }): Promise<void> {
  await sql.query(
    'insert into api_keys (id, name, key_hash, key_prefix, created_at, created_by) values ($1, $2, $3, $4, $5, $6)',
    [key.id, key.name, key.hash, key.prefix, key.at, key.createdBy]);
}

/** The live key with this hash, if any (a revoked key is no key). */
export async function findLiveApiKey(sql: Sql, hash: Buffer): Promise<{ id: string; name: string } | undefined> {
  const [row] = await sql.query<{ id: string; name: string }>('select id, name from api_keys where key_hash = $1 and revoked_at is null', [hash]);
  return row;
}

export async function listApiKeys(sql: Sql): Promise<ApiKeyRow[]> {
  const rows = await sql.query<{ id: string; name: string; key_prefix: string; created_at: Date; created_by: string | null; revoked_at: Date | null; last_used_at: Date | null }>(
    `select k.id, k.name, k.key_prefix, k.created_at, k.created_by, k.revoked_at,
            (select max(c.at) from api_key_calls c where c.key_id = k.id) as last_used_at
       from api_keys k order by k.revoked_at is not null, k.created_at desc`);
  return rows.map((r) => ({ id: r.id, name: r.name, keyPrefix: r.key_prefix, createdAt: r.created_at, createdBy: r.created_by, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at }));
}

/** Revokes a live key; the key's name when it was live, undefined when unknown or already revoked. */
export async function revokeApiKey(sql: Sql, id: string, at: Date, by: string | null): Promise<string | undefined> {
  const [row] = await sql.query<{ name: string }>(
    'update api_keys set revoked_at = $2, revoked_by = $3 where id = $1::uuid and revoked_at is null returning name', [id, at, by]);
  return row?.name;
}

export interface ApiKeyCall {
  readonly keyId: string;
  readonly msisdnHash: string;
  readonly outcome: 'answered' | 'invalid' | 'rate_limited';
  readonly answer: boolean | null;
  readonly at: Date;
}

export async function recordApiKeyCall(sql: Sql, call: ApiKeyCall): Promise<void> {
  await sql.query('insert into api_key_calls (key_id, msisdn_hash, outcome, answer, at) values ($1, $2, $3, $4, $5)',
    [call.keyId, call.msisdnHash, call.outcome, call.answer, call.at]);
}

/**
 * Counts one call against the key's budget of `max` a minute (one-second buckets in the public
 * checkers' counter table, so the minute slides). Returns 0 when counted, else the seconds until
 * the oldest counted call leaves the window. Run under the key's advisory lock.
 */
export async function countApiKeyCall(sql: Sql, subject: string, now: number, max: number, range: { from: string; to: string }): Promise<number> {
  const windowMs = 60_000;
  const [row] = await sql.query<{ n: number; oldest: Date | null }>(
    `with pruned as (
       delete from message_check_counters
        where (subject, window_start) in (
          select subject, window_start from message_check_counters
           where window_start < $5 and subject >= $6 and subject < $7 limit 50)
     ),
     recent as (
       select coalesce(sum(hits), 0)::int8 as n, min(window_start) as oldest from message_check_counters where subject = $1 and window_start > $3
     ),
     counted as (
       insert into message_check_counters (subject, window_start, hits)
       select $1, $2, 1 from recent where n < $4
       on conflict (subject, window_start) do update set hits = message_check_counters.hits + 1
     )
     select n, oldest from recent`,
    [subject, new Date(now - (now % 1000)), new Date(now - windowMs), max, new Date(now - 2 * windowMs), range.from, range.to]);
  if ((row?.n ?? 0) < max) return 0;
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : now;
  return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
}
