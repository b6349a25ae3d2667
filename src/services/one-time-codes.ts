// Issues and checks the 6-digit codes sent by SMS for registration, password reset and linking a
// line. Both run inside the caller's transaction. A check never throws: a wrong guess must be
// committed (it counts towards the guesser's limits), so the caller commits first and then fails.
import { randomInt } from 'node:crypto';
import {
  CODE_FAILURES_PER_NUMBER, CODE_FAILURES_PER_NUMBER_AND_ADDRESS, CODE_GUESS_WINDOW_MS, CODE_REQUESTS_PER_ADDRESS, CODE_REQUESTS_PER_NUMBER,
  CODE_REQUESTS_PER_NUMBER_AND_ADDRESS, CODE_RESEND_AFTER_MS, ONE_TIME_CODE_LIFETIME_MS, ONE_TIME_CODE_MAX_ATTEMPTS, isOneTimeCodeFormat,
} from '../domain/account-rules.ts';
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { Locale } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import { smsText, type SmsValue } from '../domain/sms-templates.ts';
import type { Sql } from '../db/database.ts';
import {
  consumeCode, countCodesSince, lockLiveCode, lockNumberForCodes, replaceCode, setCodeLanguage, type CodePurpose, type StoredCode,
} from '../db/one-time-code-repository.ts';
import { throttleHistory } from '../db/throttle-repository.ts';
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
  /** A code meant to be passed on says what it is for: its own template (an "otp.…" id) and values besides the code. */
  readonly sms?: { readonly messageId: string; readonly values: Readonly<Record<string, SmsValue>> };
}

function codeHash(secret: string, purpose: CodePurpose, msisdn: Msisdn, code: string): string {
  return keyedHash(secret, 'one-time-code', `${purpose}:${msisdn}:${code}`);
}

/** Wrong guesses this address has made at this code (tries are counted per code and address). */
async function guessesAtCode(sql: Sql, address: string, code: StoredCode, now: Instant): Promise<number> {
  return (await throttleHistory(sql, 'code_failure_code_pair', pairSubject(address, String(code.id)), new Date(now - CODE_GUESS_WINDOW_MS))).count;
}

/**
 * The live code this caller could still type: unexpired, (add_line) its own account's, and with
 * tries left for this address. Other addresses' wrong guesses do not count: they never retire the
 * code the holder has on the phone.
 */
async function usableCode(sql: Sql, live: StoredCode | undefined, request: CodeRequest, address: string, now: Instant): Promise<StoredCode | undefined> {
  if (!live || live.expiresAt.getTime() <= now || live.customerId !== (request.customerId ?? null)) return undefined;
  return await guessesAtCode(sql, address, live, now) < ONE_TIME_CODE_MAX_ATTEMPTS ? live : undefined;
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
  const usable = await usableCode(sql, await lockLiveCode(sql, request.purpose, request.msisdn), request, address, now);
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
    await enqueueSms(sql, { msisdn: request.msisdn, kind: 'otp', language: request.language, text: smsText(request.sms?.messageId ?? 'otp', request.language, { ...request.sms?.values, code }) }, now);
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
 * Why this address may not try a code for this number now, or undefined. Wrong guesses are limited
 * per (address, number) pair (10 an hour) and, from all addresses together, per number (50 an
 * hour); past the number's ceiling only an address with no wrong guess at it this hour may try, so
 * guessing stops while the holder, typing the right code, still gets in.
 */
async function guessRefused(sql: Sql, pair: string, msisdn: Msisdn, now: Instant): Promise<boolean> {
  if (await isThrottled(sql, 'code_failure_pair', pair, CODE_FAILURES_PER_NUMBER_AND_ADDRESS, now)) return true;
  if (!await isThrottled(sql, 'code_failure_number', msisdn, CODE_FAILURES_PER_NUMBER, now)) return false;
  const windowMs = Math.max(...CODE_FAILURES_PER_NUMBER.map((l) => l.windowMs));
  return (await throttleHistory(sql, 'code_failure_pair', pair, new Date(now - windowMs))).count > 0;
}

/**
 * Checks a code and, when right, consumes it. Wrong guesses are counted per (code, address) (5 use
 * the code up for that address only), per (address, number) and per number (see guessRefused),
 * never on the code itself nor address-wide: neither a stranger nor a client behind the same
 * carrier NAT can use up the owner's code.
 */
export async function checkOneTimeCode(sql: Sql, secret: string, attempt: CodeAttempt, now: Instant): Promise<CodeCheck> {
  const address = addressKey(secret, attempt.address);
  const pair = pairSubject(address, attempt.msisdn);
  // Checks of one number take turns, so parallel guesses cannot all slip under a ceiling.
  await lockNumberForCodes(sql, attempt.msisdn);
  if (await guessRefused(sql, pair, attempt.msisdn, now)) return { ok: false, failure: 'RATE_LIMITED' };
  const live = await lockLiveCode(sql, attempt.purpose, attempt.msisdn);
  // Another account's pending link code for this number is not this caller's to use up.
  const stored = live && (attempt.customerId === undefined || live.customerId === attempt.customerId) ? live : undefined;
  const wrong = async (): Promise<CodeCheck> => {
    await recordEvent(sql, 'code_failure_pair', pair, now);
    await recordEvent(sql, 'code_failure_number', attempt.msisdn, now);
    if (!stored) return { ok: false, failure: 'CODE_INVALID' };
    await recordEvent(sql, 'code_failure_code_pair', pairSubject(address, String(stored.id)), now);
    const guesses = await guessesAtCode(sql, address, stored, now);
    return { ok: false, failure: guesses >= ONE_TIME_CODE_MAX_ATTEMPTS ? 'CODE_TOO_MANY_ATTEMPTS' : 'CODE_INVALID' };
  };
  if (!stored) return wrong();
  if (stored.expiresAt.getTime() <= now) return { ok: false, failure: 'CODE_EXPIRED' };
  if (await guessesAtCode(sql, address, stored, now) >= ONE_TIME_CODE_MAX_ATTEMPTS) return { ok: false, failure: 'CODE_TOO_MANY_ATTEMPTS' };
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
  CODE_TOO_MANY_ATTEMPTS: 'too many wrong tries for this code from your network; ask for a new one',
  RATE_LIMITED: 'too many wrong codes for this number from your network; try again later',
};

export function codeFailureError(failure: CodeFailure): DomainError {
  return new DomainError(failure, failureMessages[failure]);
}
