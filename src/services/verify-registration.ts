// Proves a registration with the code sent by SMS and sets the password: whoever holds the code
// chooses it. The account is created with the number as its login and first line, and the customer
// is signed in.
import { lineAcceptsAccountCodes } from '../domain/account-rules.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { checkNewPassword } from '../domain/password-rules.ts';
import { isUniqueViolation } from '../db/database.ts';
import { findLoginAccount, insertCustomer, insertCustomerLine } from '../db/account-repository.ts';
import { findLine } from '../db/line-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { commonPasswords } from './common-passwords.ts';
import { startSession, type StartedSession } from './customer-sessions.ts';
import { checkOneTimeCode, codeFailureError, type CodeFailure } from './one-time-codes.ts';
import { hashPassword } from './password-hashing.ts';

export interface VerifyRegistrationRequest {
  readonly phone: string;
  readonly code: string;
  readonly password: string;
  readonly address: string;
}

export async function verifyRegistration(deps: Pick<AccountDeps, 'db' | 'now' | 'secret' | 'passwordHashing'>, request: VerifyRegistrationRequest): Promise<StartedSession> {
  const msisdn = parseMsisdn(request.phone);
  // Checked before the code, so a weak choice does not use up one of the code's tries.
  checkNewPassword(request.password, msisdn, commonPasswords());
  const passwordHash = await hashPassword(request.password, deps.passwordHashing);
  const now = deps.now();
  let outcome: StartedSession | CodeFailure;
  try {
    outcome = await deps.db.tx(async (sql): Promise<StartedSession | CodeFailure> => {
      const check = await checkOneTimeCode(sql, deps.secret, { purpose: 'register', msisdn, code: request.code, address: request.address }, now);
      if (!check.ok) return check.failure;
      const { language } = check.code;
      // The line may have changed since the code went out (quarantine, someone else registered).
      const line = await findLine(sql, msisdn);
      if (!language || !line || !lineAcceptsAccountCodes(line.status) || await findLoginAccount(sql, msisdn)) return 'CODE_INVALID';
      const customerId = await insertCustomer(sql, passwordHash, language, new Date(now));
      await insertCustomerLine(sql, customerId, msisdn, true, new Date(now));
      return startSession(sql, deps.secret, customerId, language, now);
    });
  } catch (error) {
    // Two registrations of one number racing to the end: the database lets only one through.
    if (isUniqueViolation(error, 'customer_lines_live_login')) throw codeFailureError('CODE_INVALID');
    throw error;
  }
  if (typeof outcome === 'string') throw codeFailureError(outcome);
  return outcome;
}
