// Loads a family group with its members and decides who the caller is to it (payer, member or
// stranger), for every group use case. A stranger is told the group does not exist.
import { assertMayDo, type GroupAction, type GroupRole } from '../domain/groups.ts';
import { DomainError } from '../domain/errors.ts';
import type { Sql } from '../db/database.ts';
import { findGroup, linkedOf, listMembers, type GroupRecord, type MemberRecord } from '../db/group-repository.ts';

export interface GroupInContext {
  readonly group: GroupRecord;
  readonly members: readonly MemberRecord[];
  readonly role: GroupRole;
  /** The members' numbers the caller holds (its own lines in the group). */
  readonly ownNumbers: ReadonlySet<string>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The group as this customer may see it; `lock` makes membership changes of one group take turns. */
export async function loadGroupFor(sql: Sql, customerId: string, groupId: string, action: GroupAction, lock = false): Promise<GroupInContext> {
  // A malformed id is a group that does not exist (never a database error).
  const group = uuidPattern.test(groupId) ? await findGroup(sql, groupId, lock) : undefined;
  if (!group) throw new DomainError('NOT_FOUND', `no group ${groupId}`);
  const members = await listMembers(sql, group.id);
  const ownNumbers = await linkedOf(sql, customerId, members.filter((m) => m.status !== 'left').map((m) => m.msisdn));
  const role: GroupRole = group.payerId === customerId ? 'payer' : ownNumbers.size > 0 ? 'member' : 'stranger';
  assertMayDo(role, action, groupId);
  return { group, members, role, ownNumbers };
}
