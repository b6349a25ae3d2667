// Family groups, their members, what happened to each membership, and the shared data pool's use
// (migration 0050). A row is never deleted: leaving and removal are states.
import type { IsoDate } from '../domain/calendar.ts';
import type { MemberStatus } from '../domain/groups.ts';
import type { Locale } from '../domain/money.ts';
import type { Sql } from './database.ts';

export interface GroupRecord {
  readonly id: string;
  readonly planCode: string;
  readonly payerId: string;
  readonly name: string | null;
  readonly createdOn: IsoDate;
}

export interface MemberRecord {
  readonly msisdn: string;
  readonly status: MemberStatus;
  readonly invitedAt: Date;
  readonly joinedAt: Date | null;
  readonly leftAt: Date | null;
  /** The line's, when the number is a Saxla line. */
  readonly validUntil: IsoDate | null;
  readonly lineStatus: string | null;
  readonly language: Locale | null;
}

interface GroupRow { id: string; plan_code: string; payer_id: string; name: string | null; created_on: string }

const groupColumns = "id, plan_code, payer_id, name, to_char(created_on, 'YYYY-MM-DD') as created_on";

function toGroup(row: GroupRow): GroupRecord {
  return { id: row.id, planCode: row.plan_code, payerId: row.payer_id, name: row.name, createdOn: row.created_on as IsoDate };
}

export async function insertGroup(sql: Sql, group: GroupRecord, at: Date): Promise<void> {
  await sql.query(
    'insert into line_groups (id, plan_code, payer_id, name, created_on, created_at) values ($1, $2, $3, $4, $5, $6)',
    [group.id, group.planCode, group.payerId, group.name, group.createdOn, at]);
}

/** The group, its row locked until the transaction ends with `lock` (membership changes take turns). */
export async function findGroup(sql: Sql, groupId: string, lock = false): Promise<GroupRecord | undefined> {
  const [row] = await sql.query<GroupRow>(
    `select ${groupColumns} from line_groups where id = $1::uuid${lock ? ' for update' : ''}`, [groupId]);
  return row ? toGroup(row) : undefined;
}

/** Groups this customer pays for or holds a member's number in (a live link), newest first. */
export async function listGroupsOf(sql: Sql, customerId: string): Promise<GroupRecord[]> {
  const rows = await sql.query<GroupRow>(
    `select ${groupColumns} from line_groups g
      where g.payer_id = $1::uuid
         or exists (select 1 from group_members m join customer_lines c on c.msisdn = m.msisdn and c.detached_at is null
                     where m.group_id = g.id and c.customer_id = $1::uuid and m.status <> 'left')
      order by g.created_at desc, g.id`,
    [customerId]);
  return rows.map(toGroup);
}

/** Every membership of the group, the current ones first, each with its line's validity when it is a Saxla line. */
export async function listMembers(sql: Sql, groupId: string): Promise<MemberRecord[]> {
  const rows = await sql.query<{
    msisdn: string; status: MemberStatus; invited_at: Date; joined_at: Date | null; left_at: Date | null;
    valid_until: string | null; line_status: string | null; language: Locale | null;
  }>(
    `select m.msisdn, m.status, m.invited_at, m.joined_at, m.left_at,
            to_char(l.valid_until, 'YYYY-MM-DD') as valid_until, l.status as line_status, l.language
       from group_members m left join lines l on l.msisdn = m.msisdn
      where m.group_id = $1::uuid
      order by (m.status = 'left'), m.invited_at, m.msisdn`,
    [groupId]);
  return rows.map((r) => ({
    msisdn: r.msisdn, status: r.status, invitedAt: r.invited_at, joinedAt: r.joined_at, leftAt: r.left_at,
    validUntil: r.valid_until as IsoDate | null, lineStatus: r.line_status, language: r.language,
  }));
}

/** Which of these numbers the customer holds (a live link): a member acting on its own number. */
export async function linkedOf(sql: Sql, customerId: string, msisdns: readonly string[]): Promise<Set<string>> {
  const rows = await sql.query<{ msisdn: string }>(
    'select msisdn from customer_lines where customer_id = $1::uuid and msisdn = any($2::text[]) and detached_at is null',
    [customerId, msisdns]);
  return new Set(rows.map((r) => r.msisdn));
}

/** An invitation: a new row, or a number that left invited again. */
export async function putInvitation(sql: Sql, groupId: string, msisdn: string, at: Date): Promise<void> {
  await sql.query(
    `insert into group_members (group_id, msisdn, status, invited_at) values ($1::uuid, $2, 'invited', $3)
     on conflict (group_id, msisdn) do update
        set status = 'invited', invited_at = excluded.invited_at, joined_at = null, left_at = null, left_reason = null`,
    [groupId, msisdn, at]);
}

/**
 * Makes an invited number a member. False when the number is active in another group already (a
 * number draws on one pool): the unique index decides, so two consents at once cannot both win.
 */
export async function activateMember(sql: Sql, groupId: string, msisdn: string, at: Date): Promise<boolean> {
  const busy = await sql.query<{ n: number }>(
    "select 1 as n from group_members where msisdn = $1 and status = 'active' and group_id <> $2::uuid", [msisdn, groupId]);
  if (busy.length > 0) return false;
  await sql.query(
    "update group_members set status = 'active', joined_at = $3 where group_id = $1::uuid and msisdn = $2 and status = 'invited'",
    [groupId, msisdn, at]);
  return true;
}

