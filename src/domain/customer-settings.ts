// What an account chooses about its messages: which reminders, and an email address for later.
// One-time codes and payment confirmations are not optional: they are answers the customer asked
// for, and leaving one out would look like a fault or hide a payment.
import { DomainError } from './errors.ts';

export interface ReminderPreferences {
  readonly before30Days: boolean;
  readonly before7Days: boolean;
  readonly before1Day: boolean;
  /** One-way, suspended and quarantine notices. */
  readonly stageNotices: boolean;
}

export interface CustomerSettings {
  readonly reminders: ReminderPreferences;
  /** Stored for a second channel to come; nothing is sent by email yet. */
  readonly email: string | null;
}

export const DEFAULT_CUSTOMER_SETTINGS: CustomerSettings = {
  reminders: { before30Days: true, before7Days: true, before1Day: true, stageNotices: true },
  email: null,
};

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
