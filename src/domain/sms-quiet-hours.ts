// SMS_QUIET_HOURS: the Baku-time window in which reminders (and any message the customer did not
// just ask for) wait, so nobody is woken at 03:00 by "7 days left". One-time codes and
// confirmations of what the customer just did are never held: a code that arrives at 09:00 is
// useless, and a payment without its confirmation looks like a payment lost.
import { Temporal } from 'temporal-polyfill';
import { OPERATOR_TIME_ZONE, type Instant } from './calendar.ts';
import type { ErrorDetail } from './errors.ts';
import type { SmsKind } from './sms-templates.ts';

export const SMS_QUIET_HOURS = 'SMS_QUIET_HOURS';
export const DEFAULT_SMS_QUIET_HOURS = '22:00-09:00';

/** A window of Baku clock time, in minutes after midnight; `from` > `to` wraps past midnight. */
export type QuietHours =
  | { readonly off: true }
  | { readonly off: false; readonly from: number; readonly to: number };

export const QUIET_HOURS_OFF: QuietHours = { off: true };

/**
 * Which kinds wait out the window. A Record, not a list, so a new kind (marketing, say) cannot be
 * added without someone deciding whether it may wake a customer.
 */
export const heldInQuietHours: Readonly<Record<SmsKind, boolean>> = {
  otp: false,
  payment_confirmation: false,
  top_up_confirmation: false,
  transfer_confirmation: false,
  renewal_confirmation: false,
  reminder: true,
  lifecycle_notice: true,
  // Being taken out of a family plan is news, not an alarm: it may wait for the morning.
  group_notice: true,
  // A SIM added to a number may be a theft in progress: the holder must know at once.
  sim_notice: false,
  appointment_reminder: true,
  // About a background charge, not something the customer just did: it may wait for the morning.
  auto_renew_notice: true,
  // Budget and anomaly alerts come from a background look at the ledger: they wait for the morning.
  spending_alert: true,
  // A pack running out is news from a background feed: it may wait for the morning.
  usage_notice: true,
  // Staff's answer to a support case: the customer is not waiting at night for it.
  support_notice: true,
};

export const kindsHeldInQuietHours: readonly SmsKind[] =
  (Object.keys(heldInQuietHours) as SmsKind[]).filter((kind) => heldInQuietHours[kind]);

export interface QuietHoursSetting {
  readonly quietHours: QuietHours;
  /** Set when the value is not understood; start-up stops naming the variable. */
  readonly problem: ErrorDetail | undefined;
}

const windowPattern = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

/** Unset or empty: the default window. `off`: nothing waits. Else `HH:MM-HH:MM` (24-hour, Baku), two different times. */
export function parseQuietHours(raw: string | undefined): QuietHoursSetting {
  const value = (raw ?? '').trim().toLowerCase().replace(/\s+/g, '');
  if (value === 'off') return { quietHours: QUIET_HOURS_OFF, problem: undefined };
  const match = windowPattern.exec(value === '' ? DEFAULT_SMS_QUIET_HOURS : value);
  const from = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  const to = match ? Number(match[3]) * 60 + Number(match[4]) : NaN;
  if (!match || from === to) {
    return {
      quietHours: QUIET_HOURS_OFF,
      problem: { path: SMS_QUIET_HOURS, message: `"${raw ?? ''}" is not a Baku-time window such as ${DEFAULT_SMS_QUIET_HOURS} (two different times), or off` },
    };
  }
  return { quietHours: { off: false, from, to }, problem: undefined };
}

/** How the setting reads back, for logs and the docs. */
export function formatQuietHours(quietHours: QuietHours): string {
  if (quietHours.off) return 'off';
  const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return `${hhmm(quietHours.from)}-${hhmm(quietHours.to)}`;
}

/**
 * When the window holding `at` ends, or undefined when `at` is outside it (or the setting is off).
 * The window includes its start and excludes its end: with 22:00-09:00, 22:00 waits, 09:00 goes.
 */
export function quietHoursEnd(quietHours: QuietHours, at: Instant): Instant | undefined {
  if (quietHours.off) return undefined;
  const local = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(OPERATOR_TIME_ZONE);
  const minute = local.hour * 60 + local.minute;
  const { from, to } = quietHours;
  const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
  if (!inside) return undefined;
  // The end is today at `to` when that is still ahead, else tomorrow (a window wrapping midnight, entered before it).
  const today = local.toPlainDate();
  const endDay = minute < to ? today : today.add({ days: 1 });
  return endDay.toZonedDateTime({ timeZone: OPERATOR_TIME_ZONE, plainTime: { hour: Math.floor(to / 60), minute: to % 60 } })
    .epochMilliseconds as Instant;
}

/** When a message of this kind, written or due at `at`, may go: `at`, or the end of the window. */
export function sendableFrom(quietHours: QuietHours, kind: SmsKind, at: Instant): Instant {
  if (!heldInQuietHours[kind]) return at;
  return quietHoursEnd(quietHours, at) ?? at;
}
