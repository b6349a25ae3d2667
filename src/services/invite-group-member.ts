// The payer invites a number: a code goes by SMS to that number, for its holder to type or to
// pass on to the payer. A number Saxla does not serve is invited like any other (its code is a
// decoy that never matches), so the answer never tells the payer which numbers are Saxla's.
import type { Instant } from '../domain/calendar.ts';
import { lineAcceptsAccountCodes } from '../domain/account-rules.ts';
import { planText } from '../domain/catalog.ts';
import { DomainError } from '../domain/errors.ts';
import { decideInvite } from '../domain/groups.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import type { Database } from '../db/database.ts';
import { listLinkedMsisdns } from '../db/account-repository.ts';
import { putInvitation, recordGroupEvent } from '../db/group-repository.ts';
import { findLine } from '../db/line-repository.ts';
import { findPlanSoldOrRetired } from '../db/plan-repository.ts';
import { loadGroupFor } from './group-access.ts';
import { issueOneTimeCode } from './one-time-codes.ts';

export interface InviteRequest {
  readonly customerId: string;
  readonly groupId: string;
  readonly msisdn: string;
  readonly address: string;
}

export async function inviteGroupMember(deps: { readonly db: Database; readonly now: () => Instant; readonly secret: string }, request: InviteRequest): Promise<{ msisdn: string; status: 'invited' }> {
  const msisdn = parseMsisdn(request.msisdn);
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    // Locked: two invitations at once cannot both take the last place.
    const { group, members } = await loadGroupFor(sql, request.customerId, request.groupId, 'invite', true);
    const plan = await findPlanSoldOrRetired(sql, group.planCode);
    if (!plan) throw new DomainError('PLAN_NOT_FOUND', `no plan ${group.planCode}`);
    const decision = decideInvite(plan, members, msisdn);
    if (!decision.ok) throw new DomainError(decision.code, decision.message);
    const line = await findLine(sql, msisdn);
    const language = line?.language ?? 'az';
    const [payer] = await listLinkedMsisdns(sql, group.payerId);
    await putInvitation(sql, group.id, msisdn, new Date(now));
    await recordGroupEvent(sql, group.id, msisdn, 'invited', request.customerId, new Date(now));
    // Bound to the payer's account: typed by the member (on its own account) or by the payer, it is
    // checked against the payer, so no third account can use it.
    await issueOneTimeCode(sql, deps.secret, {
      purpose: 'group_join', msisdn, eligible: line !== undefined && lineAcceptsAccountCodes(line.status), language,
      customerId: group.payerId, address: request.address,
      sms: { messageId: 'otp.group_join', values: { payer: payer ?? '', plan: planText(plan, language).name } },
    }, now);
  });
  return { msisdn, status: 'invited' };
}
