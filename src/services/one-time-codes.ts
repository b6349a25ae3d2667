// Issues and checks the 6-digit codes sent by SMS for registration, password reset and linking a
// line. Both run inside the caller's transaction. A check never throws: a wrong guess must be
// committed (it uses up one of the code's tries), so the caller commits first and then fails.
import { randomInt } from 'node:crypto';
import {
  CODE_FAILURES_PER_NUMBER_AND_ADDRESS, CODE_REQUESTS_PER_ADDRESS, CODE_REQUESTS_PER_NUMBER, CODE_REQUESTS_PER_NUMBER_AND_ADDRESS,
  CODE_RESEND_AFTER_MS, ONE_TIME_CODE_LIFETIME_MS, ONE_TIME_CODE_MAX_ATTEMPTS, isOneTimeCodeFormat,
} from '../domain/account-rules.ts';
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { Locale } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import { smsText } from '../domain/sms-templates.ts';
import type { Sql } from '../db/database.ts';
import {
  consumeCode, countCodesSince, countWrongAttempt, lockLiveCode, lockNumberForCodes, replaceCode, setCodeLanguage,
  type CodePurpose, type StoredCode,
} from '../db/one-time-code-repository.ts';
import { isThrottled, pairSubject, recordEvent, takeThrottleSlot } from './auth-throttle.ts';
import { addressKey } from './customer-sessions.ts';
import { enqueueSms } from './enqueue-sms.ts';
import { keyedHash, sameKeyedHash } from './secret-hash.ts';

export interface CodeRequest {
  readonly purpose: CodePurpose;
  readonly msisdn: Msisdn;
  /** False stores a decoy and sends nothing: the caller answers exactly as if a code went out. */
  readonly eligible: boolean;
  /** The SMS's language. */
  readonly language: Locale;
  /** Registration: the language the account will have (the latest request's). */
  readonly accountLanguage?: Locale;
  readonly customerId?: string;
  /** The caller's network address, for the per-address limits (kept only as an HMAC). */
  readonly address: string;
}

function codeHash(secret: string, purpose: CodePurpose, msisdn: Msisdn, code: string): string {
  return keyedHash(secret, 'one-time-code', `${purpose}:${msisdn}:${code}`);
}

/** The live code this caller could still type: unexpired, tries left, and (add_line) its own account's. */
function usableCode(live: StoredCode | undefined, request: CodeRequest, now: Instant): StoredCode | undefined {
  if (!live || live.expiresAt.getTime() <= now || live.attempts >= ONE_TIME_CODE_MAX_ATTEMPTS) return undefined;
  return live.customerId === (request.customerId ?? null) ? live : undefined;
}

/** Why no new code may go out now, or undefined when one may. */
async function refusal(sql: Sql, request: CodeRequest, pair: string, now: Instant): Promise<string | undefined> {
  const counts = await countCodesSince(sql, request.purpose, request.msisdn, CODE_REQUESTS_PER_NUMBER.map((l) => new Date(now - l.windowMs)));
  const [perMinute, perHour] = CODE_REQUESTS_PER_NUMBER;
  if (perMinute && (counts[0] ?? 0) >= perMinute.max) return 'a code was sent to this number less than a minute ago; wait a minute before asking again';
  if (perHour && (counts[1] ?? 0) >= perHour.max) return 'too many codes were sent to this number this hour; try again later';
  if (await isThrottled(sql, 'code_request_pair', pair, CODE_REQUESTS_PER_NUMBER_AND_ADDRESS, now)) {
    return 'too many codes were asked for this number from your network this hour; try again later';
  }
  return undefined;
}

/**
 * Sends a new code (or stores a decoy), retiring the previous one. While a usable code is less than
 * a minute old, or the limits allow no new one, a request sends nothing and answers the same: the
 * holder types the code already on the phone, so nobody else's request blocks them and a flood
 * does not text them again. RATE_LIMITED only when no usable code is live and the number (1 a
 * minute, 10 an hour, for this purpose), this address for this number (3 an hour) or the address
 * (NAT-sized) is at its limit; the same for every number, eligible or not, so it reveals nothing.
 */
