// Adding a SIM online (issue 13): the customer names the new SIM's ICCID, a code goes by SMS to the
// number itself (naming the SIM's last digits), and only that code attaches that SIM. A SIM swap
// is how numbers are stolen, so the code goes to the number, never to the account's login.
import { iccidTail } from '../domain/groups.ts';
import { lineAcceptsAccountCodes, ONE_TIME_CODE_LIFETIME_MS } from '../domain/account-rules.ts';
import { DomainError } from '../domain/errors.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { insertSimRequest, latestSimRequest } from '../db/line-sim-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { assertLinesVisible } from './customer-scope.ts';
import { assertSimFits, attachSim, loadLine, readIccid, type SimView } from './line-sims.ts';
import { checkOneTimeCode, codeFailureError, issueOneTimeCode, type CodeFailure } from './one-time-codes.ts';

type Deps = Pick<AccountDeps, 'db' | 'now' | 'secret'>;

export async function requestLineSim(deps: Deps, request: { customerId: string; msisdn: string; iccid: string; address: string }): Promise<void> {
  const msisdn = parseMsisdn(request.msisdn);
  const iccid = readIccid(request.iccid);
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    await assertLinesVisible(sql, request.customerId, [msisdn]);
    const line = await loadLine(sql, msisdn);
    // Refused now, not after the code: the customer learns at once that the SIM cannot go on.
    await assertSimFits(sql, line, iccid);
    await insertSimRequest(sql, { msisdn, customerId: request.customerId, iccid }, new Date(now));
    await issueOneTimeCode(sql, deps.secret, {
      purpose: 'add_sim', msisdn, eligible: lineAcceptsAccountCodes(line.status), language: line.language,
      customerId: request.customerId, address: request.address, sms: { messageId: 'otp.add_sim', values: { tail: iccidTail(iccid) } },
    }, now);
  });
}

export async function confirmLineSim(deps: Deps, request: { customerId: string; msisdn: string; code: string; address: string }): Promise<{ items: SimView[] }> {
  const msisdn = parseMsisdn(request.msisdn);
  const now = deps.now();
  const outcome = await deps.db.tx(async (sql): Promise<{ items: SimView[] } | CodeFailure> => {
    await assertLinesVisible(sql, request.customerId, [msisdn]);
    const check = await checkOneTimeCode(sql, deps.secret, { purpose: 'add_sim', msisdn, code: request.code, customerId: request.customerId, address: request.address }, now);
    if (!check.ok) return check.failure;
    // The SIM the code's SMS named: the latest request made before the code was sent.
    const iccid = await latestSimRequest(sql, msisdn, request.customerId, new Date(now - ONE_TIME_CODE_LIFETIME_MS));
    if (iccid === undefined) throw new DomainError('CODE_EXPIRED', 'the request has expired; ask for a new code');
    return { items: await attachSim(sql, await loadLine(sql, msisdn), iccid, { customerId: request.customerId }, now) };
  });
  if (typeof outcome === 'string') throw codeFailureError(outcome);
  return outcome;
}
