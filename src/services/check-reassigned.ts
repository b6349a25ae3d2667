// GET /api/v1/reassigned: whether a number changed hands since a day, for banks and other services
// holding an API key. Only true or false: never who holds the number, nor when it changed. Each key
// has API_KEY_CALLS_PER_MINUTE calls a minute (shared by every Saxla process: counted in the
// database); every call made with a valid key is audited (key, HMAC of the number, answer, time).
import { createHmac } from 'node:crypto';
import { operatorDay, startOfOperatorDay, type Instant } from '../domain/calendar.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import { parseReassignedSince } from '../domain/number-reassignment.ts';
import type { Database } from '../db/database.ts';
import { countApiKeyCall, findLiveApiKey, recordApiKeyCall } from '../db/api-key-repository.ts';
import { wasReassignedSince } from '../db/number-reassignment-repository.ts';
import { hashApiKey } from './api-keys.ts';

export const API_KEY_CALLS_PER_MINUTE = 600;

export interface CheckReassignedDeps {
  readonly db: Database;
  /** SAXLA_SECRET, for the HMAC of the number in the audit. */
  readonly secret: string;
}

export interface ReassignedQuery {
  /** The bearer token as sent, if any. */
  readonly apiKey: string | undefined;
  readonly msisdn: string | undefined;
  readonly since: string | undefined;
}

/** Refused for too many calls; `retryAfterSeconds` is when the key's oldest counted call leaves the minute. */
export class ApiKeyRateLimited extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, max: number) {
    super('RATE_LIMITED', `at most ${max} checks a minute with one key; try again in ${retryAfterSeconds} s`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

// Subjects of this limit sort between these two strings, so pruning touches only our rows.
const PREFIX = 'api-key:';
const PREFIX_END = 'api-key;';

export async function checkReassigned(deps: CheckReassignedDeps, query: ReassignedQuery, now: Instant, max = API_KEY_CALLS_PER_MINUTE): Promise<{ msisdn: Msisdn; reassigned: boolean }> {
  const key = query.apiKey ? await findLiveApiKey(deps.db, hashApiKey(query.apiKey)) : undefined;
  if (!key) throw new DomainError('UNAUTHENTICATED', 'this API needs a valid API key (Authorization: Bearer …) issued by the operator');
  const at = new Date(now);
  const hashOf = (text: string): string => createHmac('sha256', deps.secret).update(`saxla:reassigned-msisdn\u0000${text}`).digest('hex');
  let msisdn: Msisdn | undefined;
  try {
    msisdn = parseMsisdn(query.msisdn ?? '');
  } catch (error) {
    if (!isDomainError(error)) throw error;
  }
  // The raw text when it is not a number, so malformed calls are audited too (still never in clear).
  const msisdnHash = hashOf(msisdn ?? `raw:${query.msisdn ?? ''}`);

  const subject = `${PREFIX}${key.id}`;
  const retryAfter = await deps.db.tx(async (sql) => {
    // Parallel calls with one key take turns, so they cannot all pass at the limit.
    await sql.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [subject]);
    const wait = await countApiKeyCall(sql, subject, now, max, { from: PREFIX, to: PREFIX_END });
    if (wait > 0) await recordApiKeyCall(sql, { keyId: key.id, msisdnHash, outcome: 'rate_limited', answer: null, at });
    return wait;
  });
  if (retryAfter > 0) throw new ApiKeyRateLimited(retryAfter, max);

  let since: Instant;
  try {
    if (msisdn === undefined) throw new DomainError('VALIDATION_FAILED', 'msisdn must be a number (+994501234567 or 0501234567)', [{ path: 'msisdn', message: 'not a number' }]);
    since = startOfOperatorDay(parseReassignedSince(query.since, operatorDay(now)));
  } catch (error) {
    if (isDomainError(error)) await recordApiKeyCall(deps.db, { keyId: key.id, msisdnHash, outcome: 'invalid', answer: null, at });
    throw error;
  }
  const number = msisdn;
  // The answer and its audit row in one transaction: no answer leaves without its row.
  const reassigned = await deps.db.tx(async (sql) => {
    const answer = await wasReassignedSince(sql, number, new Date(since));
    await recordApiKeyCall(sql, { keyId: key.id, msisdnHash, outcome: 'answered', answer, at });
    return answer;
  });
  return { msisdn: number, reassigned };
}
