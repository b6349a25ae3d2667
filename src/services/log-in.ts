// Signs a customer in with phone + password. An unknown number and a wrong password get the same
// answer after the same work (a dummy hash is verified), and both count towards the same limits:
// - per (account, address) pair: 5 failures free, then a wait doubling from 1 s to 15 minutes, so
//   one attacker is slowed and the owner, signing in from elsewhere, is not;
// - per account: 100 failures an hour from all addresses (ASVS); past that the password alone no
//   longer signs in, and a code by SMS to the number (password reset) does and clears the count;
// - per address: a NAT-sized ceiling against one client spraying many accounts.
// A session cookie sent along is replaced, never reused.
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS, LOGIN_PAIR_WINDOW_MS, loginRetryDelayMs } from '../domain/account-rules.ts';
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import type { Sql } from '../db/database.ts';
import { findLoginAccount, updatePasswordHash } from '../db/account-repository.ts';
import { revokeSessionByToken } from '../db/session-repository.ts';
import { clearThrottleKey, deleteThrottleEvents, lockThrottleKey, throttleHistory } from '../db/throttle-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { isThrottled, pairSubject, recordEvent, takeThrottleSlot } from './auth-throttle.ts';
import { addressKey, sessionTokenHash, startSession, type StartedSession } from './customer-sessions.ts';
import { hashPassword, needsRehash, verifyPassword } from './password-hashing.ts';

export interface LogInRequest {
  readonly phone: string;
  readonly password: string;
  readonly address: string;
  /** The session token the browser still holds, if any: ended when the new one starts. */
  readonly previousToken?: string;
}

/**
 * Counts this attempt as failed before the password is checked, so parallel guesses cannot get past
 * a limit; a success takes its events back. A refused attempt throws, rolling back, so it costs
 * nothing and does not lengthen the wait. Returns the ids of the account and address events.
 */
async function takeLoginSlots(sql: Sql, msisdn: Msisdn, address: string, now: Instant): Promise<number[]> {
  // One lock per account serialises its attempts; the pair key holds the number, so it is covered too.
  await lockThrottleKey(sql, 'login_failure_account', msisdn);
  if (await isThrottled(sql, 'login_failure_account', msisdn, LOGIN_FAILURES_PER_ACCOUNT, now)) {
    throw new DomainError('RATE_LIMITED', 'too many failed sign-ins to this number this hour; sign in with a code by SMS instead: reset the password');
  }
  const pair = await throttleHistory(sql, 'login_failure_pair', pairSubject(address, msisdn), new Date(now - LOGIN_PAIR_WINDOW_MS));
  const waitMs = pair.latest === undefined ? 0 : pair.latest.getTime() + loginRetryDelayMs(pair.count) - now;
  if (waitMs > 0) {
    throw new DomainError('RATE_LIMITED', `too many failed sign-ins to this number from your network; wait ${Math.ceil(waitMs / 1000)} s and try again`);
  }
  const addressSlot = await takeThrottleSlot(sql, 'login_failure_address', address, LOGIN_FAILURES_PER_ADDRESS, now);
  if (addressSlot === undefined) throw new DomainError('RATE_LIMITED', 'too many failed sign-ins from your network; try again later');
  await recordEvent(sql, 'login_failure_pair', pairSubject(address, msisdn), now);
  return [await recordEvent(sql, 'login_failure_account', msisdn, now), addressSlot];
}

export async function logIn(deps: Pick<AccountDeps, 'db' | 'now' | 'secret' | 'passwordHashing'>, request: LogInRequest): Promise<StartedSession> {
  const msisdn = parseMsisdn(request.phone);
  const address = addressKey(deps.secret, request.address);
  const now = deps.now();
  const { slots, account } = await deps.db.tx(async (sql) => ({
    slots: await takeLoginSlots(sql, msisdn, address, now),
    account: await findLoginAccount(sql, msisdn),
  }));
  const matches = await verifyPassword(account?.passwordHash, request.password, deps.passwordHashing);
  if (!matches || !account) throw new DomainError('INVALID_CREDENTIALS', 'the phone number or the password is not right');
  const rehashed = needsRehash(account.passwordHash, deps.passwordHashing) ? await hashPassword(request.password, deps.passwordHashing) : undefined;
  return deps.db.tx(async (sql) => {
    await deleteThrottleEvents(sql, slots);
    // The password was right from here: this address's earlier typos no longer cost a wait.
    await clearThrottleKey(sql, 'login_failure_pair', pairSubject(address, msisdn));
    if (request.previousToken) await revokeSessionByToken(sql, sessionTokenHash(deps.secret, request.previousToken), 'rotated', new Date(now));
    if (rehashed) await updatePasswordHash(sql, account.customerId, rehashed, null);
    return startSession(sql, deps.secret, account.customerId, account.language, now);
  });
}
