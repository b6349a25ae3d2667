// A family group as its payer or a member sees it: members with their state (the payer also sees
// each one's validity), and the shared data pool this period with who used what.
import { operatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { planText } from '../domain/catalog.ts';
import { poolPeriodOn, type GroupRole, type MemberStatus } from '../domain/groups.ts';
import type { Locale } from '../domain/money.ts';
import { includedPerPeriod, readPackAllowances } from '../domain/usage-rating.ts';
import type { Database, Sql } from '../db/database.ts';
import { listGroupsOf, poolUseByMember, type GroupRecord, type MemberRecord } from '../db/group-repository.ts';
import { findPlanSoldOrRetired } from '../db/plan-repository.ts';
import { loadGroupFor } from './group-access.ts';

export interface GroupMemberView {
  readonly msisdn: string;
  readonly status: MemberStatus;
  /** The payer sees every member's validity, a member its own; null otherwise or for a number that is not Saxla's. */
  readonly validUntil: IsoDate | null;
}

export interface GroupPoolView {
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  /** Kilobytes: the plan's data per period, shared. */
  readonly included: number;
  readonly used: number;
  readonly left: number;
  /** Who drew what this period, largest first. */
  readonly byMember: readonly { readonly msisdn: string; readonly used: number }[];
}

export interface GroupView {
  readonly groupId: string;
  readonly planCode: string;
  readonly planName: string;
  readonly name: string | null;
  readonly role: Exclude<GroupRole, 'stranger'>;
  readonly maxMembers: number;
  readonly members: readonly GroupMemberView[];
  readonly pool: GroupPoolView | null;
}

export interface GroupDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

async function viewOf(sql: Sql, group: GroupRecord, members: readonly MemberRecord[], role: GroupRole, own: ReadonlySet<string>, today: IsoDate, locale: Locale): Promise<GroupView> {
  const plan = await findPlanSoldOrRetired(sql, group.planCode);
  const included = plan ? includedPerPeriod(readPackAllowances(plan.allowances)).data ?? 0 : 0;
  const period = poolPeriodOn(group.createdOn, today);
  const byMember = period ? await poolUseByMember(sql, group.id, period.start) : [];
  const used = byMember.reduce((sum, m) => sum + m.used, 0);
  return {
    groupId: group.id,
    planCode: group.planCode,
    planName: plan ? planText(plan, locale).name : group.planCode,
    name: group.name,
    role: role === 'payer' ? 'payer' : 'member',
    maxMembers: plan?.allowances.lines ?? 0,
    members: members.map((m) => ({
      msisdn: m.msisdn, status: m.status,
      validUntil: m.status === 'active' && (role === 'payer' || own.has(m.msisdn)) ? m.validUntil : null,
    })),
    pool: period && included > 0 ? { periodStart: period.start, periodEnd: period.end, included, used, left: Math.max(0, included - used), byMember } : null,
  };
}

export async function getGroup(deps: GroupDeps, customerId: string, groupId: string, locale: Locale): Promise<GroupView> {
  const today = operatorDay(deps.now());
  return deps.db.tx(async (sql) => {
    const { group, members, role, ownNumbers } = await loadGroupFor(sql, customerId, groupId, 'view');
    return viewOf(sql, group, members, role, ownNumbers, today, locale);
  });
}

/** The groups this customer pays for or is a member of, newest first. */
export async function listGroups(deps: GroupDeps, customerId: string, locale: Locale): Promise<GroupView[]> {
  const today = operatorDay(deps.now());
  return deps.db.tx(async (sql) => {
    const views: GroupView[] = [];
    for (const group of await listGroupsOf(sql, customerId)) {
      const { members, role, ownNumbers } = await loadGroupFor(sql, customerId, group.id, 'view');
      views.push(await viewOf(sql, group, members, role, ownNumbers, today, locale));
    }
    return views;
  });
}