export async function issueOneTimeCode(sql: Sql, secret: string, request: CodeRequest, now: Instant): Promise<void> {
  const address = addressKey(secret, request.address);
  if (await takeThrottleSlot(sql, 'code_request_address', address, CODE_REQUESTS_PER_ADDRESS, now) === undefined) {
    throw new DomainError('RATE_LIMITED', 'too many codes were asked for from your network; try again in a few minutes');
  }
  await lockNumberForCodes(sql, request.msisdn);
  const pair = pairSubject(address, request.msisdn);
  const usable = usableCode(await lockLiveCode(sql, request.purpose, request.msisdn), request, now);
  const fresh = usable !== undefined && now - usable.createdAt.getTime() < CODE_RESEND_AFTER_MS;
  const refused = fresh ? undefined : await refusal(sql, request, pair, now);
  if (usable && (fresh || refused !== undefined)) {
    if (request.purpose === 'register' && !usable.decoy && request.accountLanguage) await setCodeLanguage(sql, usable.id, request.accountLanguage);
    return;
  }
  if (refused !== undefined) throw new DomainError('RATE_LIMITED', refused);
  await recordEvent(sql, 'code_request_pair', pair, now);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await replaceCode(sql, {
    purpose: request.purpose,
    msisdn: request.msisdn,
    customerId: request.customerId ?? null,
    codeHash: codeHash(secret, request.purpose, request.msisdn, code),
    language: request.purpose === 'register' && request.eligible ? request.accountLanguage ?? request.language : null,
    decoy: !request.eligible,
    expiresAt: new Date(now + ONE_TIME_CODE_LIFETIME_MS),
    at: new Date(now),
  });
  if (request.eligible) {
    await enqueueSms(sql, { msisdn: request.msisdn, kind: 'otp', language: request.language, text: smsText('otp', request.language, { code }) }, now);
  }
}

export type CodeFailure = 'CODE_INVALID' | 'CODE_EXPIRED' | 'CODE_TOO_MANY_ATTEMPTS' | 'RATE_LIMITED';
export type CodeCheck = { readonly ok: true; readonly code: StoredCode } | { readonly ok: false; readonly failure: CodeFailure };

export interface CodeAttempt {
  readonly purpose: CodePurpose;
  readonly msisdn: Msisdn;
  readonly code: string;
  /** For add_line: the code is good only for the account that asked for it. */
  readonly customerId?: string;
  readonly address: string;
}

/**
 * Checks a code and, when right, consumes it. Wrong guesses are counted on the code (5 use it up)
 * and on the (address, number) pair (10 an hour), never address-wide: a client behind carrier NAT
 * guessing at one number slows only itself.
 */
export async function checkOneTimeCode(sql: Sql, secret: string, attempt: CodeAttempt, now: Instant): Promise<CodeCheck> {
  const pair = pairSubject(addressKey(secret, attempt.address), attempt.msisdn);
  if (await isThrottled(sql, 'code_failure_pair', pair, CODE_FAILURES_PER_NUMBER_AND_ADDRESS, now)) return { ok: false, failure: 'RATE_LIMITED' };
  const live = await lockLiveCode(sql, attempt.purpose, attempt.msisdn);
  // Another account's pending link code for this number is not this caller's to use up.
  const stored = live && (attempt.customerId === undefined || live.customerId === attempt.customerId) ? live : undefined;
  const wrong = async (): Promise<CodeCheck> => {
    await recordEvent(sql, 'code_failure_pair', pair, now);
    if (!stored) return { ok: false, failure: 'CODE_INVALID' };
    const attempts = await countWrongAttempt(sql, stored.id);
    return { ok: false, failure: attempts >= ONE_TIME_CODE_MAX_ATTEMPTS ? 'CODE_TOO_MANY_ATTEMPTS' : 'CODE_INVALID' };
  };
  if (!stored) return wrong();
  if (stored.expiresAt.getTime() <= now) return { ok: false, failure: 'CODE_EXPIRED' };
  if (stored.attempts >= ONE_TIME_CODE_MAX_ATTEMPTS) return { ok: false, failure: 'CODE_TOO_MANY_ATTEMPTS' };
  const matches = isOneTimeCodeFormat(attempt.code)
    && sameKeyedHash(codeHash(secret, attempt.purpose, attempt.msisdn, attempt.code), stored.codeHash);
  // A decoy never matches, even when someone guesses the random code no SMS carried.
  if (!matches || stored.decoy) return wrong();
  await consumeCode(sql, stored.id, new Date(now));
  return { ok: true, code: stored };
}

const failureMessages: Readonly<Record<CodeFailure, string>> = {
  CODE_INVALID: 'that code is not right; check the SMS and try again',
  CODE_EXPIRED: 'that code has expired; ask for a new one',
  CODE_TOO_MANY_ATTEMPTS: 'too many wrong tries for this code; ask for a new one',
  RATE_LIMITED: 'too many wrong codes for this number from your network; try again later',
};

export function codeFailureError(failure: CodeFailure): DomainError {
  return new DomainError(failure, failureMessages[failure]);
}
