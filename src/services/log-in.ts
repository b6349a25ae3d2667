// Signs a customer in with phone + password. An unknown number and a wrong password get the same
// answer after the same work (a dummy hash is verified), and both count towards the same limits:
// 100 failures per number an hour (sliding, so the owner is never shut out for long) and a
// NAT-sized limit per address. A session cookie sent along is replaced, never reused.
import { LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ADDRESS } from '../domain/account-rules.ts';
import { DomainError } from '../domain/errors.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { findLoginAccount, updatePasswordHash } from '../db/account-repository.ts';
import { revokeSessionByToken } from '../db/session-repository.ts';
import { deleteThrottleEvents } from '../db/throttle-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { takeThrottleSlot } from './auth-throttle.ts';
import { addressKey, sessionTokenHash, startSession, type StartedSession } from './customer-sessions.ts';
import { hashPassword, needsRehash, verifyPassword } from './password-hashing.ts';

export interface LogInRequest {
  readonly phone: string;
  readonly password: string;
  readonly address: string;
  /** The session token the browser still holds, if any: ended when the new one starts. */
  readonly previousToken?: string;
}

export async function logIn(deps: Pick<AccountDeps, 'db' | 'now' | 'secret' | 'passwordHashing'>, request: LogInRequest): Promise<StartedSession> {
  const msisdn = parseMsisdn(request.phone);
  const address = addressKey(deps.secret, request.address);
  const now = deps.now();
  // Each attempt is recorded as a failure before the password is checked, so parallel guesses
  // cannot get past the limit; a success takes its two events back below.
  const { slots, account } = await deps.db.tx(async (sql) => {
    const accountSlot = await takeThrottleSlot(sql, 'login_failure_account', msisdn, LOGIN_FAILURES_PER_ACCOUNT, now);
    const addressSlot = accountSlot === undefined ? undefined : await takeThrottleSlot(sql, 'login_failure_address', address, LOGIN_FAILURES_PER_ADDRESS, now);
    if (accountSlot === undefined || addressSlot === undefined) {
      // Throwing rolls back the slot already taken: refused attempts do not extend the wait.
      throw new DomainError('RATE_LIMITED', 'too many failed sign-ins for this number or from your network; try again later');
    }
    return { slots: [accountSlot, addressSlot], account: await findLoginAccount(sql, msisdn) };
  });
  const matches = await verifyPassword(account?.passwordHash, request.password, deps.passwordHashing);
  if (!matches || !account) throw new DomainError('INVALID_CREDENTIALS', 'the phone number or the password is not right');
  const rehashed = needsRehash(account.passwordHash, deps.passwordHashing) ? await hashPassword(request.password, deps.passwordHashing) : undefined;
  return deps.db.tx(async (sql) => {
    await deleteThrottleEvents(sql, slots);
    if (request.previousToken) await revokeSessionByToken(sql, sessionTokenHash(deps.secret, request.previousToken), 'rotated', new Date(now));
    if (rehashed) await updatePasswordHash(sql, account.customerId, rehashed, null);
    return startSession(sql, deps.secret, account.customerId, account.language, now);
  });
}
