// The catalog in the database: plans are documents checked by the domain on the way in and out.
import { parsePlan, sortPlans, type Plan } from '../domain/catalog.ts';
import type { Sql } from './database.ts';

/** A plans row as stored (also read inside other queries, as JSON with these keys). */
export interface PlanRow {
  code: string;
  kind: string;
  monthly_price: number;
  durations: number[];
  allowances: unknown;
  texts: unknown;
  sort_order: number;
}

export function toPlan(row: PlanRow): Plan {
  return parsePlan({
    code: row.code, kind: row.kind, monthlyPrice: row.monthly_price, durations: row.durations,
    allowances: row.allowances, texts: row.texts, sortOrder: row.sort_order,
  });
}

export async function upsertPlans(sql: Sql, plans: readonly Plan[]): Promise<void> {
  for (const p of plans) {
    await sql.query(
      `insert into plans (code, kind, monthly_price, durations, allowances, texts, sort_order, active)
       values ($1, $2, $3, $4, $5, $6, $7, true)
       on conflict (code) do update set kind = excluded.kind, monthly_price = excluded.monthly_price,
         durations = excluded.durations, allowances = excluded.allowances, texts = excluded.texts,
         sort_order = excluded.sort_order, active = true`,
      [p.code, p.kind, p.monthlyPrice, p.durations, JSON.stringify(p.allowances), JSON.stringify(p.texts), p.sortOrder],
    );
  }
}

export async function listActivePlans(sql: Sql): Promise<Plan[]> {
  const rows = await sql.query<PlanRow>('select code, kind, monthly_price, durations, allowances, texts, sort_order from plans where active');
  return sortPlans(rows.map(toPlan));
}

export async function findPlan(sql: Sql, code: string): Promise<Plan | undefined> {
  const [row] = await sql.query<PlanRow>('select code, kind, monthly_price, durations, allowances, texts, sort_order from plans where code = $1 and active', [code]);
  return row ? toPlan(row) : undefined;
}

export async function countPlans(sql: Sql): Promise<number> {
  const [row] = await sql.query<{ plans: number }>('select count(*)::int8 as plans from plans');
  return row?.plans ?? 0;
}
