// The numbers behind customer accounts (OWASP ASVS 5.0 level 2): one-time codes, sessions and
// throttling. Limits per (number, address) pair slow one attacker without touching the owner, who
// asks from elsewhere; per-number and per-account ceilings bound many attackers together and never
// lock the owner out (a code to the number gets them in); per-address limits are sized for carrier
// NAT, where thousands of subscribers share one public address.
import type { LineStatus } from './lifecycle.ts';

export interface Limit {
  readonly max: number;
  readonly windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const ONE_TIME_CODE_DIGITS = 6;
export const ONE_TIME_CODE_LIFETIME_MS = 10 * MINUTE;
/**
 * Wrong guesses one code takes from one address; after that that address needs a new code. Counted
 * per (code, address) pair, so a stranger's guesses never use up the code on the owner's phone.
 */
export const ONE_TIME_CODE_MAX_ATTEMPTS = 5;

/**
 * New codes to one number for one purpose, whoever asks: once a minute, ten an hour (counted per
 * purpose, so registering a number that has an account cannot use up its owner's reset codes). A request while a usable code is live sends nothing new (see CODE_RESEND_AFTER_MS), so
 * a flood costs the holder at most these texts.
 */
export const CODE_REQUESTS_PER_NUMBER: readonly Limit[] = [{ max: 1, windowMs: MINUTE }, { max: 10, windowMs: HOUR }];
/** New codes one address may have sent to one number: an attacker's address alone cannot use up the number's hour. */
export const CODE_REQUESTS_PER_NUMBER_AND_ADDRESS: readonly Limit[] = [{ max: 3, windowMs: HOUR }];
/**
 * Asking again within this time of the last code, or once the number's limits are reached, while
 * that code is still usable, sends nothing: the code already on the phone is the one to type.
 */
export const CODE_RESEND_AFTER_MS = MINUTE;
/** Dozens of registrations a minute from one address, so a whole NAT pool can sign up at once. */
export const CODE_REQUESTS_PER_ADDRESS: readonly Limit[] = [{ max: 60, windowMs: MINUTE }, { max: 1000, windowMs: HOUR }];
/**
 * Wrong codes for one number from one address: two codes' worth of tries. Counted per pair, so a
 * client behind carrier NAT cannot use up the tries of everyone else at that address.
 */
export const CODE_FAILURES_PER_NUMBER_AND_ADDRESS: readonly Limit[] = [{ max: 10, windowMs: HOUR }];
/**
 * Wrong codes for one number from all addresses together: 50 an hour against 10^6 codes is a 0.005%
 * chance an hour. Past it, an address that has guessed wrong at this number this hour may not try
 * again, while one that has not (the holder, typing the code on the phone) still may: the ceiling
 * stops guessing without locking the holder out.
 */
export const CODE_FAILURES_PER_NUMBER: readonly Limit[] = [{ max: 50, windowMs: HOUR }];
/** The window of the per-(code, address) count: longer than a code lives, so it covers the code's life. */
export const CODE_GUESS_WINDOW_MS = HOUR;

/**
 * ASVS: at most 100 failed logins per account an hour, from all addresses together. Past that the
 * password alone no longer signs in; a code sent to the number (password reset) does, and clears
 * the count, so the owner is never locked out.
 */
export const LOGIN_FAILURES_PER_ACCOUNT: readonly Limit[] = [{ max: 100, windowMs: HOUR }];
/** Failed logins from one address (all accounts): sized for carrier NAT, it stops password spraying. */
export const LOGIN_FAILURES_PER_ADDRESS: readonly Limit[] = [{ max: 1000, windowMs: HOUR }];
/** The window in which one account's failures from one address count towards its delay. */
export const LOGIN_PAIR_WINDOW_MS = HOUR;
/** Failures of one account from one address that cost no wait: typos. */
export const LOGIN_PAIR_FREE_FAILURES = 5;
export const LOGIN_PAIR_MAX_DELAY_MS = 15 * MINUTE;

/**
 * How long one address must wait after its latest failed login to an account before it may try that
 * account again: nothing for the first few, then 1 s doubling each time up to 15 minutes. An
 * attacker at one address gets about 18 guesses an hour; the owner elsewhere waits for nothing.
 */
export function loginRetryDelayMs(failures: number): number {
  if (failures < LOGIN_PAIR_FREE_FAILURES) return 0;
  const doublings = failures - LOGIN_PAIR_FREE_FAILURES;
  // 2^20 s is far past the cap; stopping there keeps the arithmetic exact.
  return Math.min(1000 * 2 ** Math.min(doublings, 20), LOGIN_PAIR_MAX_DELAY_MS);
}

export const SESSION_IDLE_MS = 30 * MINUTE;
export const SESSION_ABSOLUTE_MS = 12 * HOUR;
/** last_seen_at is written at most this often, so reading a page is not a write every time. */
export const SESSION_TOUCH_EVERY_MS = MINUTE;

/**
 * A number can start an account, reset its password or be linked only while it can still take
 * an SMS and belongs to its holder: not once it is in quarantine (restored only at a store, with
 * ID) or released for reassignment.
 */
export function lineAcceptsAccountCodes(status: LineStatus): boolean {
  return status === 'active' || status === 'one_way' || status === 'suspended';
}

export function isOneTimeCodeFormat(text: string): boolean {
  return /^\d{6}$/.test(text);
}
