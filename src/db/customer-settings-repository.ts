// An account's message choices (migrations 0008 and 0014): stage notices and email in
// customer_settings, each reminder milestone turned off as a row of customer_reminder_optouts.
// No rows at all: the defaults.
import { DEFAULT_CUSTOMER_SETTINGS, type CustomerSettings } from '../domain/customer-settings.ts';
import type { Sql } from './database.ts';

interface SettingsRow {
  readonly stage_notices: boolean | null;
  readonly email: string | null;
  readonly days_off: readonly number[];
}

export async function findCustomerSettings(sql: Sql, customerId: string): Promise<CustomerSettings> {
  const [row] = await sql.query<SettingsRow>(
    `select s.stage_notices, s.email,
            array(select r.milestone_days from customer_reminder_optouts r where r.customer_id = c.id order by r.milestone_days desc) as days_off
       from (select $1::uuid as id) c left join customer_settings s on s.customer_id = c.id`,
    [customerId],
  );
  if (!row) return DEFAULT_CUSTOMER_SETTINGS;
  return {
    reminders: { daysOff: row.days_off, stageNotices: row.stage_notices ?? DEFAULT_CUSTOMER_SETTINGS.reminders.stageNotices },
    email: row.email,
  };
}

/** Replaces the whole set: opt-outs not in `settings` are removed. Call inside a transaction. */
export async function saveCustomerSettings(sql: Sql, customerId: string, settings: CustomerSettings, at: Date): Promise<void> {
  const { daysOff, stageNotices } = settings.reminders;
  await sql.query(
    `insert into customer_settings (customer_id, stage_notices, email, updated_at) values ($1, $2, $3, $4)
     on conflict (customer_id) do update set stage_notices = excluded.stage_notices, email = excluded.email, updated_at = excluded.updated_at`,
    [customerId, stageNotices, settings.email, at],
  );
  await sql.query('delete from customer_reminder_optouts where customer_id = $1 and milestone_days <> all($2::int[])', [customerId, daysOff]);
  await sql.query(
    'insert into customer_reminder_optouts (customer_id, milestone_days) select $1, unnest($2::int[]) on conflict do nothing',
    [customerId, daysOff],
  );
}
