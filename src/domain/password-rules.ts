// What a new password must be (ASVS 5.0): long enough, not absurdly long, not one of the
// passwords attackers try first, and not the phone number it protects. No composition rules:
// any character is allowed, and length beats forced symbols.
import { DomainError, type ErrorDetail } from './errors.ts';
import type { Msisdn } from './msisdn.ts';

export const PASSWORD_MIN_LENGTH = 10;
/** Long passphrases are welcome; the cap only bounds the hashing work one request can ask for. */
export const PASSWORD_MAX_LENGTH = 128;

/** Length in characters as a person counts them (code points), not UTF-16 units. */
function passwordLength(password: string): number {
  return [...password].length;
}

/** The ways a person writes their own number: +994501234567, 994…, 00994…, 0501234567, 501234567. */
function phoneForms(msisdn: Msisdn): Set<string> {
  const subscriber = msisdn.slice(4);
  return new Set([msisdn.slice(1), `00${msisdn.slice(1)}`, `0${subscriber}`, subscriber]);
}

/**
 * Throws PASSWORD_TOO_WEAK naming every rule broken. `common` holds lower-cased passwords known
 * from leaks; the comparison ignores case because attackers' lists are tried in every case too.
 */
export function checkNewPassword(password: string, msisdn: Msisdn, common: ReadonlySet<string>): void {
  const problems: ErrorDetail[] = [];
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({ path: 'body/password', message: `a password needs at least ${PASSWORD_MIN_LENGTH} characters` });
  } else if (length > PASSWORD_MAX_LENGTH) {
    problems.push({ path: 'body/password', message: `a password has at most ${PASSWORD_MAX_LENGTH} characters` });
  }
  if (common.has(password.toLowerCase())) {
    problems.push({ path: 'body/password', message: 'this password is on lists of common passwords that attackers try first' });
  }
  if (phoneForms(msisdn).has(password.replace(/[\s+().-]/g, ''))) {
    problems.push({ path: 'body/password', message: 'a password must not be the phone number' });
  }
  const first = problems[0];
  if (first) throw new DomainError('PASSWORD_TOO_WEAK', first.message, problems);
}
