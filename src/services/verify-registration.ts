// Proves a registration with the code sent by SMS and sets the password: whoever holds the code
// chooses it. The account is created with the number as its login and first line, and the customer
// is signed in; the language chosen at sign-up ("Language of our SMS") becomes the line's, so every
// later SMS of it speaks that language. The code is checked (and consumed) before the password is
// hashed, so a wrong code costs one cheap transaction and never an argon2id hash: guesses cannot
// load the CPU.
import type { Instant } from '../domain/calendar.ts';
import { lineAcceptsAccountCodes } from '../domain/account-rules.ts';
import type { Locale } from '../domain/money.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import { checkNewPassword } from '../domain/password-rules.ts';
import { isUniqueViolation, type Sql } from '../db/database.ts';
import { findLoginAccount, insertCustomer, insertCustomerLine } from '../db/account-repository.ts';
import { findLine } from '../db/line-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { commonPasswords } from './common-passwords.ts';
import { startSession, type StartedSession } from './customer-sessions.ts';
import { checkOneTimeCode, codeFailureError, type CodeFailure } from './one-time-codes.ts';
import { hashPassword } from './password-hashing.ts';
import { setLineLanguage } from './set-line-language.ts';

export interface VerifyRegistrationRequest {
  readonly phone: string;
  readonly code: string;
  readonly password: string;
  readonly address: string;
}

/** The line may have changed since the code went out (quarantine, someone else registered). */
async function mayRegister(sql: Sql, msisdn: Msisdn): Promise<boolean> {
  const line = await findLine(sql, msisdn);
  return line !== undefined && lineAcceptsAccountCodes(line.status) && await findLoginAccount(sql, msisdn) === undefined;
}

type Proof = { readonly ok: true; readonly language: Locale } | { readonly ok: false; readonly failure: CodeFailure };

/** Transaction 1: checks the code and, when right, consumes it; the account's language, or why not. */
async function proveCode(sql: Sql, secret: string, msisdn: Msisdn, request: VerifyRegistrationRequest, now: Instant): Promise<Proof> {
  const check = await checkOneTimeCode(sql, secret, { purpose: 'register', msisdn, code: request.code, address: request.address }, now);
  if (!check.ok) return check;
  const { language } = check.code;
  return language && await mayRegister(sql, msisdn) ? { ok: true, language } : { ok: false, failure: 'CODE_INVALID' };
}

export async function verifyRegistration(deps: Pick<AccountDeps, 'db' | 'now' | 'secret' | 'passwordHashing'>, request: VerifyRegistrationRequest): Promise<StartedSession> {
  const msisdn = parseMsisdn(request.phone);
  // Checked before the code, so a weak choice does not cost one of the caller's tries.
  checkNewPassword(request.password, msisdn, commonPasswords());
  const now = deps.now();
  // Committed whatever the answer: a wrong guess must count. The code is consumed here, so only
  // this request can go on to create the account with it.
  const proved = await deps.db.tx((sql) => proveCode(sql, deps.secret, msisdn, request, now));
  if (!proved.ok) throw codeFailureError(proved.failure);
  const { language } = proved;
  const passwordHash = await hashPassword(request.password, deps.passwordHashing);
  try {
    return await deps.db.tx(async (sql) => {
      // Checked again: the line or its account may have changed while the password was hashed.
      if (!await mayRegister(sql, msisdn)) throw codeFailureError('CODE_INVALID');
      const customerId = await insertCustomer(sql, passwordHash, language, new Date(now));
      await insertCustomerLine(sql, customerId, msisdn, true, new Date(now));
      await setLineLanguage(sql, msisdn, language, { source: 'sign_up', customerId }, now);
      return startSession(sql, deps.secret, customerId, language, now);
    });
  } catch (error) {
    // Two registrations of one number racing to the end: the database lets only one through.
    if (isUniqueViolation(error, 'customer_lines_live_login')) throw codeFailureError('CODE_INVALID');
    throw error;
  }
}
