// Sets a new password with the reset code sent by SMS. Every session of the account ends (whoever
// knew the old password is out), the number's failed-login count and this address's wait are
// cleared (the owner proved the SIM: this is the way in once the account's hourly ceiling of
// failures is reached), and the customer is signed in afresh. The code is checked (and consumed)
// before the new password is hashed, so a wrong code never costs an argon2id hash.
import type { Instant } from '../domain/calendar.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import { checkNewPassword } from '../domain/password-rules.ts';
import type { Sql } from '../db/database.ts';
import { findLoginAccount, updatePasswordHash, type LoginAccount } from '../db/account-repository.ts';
import { revokeCustomerSessions } from '../db/session-repository.ts';
import { clearThrottleKey } from '../db/throttle-repository.ts';
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

type Proof = { readonly ok: true; readonly account: LoginAccount } | { readonly ok: false; readonly failure: CodeFailure };

/** Transaction 1: checks the code and, when right, consumes it; the account it opens, or why not. */
async function proveCode(sql: Sql, secret: string, msisdn: Msisdn, request: ResetPasswordRequest, now: Instant): Promise<Proof> {
  const check = await checkOneTimeCode(sql, secret, { purpose: 'reset', msisdn, code: request.code, address: request.address }, now);
  if (!check.ok) return check;
  const account = await findLoginAccount(sql, msisdn);
  return account ? { ok: true, account } : { ok: false, failure: 'CODE_INVALID' };
}

async function applyReset(sql: Sql, secret: string, msisdn: Msisdn, proved: LoginAccount, address: string, passwordHash: string, now: Instant): Promise<StartedSession> {
  // Checked again: the number may have left this account while the password was hashed.
  const account = await findLoginAccount(sql, msisdn);
  if (account?.customerId !== proved.customerId) throw codeFailureError('CODE_INVALID');
  await updatePasswordHash(sql, account.customerId, passwordHash, new Date(now));
  await revokeCustomerSessions(sql, [account.customerId], 'password_reset', new Date(now));
  await clearThrottleKey(sql, 'login_failure_account', msisdn);
  await clearThrottleKey(sql, 'login_failure_pair', pairSubject(addressKey(secret, address), msisdn));
  return startSession(sql, secret, account.customerId, account.language, now);
}

export async function resetPassword(deps: Pick<AccountDeps, 'db' | 'now' | 'secret' | 'passwordHashing'>, request: ResetPasswordRequest): Promise<StartedSession> {
  const msisdn = parseMsisdn(request.phone);
  // Checked before the code, so a weak choice does not cost one of the caller's tries.
  checkNewPassword(request.password, msisdn, commonPasswords());
  const now = deps.now();
  // Committed whatever the answer: a wrong guess must count. The code is consumed here, so only
  // this request can go on to set the password with it.
  const proved = await deps.db.tx((sql) => proveCode(sql, deps.secret, msisdn, request, now));
  if (!proved.ok) throw codeFailureError(proved.failure);
  const passwordHash = await hashPassword(request.password, deps.passwordHashing);
  return deps.db.tx((sql) => applyReset(sql, deps.secret, msisdn, proved.account, request.address, passwordHash, now));
}
