// Family and multi-SIM groups (issue 13): who may join, who may do what, how many, and the shared
// data pool's periods. Pure rules; the services load the group, decide here, then save.
//
// A family group is a payer's account plus numbers that each joined with a code sent to them; the
// plan's `allowances.lines` is how many numbers it holds. A multi-SIM plan is one number on up to
// `allowances.lines` SIMs (the main SIM counts), so its extra SIMs hang off that number, not a group.
import { addDays, addMonths, type IsoDate } from './calendar.ts';
import type { PlanAllowances } from './catalog.ts';
import { DomainError } from './errors.ts';
import type { PlanKind } from './vocabularies.ts';

/** The plan kinds that are shared, and so what kind of sharing each one is. */
export const groupKinds = ['family', 'multi_sim'] as const;
export type GroupKind = (typeof groupKinds)[number];

/** A member's state: invited (a code went to the number), active (it consented), left (left or was removed). */
export const memberStatuses = ['invited', 'active', 'left'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

/** What the plan allows; a plan that is not shared has no group rules at all. */
export interface SharedPlan {
  readonly code: string;
  readonly kind: PlanKind;
  readonly allowances: PlanAllowances;
}

export function groupKindOf(plan: Pick<SharedPlan, 'kind'>): GroupKind | null {
  return plan.kind === 'family' || plan.kind === 'multi_sim' ? plan.kind : null;
}

/** Numbers a family group may hold (invited and active together), or SIMs on a multi-SIM number. */
export function sharedLinesOf(plan: SharedPlan): number {
  // catalog.ts requires `lines` (2 to 10) on shared plans; 1 is what a plan without it shares.
  return groupKindOf(plan) === null ? 1 : Math.max(1, plan.allowances.lines ?? 1);
}

/** Refuses a plan that cannot make a family group: not shared, or multi-SIM (SIMs go on the number). */
export function assertFamilyPlan(plan: SharedPlan): void {
  const kind = groupKindOf(plan);
  if (kind === 'family') return;
  throw new DomainError('GROUP_PLAN_NOT_SHARED', kind === 'multi_sim'
    ? `${plan.code} puts more SIMs on one number: add them on that number's SIMs, not in a group`
    : `${plan.code} is not a family plan: only a family plan is shared by several numbers`);
}

export interface Member {
  readonly msisdn: string;
  readonly status: MemberStatus;
}

/** Members holding a place: an invitation keeps a place until it is answered or withdrawn. */
export function placesTaken(members: readonly Member[]): number {
  return members.filter((m) => m.status !== 'left').length;
}

/** Who is asking about a group: its payer, the customer who holds a member's number, or anyone else. */
export type GroupRole = 'payer' | 'member' | 'stranger';

export type GroupAction = 'view' | 'invite' | 'consent' | 'leave' | 'remove' | 'renew_all';

/**
 * Who may do what. The payer runs the group; a member may see it, consent to its own invitation
 * (with the code its number received) and leave; anyone else sees nothing, as if it did not exist.
 * The payer may consent too: the member may pass the code on instead of typing it.
 */
export function mayDo(role: GroupRole, action: GroupAction): boolean {
  // The payer may also take its own number out: leaving is removing oneself.
  if (role === 'payer') return true;
  if (role === 'member') return action === 'view' || action === 'consent' || action === 'leave';
  return false;
}

/** Refused like a group that does not exist, so nobody learns which groups there are. */
export function assertMayDo(role: GroupRole, action: GroupAction, groupId: string): void {
  if (mayDo(role, action)) return;
  if (role === 'stranger' || action === 'view') throw new DomainError('NOT_FOUND', `no group ${groupId}`);
  throw new DomainError('FORBIDDEN', `only the group's payer may ${action === 'renew_all' ? 'renew all members' : `${action} members`}`);
}

export type InviteDecision =
  | { readonly ok: true; readonly reinvite: boolean }
  | { readonly ok: false; readonly code: 'GROUP_FULL' | 'GROUP_MEMBER_CONFLICT'; readonly message: string };

/**
 * Whether this number may be invited: not already invited or active here, and a place free. A
 * number that left may be invited again (a new code, a new consent).
 */
export function decideInvite(plan: SharedPlan, members: readonly Member[], msisdn: string): InviteDecision {
  const current = members.find((m) => m.msisdn === msisdn);
  if (current && current.status !== 'left') {
    return { ok: false, code: 'GROUP_MEMBER_CONFLICT', message: `${msisdn} is already ${current.status === 'active' ? 'in this group' : 'invited'}` };
  }
  const max = sharedLinesOf(plan);
  if (placesTaken(members) >= max) {
    return { ok: false, code: 'GROUP_FULL', message: `this plan is shared by at most ${max} numbers; remove one or wait for an invitation to be withdrawn` };
  }
  return { ok: true, reinvite: current !== undefined };
}

/** The state a member moves to, or why it cannot. */
export type Transition =
  | { readonly ok: true; readonly to: MemberStatus }
  | { readonly ok: false; readonly message: string };

/** Consent turns an invitation into membership; anything else has nothing to consent to. */
export function decideConsent(status: MemberStatus | undefined): Transition {
  return status === 'invited' ? { ok: true, to: 'active' } : { ok: false, message: 'there is no open invitation for this number in this group' };
}

/** Leaving (by the member) or removal (by the payer) ends an invitation or a membership alike. */
export function decideDeparture(status: MemberStatus | undefined): Transition {
  return status === 'invited' || status === 'active' ? { ok: true, to: 'left' } : { ok: false, message: 'this number is not in this group' };
}

export interface PoolPeriod {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

/**
 * The shared pool's period containing `day`: Baku days, both ends included, monthly from the day
 * the group was created (its members' own validity ends differ, so none of them can anchor it). A
 * group made on 31 January has periods 31 Jan–27 Feb, 28 Feb–30 Mar, 31 Mar–…: each start is
 * counted from the creation day, so a short month never shifts the later ones. Before the group
 * existed there is no pool: null.
 */
export function poolPeriodOn(createdOn: IsoDate, day: IsoDate): PoolPeriod | null {
  if (day < createdOn) return null;
  const months = (Number(day.slice(0, 4)) - Number(createdOn.slice(0, 4))) * 12 + Number(day.slice(5, 7)) - Number(createdOn.slice(5, 7));
  // The k-th start is at most one month off the calendar count: step back or on to the right one.
  let k = Math.max(0, months);
  while (k > 0 && addMonths(createdOn, k) > day) k--;
  while (addMonths(createdOn, k + 1) <= day) k++;
  return { start: addMonths(createdOn, k), end: addDays(addMonths(createdOn, k + 1), -1) };
}

/** The last 4 digits of an ICCID: how a customer and the counter tell SIMs apart without the whole serial. */
export function iccidTail(iccid: string): string {
  return iccid.slice(-4);
}

/** Whether one more SIM fits on a multi-SIM number that has `sims` (the main SIM counted). */
export function maySimBeAdded(plan: SharedPlan | undefined, sims: number): { readonly ok: true } | { readonly ok: false; readonly code: 'GROUP_PLAN_NOT_SHARED' | 'SIM_LIMIT_REACHED'; readonly message: string } {
  if (!plan || groupKindOf(plan) !== 'multi_sim') {
    return { ok: false, code: 'GROUP_PLAN_NOT_SHARED', message: 'only a number on a Multi-SIM plan can have more SIMs' };
  }
  const max = sharedLinesOf(plan);
  return sims < max ? { ok: true } : { ok: false, code: 'SIM_LIMIT_REACHED', message: `this plan allows at most ${max} SIMs on one number` };
}
