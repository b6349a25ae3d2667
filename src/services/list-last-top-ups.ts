// A line's last top-ups as customers see them (day in Baku, amount), newest first.
import { operatorDay, instantFromEpochMs } from '../domain/calendar.ts';
import { qepik } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { TopUpRecord } from '../domain/ussd-menu.ts';
import type { Sql } from '../db/database.ts';
import { listRecentTopUps } from '../db/top-up-history-repository.ts';

export async function listLastTopUps(sql: Sql, msisdn: Msisdn, limit = 5): Promise<TopUpRecord[]> {
  const rows = await listRecentTopUps(sql, msisdn, limit);
  return rows.map((r) => ({ day: operatorDay(instantFromEpochMs(r.createdAt.getTime())), amount: qepik(r.amount) }));
}
