// The numbers behind customer accounts (OWASP ASVS 5.0 level 2): one-time codes, sessions and
// throttling. Per-number and per-account limits do the real protecting; per-address limits are
// sized for carrier NAT, where thousands of subscribers can share one public address.
import type { LineStatus } from './lifecycle.ts';

export interface Limit {
  readonly max: number;
  readonly windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const ONE_TIME_CODE_DIGITS = 6;
export const ONE_TIME_CODE_LIFETIME_MS = 10 * MINUTE;
/** Wrong guesses one code takes; after that only a new code helps. */
export const ONE_TIME_CODE_MAX_ATTEMPTS = 5;

/** Codes sent to one number, whatever the purpose: once a minute, five an hour. */
export const CODE_REQUESTS_PER_NUMBER: readonly Limit[] = [{ max: 1, windowMs: MINUTE }, { max: 5, windowMs: HOUR }];
/** Dozens of registrations a minute from one address, so a whole NAT pool can sign up at once. */
export const CODE_REQUESTS_PER_ADDRESS: readonly Limit[] = [{ max: 60, windowMs: MINUTE }, { max: 1000, windowMs: HOUR }];
/** Wrong codes from one address: enough for a NAT pool, too few to sweep many numbers' codes. */
export const CODE_FAILURES_PER_ADDRESS: readonly Limit[] = [{ max: 300, windowMs: HOUR }];

/** ASVS: at most 100 failed logins per account an hour; the window slides, so the owner waits at most an hour. */
export const LOGIN_FAILURES_PER_ACCOUNT: readonly Limit[] = [{ max: 100, windowMs: HOUR }];
export const LOGIN_FAILURES_PER_ADDRESS: readonly Limit[] = [{ max: 1000, windowMs: HOUR }];

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
