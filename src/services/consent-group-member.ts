// A member joins with the code its number received, typed by the member or by the payer it was
// passed to. Only then does the number share the plan and draw on the pool.
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { decideConsent } from '../domain/groups.ts';
import type { Locale } from '../domain/money.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import type { Database } from '../db/database.ts';
import { activateMember, recordGroupEvent } from '../db/group-repository.ts';
import { getGroup, type GroupView } from './get-group.ts';
import { loadGroupFor } from './group-access.ts';
import { checkOneTimeCode, codeFailureError, type CodeFailure } from './one-time-codes.ts';

export interface ConsentRequest {
  readonly customerId: string;
  readonly groupId: string;
  readonly msisdn: string;
  readonly code: string;
  readonly address: string;
  readonly locale: Locale;
}

type Deps = { readonly db: Database; readonly now: () => Instant; readonly secret: string };

export async function consentGroupMember(deps: Deps, request: ConsentRequest): Promise<GroupView> {
  const msisdn = parseMsisdn(request.msisdn);
  const now = deps.now();
  // A wrong code is committed (it counts towards the guesser's limits), then refused.
  const failure = await deps.db.tx(async (sql): Promise<CodeFailure | undefined> => {
    const { group, members, role, ownNumbers } = await loadGroupFor(sql, request.customerId, request.groupId, 'consent', true);
    if (role === 'member' && !ownNumbers.has(msisdn)) throw new DomainError('FORBIDDEN', 'a member consents only for its own number');
    const transition = decideConsent(members.find((m) => m.msisdn === msisdn)?.status);
    if (!transition.ok) throw new DomainError('GROUP_MEMBER_CONFLICT', transition.message);
    const check = await checkOneTimeCode(sql, deps.secret, { purpose: 'group_join', msisdn, code: request.code, customerId: group.payerId, address: request.address }, now);
    if (!check.ok) return check.failure;
    if (!await activateMember(sql, group.id, msisdn, new Date(now))) {
      throw new DomainError('GROUP_MEMBER_CONFLICT', `${msisdn} already shares another family plan; it must leave that one first`);
    }
    await recordGroupEvent(sql, group.id, msisdn, 'joined', request.customerId, new Date(now));
    return undefined;
  });
  if (failure !== undefined) throw codeFailureError(failure);
  return getGroup(deps, request.customerId, request.groupId, request.locale);
}
