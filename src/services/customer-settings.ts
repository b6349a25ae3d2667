// An account's message choices: read them, and replace them (PUT semantics: the whole set).
import type { Instant } from '../domain/calendar.ts';
import { parseEmailAddress, type CustomerSettings, type ReminderPreferences } from '../domain/customer-settings.ts';
import type { Database } from '../db/database.ts';
import { findCustomerSettings, saveCustomerSettings } from '../db/customer-settings-repository.ts';

export interface SettingsDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

export async function getCustomerSettings(deps: Pick<SettingsDeps, 'db'>, customerId: string): Promise<CustomerSettings> {
  return findCustomerSettings(deps.db, customerId);
}

export interface SettingsChange {
  readonly reminders: ReminderPreferences;
  /** Empty or null: no address. */
  readonly email: string | null;
}

export async function updateCustomerSettings(deps: SettingsDeps, customerId: string, change: SettingsChange): Promise<CustomerSettings> {
  const settings: CustomerSettings = {
    // Each milestone once, least urgent first, as the policy lists them.
    reminders: { daysOff: [...new Set(change.reminders.daysOff)].sort((a, b) => b - a), stageNotices: change.reminders.stageNotices },
    email: change.email === null ? null : parseEmailAddress(change.email),
  };
  await deps.db.tx((sql) => saveCustomerSettings(sql, customerId, settings, new Date(deps.now())));
  return settings;
}
