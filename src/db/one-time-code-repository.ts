// One-time codes: only their HMAC is stored. At most one live code per purpose and number.
import { isLocale, type Locale } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { Sql } from './database.ts';

export type CodePurpose = 'register' | 'reset' | 'add_line' | 'group_join' | 'add_sim';

export interface StoredCode {
  readonly id: number;
  readonly customerId: string | null;
  readonly codeHash: string;
  readonly language: Locale | null;
  readonly decoy: boolean;
  readonly expiresAt: Date;
  readonly createdAt: Date;
}

export interface CodeToStore {
  readonly purpose: CodePurpose;
  readonly msisdn: Msisdn;
  readonly customerId: string | null;
  readonly codeHash: string;
  readonly language: Locale | null;
  readonly decoy: boolean;
  readonly expiresAt: Date;
  readonly at: Date;
}

/** Serialises code requests for one number, so the resend limits hold under parallel requests. */
export async function lockNumberForCodes(sql: Sql, msisdn: Msisdn): Promise<void> {
  await sql.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`one-time-code:${msisdn}`]);
}

/**
 * Codes issued to the number for this purpose (decoys too) after each cutoff, in the cutoffs' order.
 * Per purpose, so requests of one kind (registering a number that already has an account) cannot
 * use up the owner's codes of another (a password reset).
 */
export async function countCodesSince(sql: Sql, purpose: CodePurpose, msisdn: Msisdn, cutoffs: readonly Date[]): Promise<number[]> {
  const rows = await sql.query<{ n: number }>(
    `select (select count(*) from one_time_codes o where o.msisdn = $1 and o.purpose = $2 and o.created_at > c.cutoff)::int8 as n
       from unnest($3::timestamptz[]) with ordinality as c(cutoff, i)
      order by c.i`,
    [msisdn, purpose, cutoffs],
  );
  return rows.map((r) => r.n);
}

/** Retires the live code for this purpose and number (a new one replaces it) and stores the new one. */
export async function replaceCode(sql: Sql, code: CodeToStore): Promise<void> {
  await sql.query(
    `with retired as (
       update one_time_codes set consumed_at = $8
        where purpose = $1 and msisdn = $2 and consumed_at is null
     )
     insert into one_time_codes (purpose, msisdn, customer_id, code_hash, language, decoy, expires_at, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [code.purpose, code.msisdn, code.customerId, code.codeHash, code.language, code.decoy, code.expiresAt, code.at],
  );
}

/** The live code for this purpose and number, locked until the transaction ends. */
export async function lockLiveCode(sql: Sql, purpose: CodePurpose, msisdn: Msisdn): Promise<StoredCode | undefined> {
  const [row] = await sql.query<{
    id: number; customer_id: string | null; code_hash: string; language: string | null;
    decoy: boolean; expires_at: Date; created_at: Date;
  }>(
    `select id, customer_id, code_hash, language, decoy, expires_at, created_at
       from one_time_codes where purpose = $1 and msisdn = $2 and consumed_at is null
      order by created_at desc, id desc limit 1
      for update`,
    [purpose, msisdn],
  );
  if (!row) return undefined;
  return {
    id: row.id, customerId: row.customer_id, codeHash: row.code_hash,
    language: row.language !== null && isLocale(row.language) ? row.language : null,
    decoy: row.decoy, expiresAt: row.expires_at, createdAt: row.created_at,
  };
}

/** A repeated registration request names the language the account will have (the latest one wins). */
export async function setCodeLanguage(sql: Sql, id: number, language: Locale): Promise<void> {
  await sql.query('update one_time_codes set language = $2 where id = $1', [id, language]);
}

export async function consumeCode(sql: Sql, id: number, at: Date): Promise<void> {
  await sql.query('update one_time_codes set consumed_at = $2 where id = $1', [id, at]);
}
