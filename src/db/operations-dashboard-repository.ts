// The manager's day at a glance, for the whole operator: renewals and top-ups booked today, what
// failed, how many SMS reached their phones, and which lines reach their last active day within
// the week (they turn one-way after it). Days are Baku days; the caller gives their bounds.
import type { Sql } from './database.ts';

export interface OperationsDay {
  readonly renewals: number;
  readonly renewalsAmount: number;
  readonly topUps: number;
  readonly topUpsAmount: number;
  readonly failedOrders: number;
  readonly expiredOrders: number;
  readonly failedAutoRenewals: number;
  readonly smsDelivered: number;
  /** SMS of the day that reached an end other than delivery (failed, undeliverable, expired). */
  readonly smsNotDelivered: number;
  /** SMS of the day still waiting for their delivery receipt. */
  readonly smsPending: number;
  /** Active lines by their last active day, for the days given. */
  readonly lastDays: readonly { readonly day: string; readonly lines: number }[];
}

export async function readOperationsDay(sql: Sql, from: Date, to: Date, firstDay: string, lastDay: string): Promise<OperationsDay> {
  const [money] = await sql.query<{ renewals: number; renewals_amount: number; top_ups: number; top_ups_amount: number }>(
    `select count(distinct o.id) filter (where o.kind in ('renewal_payment', 'renewal_from_balance'))::int8 as renewals,
            coalesce(sum(-e.amount) filter (where e.kind = 'plan_charge'), 0)::int8 as renewals_amount,
            count(distinct o.id) filter (where o.kind in ('top_up', 'top_up_payment'))::int8 as top_ups,
            coalesce(sum(e.amount) filter (where e.kind = 'top_up'), 0)::int8 as top_ups_amount
       from ledger_operations o
       -- One row per operation: its renewal charge and top-up credit summed beside it.
       left join lateral (select kind, sum(amount)::int8 as amount from ledger_entries
                           where operation_id = o.id and kind in ('plan_charge', 'top_up') group by kind) e on true
      where o.created_at >= $1 and o.created_at < $2 and o.kind in ('renewal_payment', 'renewal_from_balance', 'top_up', 'top_up_payment')`,
    [from, to],
  );
  const [failures] = await sql.query<{ failed: number; expired: number; auto: number }>(
    `select (select count(*) from orders where status = 'failed' and updated_at >= $1 and updated_at < $2)::int8 as failed,
            (select count(*) from orders where status = 'expired' and updated_at >= $1 and updated_at < $2)::int8 as expired,
            (select count(*) from auto_renew_runs where status = 'failed' and updated_at >= $1 and updated_at < $2)::int8 as auto`,
    [from, to],
  );
  const [sms] = await sql.query<{ delivered: number; not_delivered: number; pending: number }>(
    `select count(*) filter (where status = 'delivered')::int8 as delivered,
            count(*) filter (where status in ('failed', 'undeliverable', 'expired'))::int8 as not_delivered,
            count(*) filter (where status in ('queued', 'submitting', 'submitted'))::int8 as pending
       from sms_outbox where created_at >= $1 and created_at < $2`,
    [from, to],
  );
  // A scan of the lines table (no index on valid_until, on purpose: see 0001); at ten million
  // lines it takes about a second, which a page a manager opens now and then can afford.
  const lastDays = await sql.query<{ day: string; lines: number }>(
    `select valid_until as day, count(*)::int8 as lines from lines
      where status = 'active' and valid_until between $1::date and $2::date
      group by valid_until order by valid_until`,
    [firstDay, lastDay],
  );
  return {
    renewals: money?.renewals ?? 0, renewalsAmount: money?.renewals_amount ?? 0,
    topUps: money?.top_ups ?? 0, topUpsAmount: money?.top_ups_amount ?? 0,
    failedOrders: failures?.failed ?? 0, expiredOrders: failures?.expired ?? 0, failedAutoRenewals: failures?.auto ?? 0,
    smsDelivered: sms?.delivered ?? 0, smsNotDelivered: sms?.not_delivered ?? 0, smsPending: sms?.pending ?? 0,
    lastDays,
  };
}
