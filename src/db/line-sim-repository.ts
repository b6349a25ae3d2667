// The extra SIMs of multi-SIM numbers and the online requests to add one (migration 0051). Rows
// are never deleted: a removal is stamped with its time and who made it.
import type { Sql } from './database.ts';

export interface SimRecord {
  readonly id: string;
  readonly msisdn: string;
  readonly iccid: string;
  readonly channel: 'counter' | 'online';
  readonly addedAt: Date;
}

export type SimActor = { readonly staffId: string } | { readonly customerId: string };

export async function listLiveSims(sql: Sql, msisdn: string): Promise<SimRecord[]> {
  const rows = await sql.query<{ id: string; msisdn: string; iccid: string; channel: 'counter' | 'online'; added_at: Date }>(
    'select id, msisdn, iccid, channel, added_at from line_sims where msisdn = $1 and removed_at is null order by added_at, id', [msisdn]);
  return rows.map((r) => ({ id: r.id, msisdn: r.msisdn, iccid: r.iccid, channel: r.channel, addedAt: r.added_at }));
}

/** Whether the ICCID serves a number now: as a line's main SIM or as an extra SIM. */
export async function iccidInUse(sql: Sql, iccid: string): Promise<boolean> {
  const rows = await sql.query<{ n: number }>(
    'select 1 as n from lines where iccid = $1 union all select 1 from line_sims where iccid = $1 and removed_at is null limit 1', [iccid]);
  return rows.length > 0;
}

export async function insertSim(sql: Sql, sim: { id: string; msisdn: string; iccid: string; actor: SimActor }, at: Date): Promise<void> {
  const staffId = 'staffId' in sim.actor ? sim.actor.staffId : null;
  const customerId = 'customerId' in sim.actor ? sim.actor.customerId : null;
  await sql.query(
    `insert into line_sims (id, msisdn, iccid, channel, added_by_staff, added_by_customer, added_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [sim.id, sim.msisdn, sim.iccid, staffId === null ? 'online' : 'counter', staffId, customerId, at]);
}

/** Stamps the removal; false when the SIM is not a live SIM of that number. */
export async function markSimRemoved(sql: Sql, msisdn: string, simId: string, actor: SimActor, at: Date): Promise<SimRecord | undefined> {
  const staffId = 'staffId' in actor ? actor.staffId : null;
  const customerId = 'customerId' in actor ? actor.customerId : null;
  const [row] = await sql.query<{ id: string; msisdn: string; iccid: string; channel: 'counter' | 'online'; added_at: Date }>(
    `update line_sims set removed_at = $3, removed_by_staff = $4, removed_by_customer = $5
      where id = $2::uuid and msisdn = $1 and removed_at is null
      returning id, msisdn, iccid, channel, added_at`,
    [msisdn, simId, at, staffId, customerId]);
  return row ? { id: row.id, msisdn: row.msisdn, iccid: row.iccid, channel: row.channel, addedAt: row.added_at } : undefined;
}

export async function insertSimRequest(sql: Sql, request: { msisdn: string; customerId: string; iccid: string }, at: Date): Promise<void> {
  await sql.query('insert into line_sim_requests (msisdn, customer_id, iccid, created_at) values ($1, $2, $3, $4)',
    [request.msisdn, request.customerId, request.iccid, at]);
}

/** The ICCID this customer last asked to add to this number since `since`. */
export async function latestSimRequest(sql: Sql, msisdn: string, customerId: string, since: Date): Promise<string | undefined> {
  const [row] = await sql.query<{ iccid: string }>(
    `select iccid from line_sim_requests where msisdn = $1 and customer_id = $2::uuid and created_at > $3
      order by created_at desc, id desc limit 1`,
    [msisdn, customerId, since]);
  return row?.iccid;
}

/** Locks the number's row: SIMs of one number are added and removed one at a time, so the plan's count holds. */
export async function lockNumberForSims(sql: Sql, msisdn: string): Promise<void> {
  await sql.query('select msisdn from lines where msisdn = $1 for update', [msisdn]);
}
