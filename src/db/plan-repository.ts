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

/** How an import changed a table: rows added, rows changed; rows equal to the file are not counted. */
export interface UpsertCounts {
  readonly created: number;
  readonly updated: number;
}

/**
 * Writes plans as the operator's file has them. A row that already says the same is not touched
 * (the `where … is distinct from`), so a second import of one file changes nothing and says so.
 */
export async function importPlans(sql: Sql, entries: readonly { readonly plan: Plan; readonly active: boolean }[]): Promise<UpsertCounts> {
  let created = 0;
  let updated = 0;
  for (const { plan: p, active } of entries) {
    const [row] = await sql.query<{ created: boolean }>(
      `insert into plans (code, kind, monthly_price, durations, allowances, texts, sort_order, active)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (code) do update set kind = excluded.kind, monthly_price = excluded.monthly_price,
         durations = excluded.durations, allowances = excluded.allowances, texts = excluded.texts,
         sort_order = excluded.sort_order, active = excluded.active
       where (plans.kind, plans.monthly_price, plans.durations, plans.allowances, plans.texts, plans.sort_order, plans.active)
         is distinct from (excluded.kind, excluded.monthly_price, excluded.durations, excluded.allowances, excluded.texts, excluded.sort_order, excluded.active)
       returning (xmax = 0) as created`,
      [p.code, p.kind, p.monthlyPrice, p.durations, JSON.stringify(p.allowances), JSON.stringify(p.texts), p.sortOrder, active],
    );
    if (row?.created) created += 1;
    else if (row) updated += 1;
  }
  return { created, updated };
}

/** Every plan code there is, sold or not: a promotion may name a plan the file does not carry. */
export async function listPlanCodes(sql: Sql): Promise<string[]> {
  return (await sql.query<{ code: string }>('select code from plans')).map((r) => r.code);
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

/** A plan sold or retired: a line keeps the plan it paid for after the plan leaves the shelf, and its name still shows. */
export async function findPlanSoldOrRetired(sql: Sql, code: string): Promise<Plan | undefined> {
  const [row] = await sql.query<PlanRow>('select code, kind, monthly_price, durations, allowances, texts, sort_order from plans where code = $1', [code]);
  return row ? toPlan(row) : undefined;
}

/** Every plan, withdrawn ones too: an old order or line still names a plan no longer sold. */
export async function listAllPlans(sql: Sql): Promise<Plan[]> {
  const rows = await sql.query<PlanRow>('select code, kind, monthly_price, durations, allowances, texts, sort_order from plans');
  return sortPlans(rows.map(toPlan));
}
