// Starts an account: phone + password + language → a one-time code by SMS to that number. A number
// that is not a Saxla line, cannot take codes now, or already has an account gets the same answer
// and no SMS, so the answer never tells who is a customer.
import { lineAcceptsAccountCodes } from '../domain/account-rules.ts';
import type { Locale } from '../domain/money.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { checkNewPassword } from '../domain/password-rules.ts';
import { findLoginAccount } from '../db/account-repository.ts';
import { findLine } from '../db/line-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { commonPasswords } from './common-passwords.ts';
import { issueOneTimeCode } from './one-time-codes.ts';
import { hashPassword } from './password-hashing.ts';

export interface RegisterRequest {
  readonly phone: string;
  readonly password: string;
  readonly language: Locale;
  readonly address: string;
}

export async function registerCustomer(deps: Pick<AccountDeps, 'db' | 'now' | 'secret' | 'passwordHashing'>, request: RegisterRequest): Promise<void> {
  const msisdn = parseMsisdn(request.phone);
  checkNewPassword(request.password, msisdn, commonPasswords());
  // Hashed whether or not the number qualifies, so both answers take the same time.
  const passwordHash = await hashPassword(request.password, deps.passwordHashing);
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    const line = await findLine(sql, msisdn);
    const account = await findLoginAccount(sql, msisdn);
    const eligible = line !== undefined && lineAcceptsAccountCodes(line.status) && account === undefined;
    await issueOneTimeCode(sql, deps.secret, { purpose: 'register', msisdn, eligible, language: request.language, passwordHash, address: request.address }, now);
  });
}