export async function endMembership(sql: Sql, groupId: string, msisdn: string, reason: 'left' | 'removed', at: Date): Promise<void> {
  await sql.query(
    "update group_members set status = 'left', left_at = $3, left_reason = $4 where group_id = $1::uuid and msisdn = $2 and status <> 'left'",
    [groupId, msisdn, at, reason]);
}

export type GroupEvent = 'invited' | 'joined' | 'left' | 'removed';

export async function recordGroupEvent(sql: Sql, groupId: string, msisdn: string, event: GroupEvent, customerId: string | null, at: Date): Promise<void> {
  await sql.query('insert into group_events (group_id, msisdn, event, customer_id, at) values ($1::uuid, $2, $3, $4, $5)',
    [groupId, msisdn, event, customerId, at]);
}

/** What each member drew from the pool in the period that starts on `periodStart`, largest first. */
export async function poolUseByMember(sql: Sql, groupId: string, periodStart: IsoDate): Promise<{ msisdn: string; used: number }[]> {
  return sql.query<{ msisdn: string; used: number }>(
    'select msisdn, used from group_pool_usage where group_id = $1::uuid and period_start = $2 order by used desc, msisdn',
    [groupId, periodStart]);
}

/** The pool a line draws its data from: the family group it is active in, with that plan's allowances. */
export interface LinePool {
  readonly groupId: string;
  readonly createdOn: IsoDate;
  /** The group plan's allowances as stored (checked by the domain where used). */
  readonly allowances: unknown;
}

/**
 * The pools of these lines (those active in a group), the groups' rows locked in id order: two
 * usage batches drawing on one pool take turns, so neither reads a total the other is changing.
 */
export async function lockPoolsOfLines(sql: Sql, msisdns: readonly string[]): Promise<Map<string, LinePool>> {
  if (msisdns.length === 0) return new Map();
  const rows = await sql.query<{ msisdn: string; group_id: string; created_on: string; allowances: unknown }>(
    `with locked as (
       select g.id, to_char(g.created_on, 'YYYY-MM-DD') as created_on, p.allowances
         from line_groups g join plans p on p.code = g.plan_code
        where g.id in (select group_id from group_members where msisdn = any($1::text[]) and status = 'active')
        order by g.id
          for update of g)
     select m.msisdn, l.id as group_id, l.created_on, l.allowances
       from group_members m join locked l on l.id = m.group_id
      where m.msisdn = any($1::text[]) and m.status = 'active'`,
    [msisdns]);
  return new Map(rows.map((r) => [r.msisdn, { groupId: r.group_id, createdOn: r.created_on as IsoDate, allowances: r.allowances }]));
}

/** Each pool's total use in each period asked for (pairs of group and period start). */
export async function findPoolsUsed(sql: Sql, groupIds: readonly string[], periodStarts: readonly string[]): Promise<{ groupId: string; periodStart: IsoDate; used: number }[]> {
  if (groupIds.length === 0) return [];
  const rows = await sql.query<{ group_id: string; period_start: string; used: number }>(
    `select u.group_id, to_char(u.period_start, 'YYYY-MM-DD') as period_start, sum(u.used)::int8 as used
       from group_pool_usage u
       join unnest($1::uuid[], $2::date[]) as k(group_id, period_start) using (group_id, period_start)
      group by u.group_id, u.period_start`,
    [groupIds, periodStarts]);
  return rows.map((r) => ({ groupId: r.group_id, periodStart: r.period_start as IsoDate, used: r.used }));
}

export interface PoolUseRow {
  readonly groupId: string;
  readonly periodStart: IsoDate;
  readonly msisdn: string;
  readonly used: number;
}

export async function addPoolUse(sql: Sql, rows: readonly PoolUseRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql.query(
    `insert into group_pool_usage (group_id, period_start, msisdn, used)
     select group_id, period_start, msisdn, used
       from jsonb_to_recordset($1::jsonb) as r(group_id uuid, period_start date, msisdn text, used bigint)
     on conflict (group_id, period_start, msisdn) do update set used = group_pool_usage.used + excluded.used`,
    [JSON.stringify(rows.map((r) => ({ group_id: r.groupId, period_start: r.periodStart, msisdn: r.msisdn, used: r.used })))]);
}

/** The pool this line draws its data from now (read only; rating locks with lockPoolsOfLines). */
export async function findPoolOfLine(sql: Sql, msisdn: string): Promise<LinePool | undefined> {
  const [row] = await sql.query<{ group_id: string; created_on: string; allowances: unknown }>(
    `select g.id as group_id, to_char(g.created_on, 'YYYY-MM-DD') as created_on, p.allowances
       from group_members m join line_groups g on g.id = m.group_id join plans p on p.code = g.plan_code
      where m.msisdn = $1 and m.status = 'active'`,
    [msisdn]);
  return row ? { groupId: row.group_id, createdOn: row.created_on as IsoDate, allowances: row.allowances } : undefined;
}
