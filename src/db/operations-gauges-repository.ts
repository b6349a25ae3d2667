// What the operator's monitoring reads at each scrape: counts by state over a recent window and
// the queues' depths. Each query uses an index or a bounded window, so a scrape stays cheap at
// millions of lines; sums over all processes, because they come from the one database.
import type { Sql } from './database.ts';

export interface CountByState {
  readonly state: string;
  readonly count: number;
}

export interface SmsCountByState extends CountByState {
  readonly segments: number;
}

export interface OperationsGauges {
  readonly ordersByState: readonly CountByState[];
  readonly smsByState: readonly SmsCountByState[];
  /** Queued SMS whose time has come (the sender is behind when this stays high). */
  readonly outboxDue: number;
  /** Queued SMS waiting for their time: reminders held over quiet hours. */
  readonly outboxWaiting: number;
}

export async function readOperationsGauges(sql: Sql, now: Date, since: Date): Promise<OperationsGauges> {
  const orders = await sql.query<{ state: string; count: number }>(
    `select status as state, count(*)::int8 as count from orders where created_at >= $1 group by status`,
    [since],
  );
  const sms = await sql.query<{ state: string; count: number; segments: number }>(
    `select status as state, count(*)::int8 as count, coalesce(sum(segments), 0)::int8 as segments
       from sms_outbox where created_at >= $1 group by status`,
    [since],
  );
  const [outbox] = await sql.query<{ due: number; waiting: number }>(
    `select count(*) filter (where not_before <= $1)::int8 as due, count(*) filter (where not_before > $1)::int8 as waiting
       from sms_outbox where status = 'queued'`,
    [now],
  );
  return { ordersByState: orders, smsByState: sms, outboxDue: outbox?.due ?? 0, outboxWaiting: outbox?.waiting ?? 0 };
}
