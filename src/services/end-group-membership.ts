// A member leaves, or the payer removes a member (or withdraws an invitation). The number keeps
// its own validity and balance either way; a member the payer removed is told by SMS, in its
// line's language.
import type { Instant } from '../domain/calendar.ts';
import { planText } from '../domain/catalog.ts';
import { DomainError } from '../domain/errors.ts';
import { decideDeparture } from '../domain/groups.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { formatSmsDate, smsText } from '../domain/sms-templates.ts';
import type { Database } from '../db/database.ts';
import { endMembership, recordGroupEvent } from '../db/group-repository.ts';
import { findPlanSoldOrRetired } from '../db/plan-repository.ts';
import { enqueueSms } from './enqueue-sms.ts';
import { loadGroupFor } from './group-access.ts';

export interface EndMembershipRequest {
  readonly customerId: string;
  readonly groupId: string;
  readonly msisdn: string;
}

export async function endGroupMembership(
  deps: { readonly db: Database; readonly now: () => Instant }, request: EndMembershipRequest,
): Promise<{ msisdn: string; status: 'left'; reason: 'left' | 'removed' }> {
  const msisdn = parseMsisdn(request.msisdn);
  const now = deps.now();
  return deps.db.tx(async (sql) => {
    const { group, members, role, ownNumbers } = await loadGroupFor(sql, request.customerId, request.groupId, 'leave', true);
    // The payer taking its own number out has left; any other number the payer takes out is removed.
    const own = ownNumbers.has(msisdn);
    if (role === 'member' && !own) throw new DomainError('FORBIDDEN', 'only the group\'s payer may remove another member');
    const member = members.find((m) => m.msisdn === msisdn);
    const transition = decideDeparture(member?.status);
    if (!transition.ok || !member) throw new DomainError('NOT_FOUND', `${msisdn} is not in this group`);
    const reason = own ? 'left' : 'removed';
    await endMembership(sql, group.id, msisdn, reason, new Date(now));
    await recordGroupEvent(sql, group.id, msisdn, reason, request.customerId, new Date(now));
    if (reason === 'removed' && member.status === 'active' && member.language !== null && member.validUntil !== null) {
      const plan = await findPlanSoldOrRetired(sql, group.planCode);
      const language = member.language;
      await enqueueSms(sql, {
        msisdn, kind: 'group_notice', language,
        text: smsText('group_notice.removed', language, {
          msisdn, plan: plan ? planText(plan, language).name : group.planCode, validUntil: formatSmsDate(member.validUntil, language),
        }),
      }, now);
    }
    return { msisdn, status: 'left', reason };
  });
}
