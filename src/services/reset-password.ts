// Sets a new password with the reset code sent by SMS. Every session of the account ends (whoever
// knew the old password is out), the number's failed-login count and this address's wait are
// cleared (the owner proved the SIM: this is the way in once the account's hourly ceiling of
// failures is reached), and the customer is signed in afresh.
import type { Instant } from '../domain/calendar.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { checkNewPassword } from '../domain/password-rules.ts';
import type { Sql } from '../db/database.ts';
import { findLoginAccount, updatePasswordHash } from '../db/account-repository.ts';
import { revokeCustomerSessions } from '../db/session-repository.ts';
import { clearThrottleKey } from '../db/throttle-repository.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { AccountDeps } from './account-deps.ts';
import { commonPasswords } from './common-passwords.ts';
import { pairSubject } from './auth-throttle.ts';
import { addressKey, startSession, type StartedSession } from './customer-sessions.ts';
import { checkOneTimeCode, codeFailureError, type CodeFailure } from './one-time-codes.ts';
import { hashPassword } from './password-hashing.ts';

export interface ResetPasswordRequest {
  readonly phone: string;
  readonly code: string;
  readonly password: string;
  readonly address: string;
}

async function applyReset(sql: Sql, deps: Pick<AccountDeps, 'secret'>, msisdn: Msisdn, request: ResetPasswordRequest, passwordHash: string, now: Instant): Promise<StartedSession | CodeFailure> {
  const check = await checkOneTimeCode(sql, deps.secret, { purpose: 'reset', msisdn, code: request.code, address: request.address }, now);
  if (!check.ok) return check.failure;
  const account = await findLoginAccount(sql, msisdn);
  if (!account) return 'CODE_INVALID';
  await updatePasswordHash(sql, account.customerId, passwordHash, new Date(now));
  await revokeCustomerSessions(sql, [account.customerId], 'password_reset', new Date(now));
  await clearThrottleKey(sql, 'login_failure_account', msisdn);
  await clearThrottleKey(sql, 'login_failure_pair', pairSubject(addressKey(deps.secret, request.address), msisdn));
  return startSession(sql, deps.secret, account.customerId, account.language, now);
}

export async function resetPassword(deps: Pick<AccountDeps, 'db' | 'now' | 'secret' | 'passwordHashing'>, request: ResetPasswordRequest): Promise<StartedSession> {
  const msisdn = parseMsisdn(request.phone);
  // Checked before the code, so a weak choice does not use up one of the code's tries.
  checkNewPassword(request.password, msisdn, commonPasswords());
  const passwordHash = await hashPassword(request.password, deps.passwordHashing);
  const now = deps.now();
  const outcome = await deps.db.tx((sql) => applyReset(sql, deps, msisdn, request, passwordHash, now));
  if (typeof outcome === 'string') throw codeFailureError(outcome);
  return outcome;
}
