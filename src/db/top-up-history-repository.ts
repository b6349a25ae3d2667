// A line's recent top-ups, read from the ledger (cash, partner and paid top-ups alike).
import type { Msisdn } from '../domain/msisdn.ts';
import type { Sql } from './database.ts';

export interface TopUpRow {
  readonly amount: number;
  readonly createdAt: Date;
}

export async function listRecentTopUps(sql: Sql, msisdn: Msisdn, limit: number): Promise<TopUpRow[]> {
  // ledger_entries_msisdn (msisdn, id) serves this newest-first scan.
  const rows = await sql.query<{ amount: number; created_at: Date }>(
    `select amount, created_at from ledger_entries
      where msisdn = $1 and kind = 'top_up' order by id desc limit $2`,
    [msisdn, limit],
  );
  return rows.map((r) => ({ amount: r.amount, createdAt: new Date(r.created_at) }));
}
