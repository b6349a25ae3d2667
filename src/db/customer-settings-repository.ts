// An account's message choices (migration 0008). No row: the defaults.
import { DEFAULT_CUSTOMER_SETTINGS, type CustomerSettings } from '../domain/customer-settings.ts';
import type { Sql } from './database.ts';

interface SettingsRow {
  readonly remind_30_days: boolean;
  readonly remind_7_days: boolean;
  readonly remind_1_day: boolean;
  readonly stage_notices: boolean;
  readonly email: string | null;
}

export async function findCustomerSettings(sql: Sql, customerId: string): Promise<CustomerSettings> {
  const [row] = await sql.query<SettingsRow>(
    'select remind_30_days, remind_7_days, remind_1_day, stage_notices, email from customer_settings where customer_id = $1',
    [customerId],
  );
  if (!row) return DEFAULT_CUSTOMER_SETTINGS;
  return {
    reminders: { before30Days: row.remind_30_days, before7Days: row.remind_7_days, before1Day: row.remind_1_day, stageNotices: row.stage_notices },
    email: row.email,
  };
}

export async function saveCustomerSettings(sql: Sql, customerId: string, settings: CustomerSettings, at: Date): Promise<void> {
  const r = settings.reminders;
  await sql.query(
    `insert into customer_settings (customer_id, remind_30_days, remind_7_days, remind_1_day, stage_notices, email, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (customer_id) do update set remind_30_days = excluded.remind_30_days, remind_7_days = excluded.remind_7_days,
       remind_1_day = excluded.remind_1_day, stage_notices = excluded.stage_notices, email = excluded.email, updated_at = excluded.updated_at`,
    [customerId, r.before30Days, r.before7Days, r.before1Day, r.stageNotices, settings.email, at],
  );
}
