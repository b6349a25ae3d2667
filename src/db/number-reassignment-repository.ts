// Numbers that changed hands (migration 0059): written in the transaction that gave the number
// to its new holder; read only as "did it change hands since that moment".
import type { Sql } from './database.ts';

export interface ReassignmentToRecord {
  readonly msisdn: string;
  readonly at: Date;
  readonly cause: 'reprovision';
  readonly oldIccid: string;
  readonly newIccid: string;
}

export async function recordReassignment(sql: Sql, event: ReassignmentToRecord): Promise<void> {
  await sql.query(
    'insert into number_reassignments (msisdn, reassigned_at, cause, old_iccid, new_iccid) values ($1, $2, $3, $4, $5)',
    [event.msisdn, event.at, event.cause, event.oldIccid, event.newIccid]);
}

export async function wasReassignedSince(sql: Sql, msisdn: string, since: Date): Promise<boolean> {
  const rows = await sql.query('select 1 from number_reassignments where msisdn = $1 and reassigned_at >= $2 limit 1', [msisdn, since]);
  return rows.length > 0;
}

/** The stored line's SIM and stage, for provisioning to tell a released number from a live one. */
export async function findStoredLineStages(sql: Sql, msisdns: readonly string[]): Promise<Map<string, { iccid: string; status: string }>> {
  const rows = await sql.query<{ msisdn: string; iccid: string; status: string }>(
    'select msisdn, iccid, status from lines where msisdn = any($1::text[])', [msisdns]);
  return new Map(rows.map((r) => [r.msisdn, { iccid: r.iccid, status: r.status }]));
}

/** The SIM and language are the new holder's; balance and validity changed through the ledger already. */
export async function setLineSim(sql: Sql, msisdn: string, iccid: string, language: string, at: Date): Promise<void> {
  await sql.query('update lines set iccid = $2, language = $3, updated_at = $4 where msisdn = $1', [msisdn, iccid, language, at]);
}

/**
 * Ends what tied the former holder to the number: live extra SIMs, family group memberships
 * (invited or active; recorded as removed by nobody) and the monthly budget. Returns what ended.
 */
export async function endFormerHolderTies(sql: Sql, msisdn: string, at: Date): Promise<{ sims: number; memberships: number }> {
  const [row] = await sql.query<{ sims: number; memberships: number }>(
    `with sims as (
       update line_sims set removed_at = $2, removed_reason = 'number_reassigned'
        where msisdn = $1 and removed_at is null returning 1
     ), members as (
       update group_members set status = 'left', left_at = $2, left_reason = 'removed'
        where msisdn = $1 and status <> 'left' returning group_id
     ), events as (
       insert into group_events (group_id, msisdn, event, customer_id, at) select group_id, $1, 'removed', null, $2 from members
     ), budget as (
       delete from line_budgets where msisdn = $1
     )
     select (select count(*) from sims)::int8 as sims, (select count(*) from members)::int8 as memberships`,
    [msisdn, at]);
  return { sims: row?.sims ?? 0, memberships: row?.memberships ?? 0 };
}
