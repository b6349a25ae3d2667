// Sends a password-reset code to the number an account logs in with. Any other number gets the
// same answer and no SMS.
import { lineAcceptsAccountCodes } from '../domain/account-rules.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { findLoginAccount } from '../db/account-repository.ts';
import { findLine } from '../db/line-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { issueOneTimeCode } from './one-time-codes.ts';

export async function requestPasswordReset(deps: Pick<AccountDeps, 'db' | 'now' | 'secret'>, request: { readonly phone: string; readonly address: string }): Promise<void> {
  const msisdn = parseMsisdn(request.phone);
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    const line = await findLine(sql, msisdn);
    const account = await findLoginAccount(sql, msisdn);
    // The code SMS speaks the line's language, like every SMS to that line.
    const eligible = line !== undefined && lineAcceptsAccountCodes(line.status) && account !== undefined;
    await issueOneTimeCode(sql, deps.secret, { purpose: 'reset', msisdn, eligible, language: line?.language ?? 'az', address: request.address }, now);
  });
}
