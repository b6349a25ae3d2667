// Adds a line to the account once the code sent to that line comes back.
import { lineAcceptsAccountCodes } from '../domain/account-rules.ts';
import { operatorDay } from '../domain/calendar.ts';
import type { Locale } from '../domain/money.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { insertCustomerLine } from '../db/account-repository.ts';
import { findLine } from '../db/line-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { viewCustomerLine, type CustomerLineView } from './customer-line-view.ts';
import { checkOneTimeCode, codeFailureError, type CodeFailure } from './one-time-codes.ts';

export interface VerifyLineLinkRequest {
  readonly customerId: string;
  readonly msisdn: string;
  readonly code: string;
  readonly address: string;
  /** Names the plan in the answer: the page's language, or the session's. */
  readonly locale: Locale;
}

export async function verifyLineLink(deps: Pick<AccountDeps, 'db' | 'now' | 'secret' | 'policy'>, request: VerifyLineLinkRequest): Promise<CustomerLineView> {
  const msisdn = parseMsisdn(request.msisdn);
  const now = deps.now();
  const outcome = await deps.db.tx(async (sql): Promise<CustomerLineView | CodeFailure> => {
    const check = await checkOneTimeCode(sql, deps.secret, { purpose: 'add_line', msisdn, code: request.code, customerId: request.customerId, address: request.address }, now);
    if (!check.ok) return check.failure;
    const line = await findLine(sql, msisdn);
    if (!line || !lineAcceptsAccountCodes(line.status)) return 'CODE_INVALID';
    await insertCustomerLine(sql, request.customerId, msisdn, false, new Date(now));
    return viewCustomerLine(sql, line, operatorDay(now), deps.policy, request.locale);
  });
  if (typeof outcome === 'string') throw codeFailureError(outcome);
  return outcome;
}
