// Starts an account: phone + language → a one-time code by SMS to that number. No password yet:
// whoever holds the code chooses it when proving the number (verify-registration.ts), so someone
// who registers a number that is not theirs gains nothing. A number that is not a Saxla line,
// cannot take codes now, or already has an account gets the same answer and no SMS, so the answer
// never tells who is a customer.
import { lineAcceptsAccountCodes } from '../domain/account-rules.ts';
import type { Locale } from '../domain/money.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { findLoginAccount } from '../db/account-repository.ts';
import { findLine } from '../db/line-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { issueOneTimeCode } from './one-time-codes.ts';

export interface RegisterRequest {
  readonly phone: string;
  /** The account's language; the latest request before the code is proven decides. */
  readonly language: Locale;
  readonly address: string;
}

export async function registerCustomer(deps: Pick<AccountDeps, 'db' | 'now' | 'secret'>, request: RegisterRequest): Promise<void> {
  const msisdn = parseMsisdn(request.phone);
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    const line = await findLine(sql, msisdn);
    const account = await findLoginAccount(sql, msisdn);
    const eligible = line !== undefined && lineAcceptsAccountCodes(line.status) && account === undefined;
    // The SMS goes in the line's own language, which only its holder sets: a stranger asking for a
    // code to this number cannot make it arrive in a language the holder cannot read.
    await issueOneTimeCode(sql, deps.secret, {
      purpose: 'register', msisdn, eligible, language: line?.language ?? request.language, accountLanguage: request.language, address: request.address,
    }, now);
  });
}
