// Asks to add another line (family, a second SIM) to the signed-in account: a code goes by SMS to
// that line. A number that is not a Saxla line, cannot take codes, or is already on the account
// gets the same answer and no SMS.
import { lineAcceptsAccountCodes } from '../domain/account-rules.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { hasLiveLink } from '../db/account-repository.ts';
import { findLine } from '../db/line-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { issueOneTimeCode } from './one-time-codes.ts';

export interface LineLinkRequest {
  readonly customerId: string;
  readonly msisdn: string;
  readonly address: string;
}

export async function requestLineLink(deps: Pick<AccountDeps, 'db' | 'now' | 'secret'>, request: LineLinkRequest): Promise<void> {
  const msisdn = parseMsisdn(request.msisdn);
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    const line = await findLine(sql, msisdn);
    const linked = await hasLiveLink(sql, request.customerId, msisdn);
    const eligible = line !== undefined && lineAcceptsAccountCodes(line.status) && !linked;
    // In the line's own language: whoever holds that SIM reads it and passes the code on.
    await issueOneTimeCode(sql, deps.secret, {
      purpose: 'add_line', msisdn, eligible, language: line?.language ?? 'az', customerId: request.customerId, address: request.address,
    }, now);
  });
}
