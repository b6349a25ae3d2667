// What pricing a renewal reads, in one round trip: for each item, whether the customer may see
// the line, the line, its scheduled plan and the active plan it names; and the active promotions. The same rows the
// separate look-ups (visibleLines, findLine, findPlan, listActivePromotions) return, read from one
// snapshot instead of four; nothing is parsed here, so each refusal still comes where it did.
import { parseIsoDate } from '../domain/calendar.ts';
import type { Line } from '../domain/line.ts';
import type { ScheduledPlan } from '../domain/plan-change.ts';
import type { Sql } from './database.ts';
import { toLine, type LineRow } from './line-repository.ts';
import type { PlanRow } from './plan-repository.ts';

export interface RenewalInput {
  /** Linked to the customer, or an active member of a family group it pays for (always false when no customer was named). */
  readonly visible: boolean;
  readonly line: Line | undefined;
  readonly planRow: PlanRow | undefined;
  /** A plan chosen to follow the paid one (scheduled_plans), or null. */
  readonly scheduled: ScheduledPlan | null;
}

interface InputRow extends Partial<LineRow> {
  visible: boolean;
  p_code: string | null; p_kind: string; p_monthly_price: number; p_durations: number[]; p_allowances: unknown; p_texts: unknown; p_sort_order: number;
  promotions: unknown[];
  next_plan: string | null; next_starts_on: string | null;
}

export async function loadRenewalInputs(
  sql: Sql, customerId: string | null, items: readonly { readonly msisdn: string; readonly planCode: string }[],
): Promise<{ readonly items: readonly RenewalInput[]; readonly promotionDocuments: readonly unknown[] }> {
  const rows = await sql.query<InputRow>(
    `select (exists (select 1 from customer_lines c
                      where c.customer_id = $1::uuid and c.msisdn = m.msisdn and c.detached_at is null)
             -- A family group's payer renews its active members (issue 13) without holding their lines.
             or exists (select 1 from group_members gm join line_groups g on g.id = gm.group_id
                         where g.payer_id = $1::uuid and gm.msisdn = m.msisdn and gm.status = 'active')) as visible,
            l.msisdn, l.iccid, l.status, l.balance, l.valid_until, l.plan_code, l.language,
            p.code as p_code, p.kind as p_kind, p.monthly_price as p_monthly_price, p.durations as p_durations,
            p.allowances as p_allowances, p.texts as p_texts, p.sort_order as p_sort_order,
            (select coalesce(jsonb_agg(document order by code), '[]'::jsonb) from promotions where active) as promotions,
            s.plan_code as next_plan, s.starts_on::text as next_starts_on
       from unnest($2::text[], $3::text[]) with ordinality as m(msisdn, plan_code, ord)
       left join lines l on l.msisdn = m.msisdn
       left join plans p on p.code = m.plan_code and p.active
       left join scheduled_plans s on s.msisdn = m.msisdn
      order by m.ord`,
    [customerId, items.map((i) => i.msisdn), items.map((i) => i.planCode)]);
  // No items, no rows (a caller outside HTTP, which needs at least one): the promotions alone.
  const promotionDocuments = rows[0]?.promotions
    ?? (await sql.query<{ document: unknown }>('select document from promotions where active order by code')).map((r) => r.document);
  return {
    items: rows.map((r) => ({
      visible: r.visible,
      line: r.msisdn === undefined || r.msisdn === null ? undefined : toLine(r as LineRow),
      planRow: r.p_code === null ? undefined : {
        code: r.p_code, kind: r.p_kind, monthly_price: r.p_monthly_price, durations: r.p_durations,
        allowances: r.p_allowances, texts: r.p_texts, sort_order: r.p_sort_order,
      },
      scheduled: r.next_plan === null || r.next_starts_on === null ? null : { planCode: r.next_plan, startsOn: parseIsoDate(r.next_starts_on) },
    })),
    promotionDocuments,
  };
}
