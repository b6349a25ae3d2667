// What an account chooses about its messages: which reminders, and an email address for later.
// One-time codes and payment confirmations are not optional: they are answers the customer asked
// for, and leaving one out would look like a fault or hide a payment.
import { DomainError } from './errors.ts';

export interface ReminderPreferences {
  /** Reminder milestones (days before the end, from the policy's reminderDays) turned off. */
  readonly daysOff: readonly number[];
  /** One-way, suspended and quarantine notices. */
  readonly stageNotices: boolean;
}

export interface CustomerSettings {
  readonly reminders: ReminderPreferences;
  /** Stored for a second channel to come; nothing is sent by email yet. */
  readonly email: string | null;
}

export const DEFAULT_CUSTOMER_SETTINGS: CustomerSettings = {
  reminders: { daysOff: [], stageNotices: true },
  email: null,
};

/**
 * The reminder choices as the settings API and the portal's form name them: one flag per
 * milestone of the policy (before30Days, before7Days, before1Day for 30/7/1), plus stageNotices.
 */
export type ReminderChoices = Readonly<Record<string, boolean>>;
export const STAGE_NOTICES_CHOICE = 'stageNotices';

/** A milestone's name in ReminderChoices: `before1Day`, else `before<N>Days`. */
export function reminderChoiceName(days: number): string {
  return days === 1 ? 'before1Day' : `before${days}Days`;
}

/** The milestone a choice name stands for (`before7Days` → 7), or undefined for any other name. */
export function reminderChoiceDays(name: string): number | undefined {
  if (name === 'before1Day') return 1;
  const match = /^before([1-9]\d{0,3})Days$/.exec(name);
  const days = match ? Number(match[1]) : undefined;
  return days === 1 ? undefined : days;
}

/** Every choice name for a policy's milestones, least urgent first, then stageNotices. */
export function reminderChoiceNames(reminderDays: readonly number[]): string[] {
  return [...reminderDays.map(reminderChoiceName), STAGE_NOTICES_CHOICE];
}

export function reminderChoices(preferences: ReminderPreferences, reminderDays: readonly number[]): ReminderChoices {
  const choices: Record<string, boolean> = {};
  for (const days of reminderDays) choices[reminderChoiceName(days)] = !preferences.daysOff.includes(days);
  choices[STAGE_NOTICES_CHOICE] = preferences.stageNotices;
  return choices;
}

/** A missing flag counts as on: nothing is turned off that the customer did not turn off. */
export function reminderPreferencesFrom(choices: ReminderChoices, reminderDays: readonly number[]): ReminderPreferences {
  return {
    daysOff: reminderDays.filter((days) => choices[reminderChoiceName(days)] === false),
    stageNotices: choices[STAGE_NOTICES_CHOICE] !== false,
  };
}

/** RFC 5321 path limit. */
export const EMAIL_MAX_LENGTH = 254;

// Deliberately plainer than RFC 5322: one @, a dotted domain, no spaces or quoted local parts.
// Addresses people actually type pass; a typo such as "name@gmail" or "a b@c.az" does not.
const emailPattern = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** The address trimmed, its domain lower-cased; an empty text is "no address". */
export function parseEmailAddress(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const at = trimmed.lastIndexOf('@');
  const normalised = at < 0 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
  if (normalised.length > EMAIL_MAX_LENGTH || !emailPattern.test(normalised) || normalised.includes('..') || normalised.startsWith('.') || normalised.includes('.@')) {
    throw new DomainError('INVALID_EMAIL', `"${trimmed}" is not an email address (name@example.com)`);
  }
  return normalised;
}
