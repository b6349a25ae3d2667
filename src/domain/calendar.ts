// Calendar days and instants. A validity end is a calendar day in Asia/Baku ("YYYY-MM-DD"), not a
// moment; events are instants. Nothing here reads the clock: callers pass `now`/`today` in.
import { Temporal } from 'temporal-polyfill';
import { DomainError } from './errors.ts';

declare const isoDateBrand: unique symbol;
/** A calendar day, "YYYY-MM-DD". Compares correctly as a string. */
export type IsoDate = string & { readonly [isoDateBrand]: true };

declare const instantBrand: unique symbol;
/** A moment, as milliseconds since the Unix epoch. */
export type Instant = number & { readonly [instantBrand]: true };

/** Saxla's operator is in Azerbaijan: every "day" is a day in this zone, always passed explicitly. */
export const OPERATOR_TIME_ZONE = 'Asia/Baku';

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

export function parseIsoDate(text: string): IsoDate {
  if (!isoDatePattern.test(text)) {
    throw new DomainError('INVALID_DATE', `"${text}" is not a calendar day (YYYY-MM-DD)`);
  }
  try {
    // overflow: 'reject' refuses 2026-02-30 instead of quietly moving it to March.
    return Temporal.PlainDate.from(text, { overflow: 'reject' }).toString() as IsoDate;
  } catch {
    throw new DomainError('INVALID_DATE', `"${text}" is not a real calendar day`);
  }
}

export function isIsoDate(text: string): text is IsoDate {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}

/** ISO-8601 with an explicit offset ("2026-11-26T10:00:00+04:00" or "...Z"); no offset is an error. */
export function parseInstant(text: string): Instant {
  try {
    return Temporal.Instant.from(text).epochMilliseconds as Instant;
  } catch {
    throw new DomainError('INVALID_INSTANT', `"${text}" is not an ISO-8601 time with an offset (e.g. 2026-11-26T10:00:00+04:00)`);
  }
}

export function instantFromEpochMs(ms: number): Instant {
  if (!Number.isFinite(ms)) throw new DomainError('INVALID_INSTANT', 'not a finite time');
  return ms as Instant;
}

/** The calendar day in Asia/Baku at that moment. */
export function operatorDay(at: Instant): IsoDate {
  return Temporal.Instant.fromEpochMilliseconds(at)
    .toZonedDateTimeISO(OPERATOR_TIME_ZONE)
    .toPlainDate()
    .toString() as IsoDate;
}

/** The moment a calendar day begins in Asia/Baku. */
export function startOfOperatorDay(day: IsoDate): Instant {
  return Temporal.PlainDate.from(day)
    .toZonedDateTime({ timeZone: OPERATOR_TIME_ZONE })
    .epochMilliseconds as Instant;
}

/** ISO-8601 with the operator's offset, for API responses. */
export function formatInstant(at: Instant, timeZone: string = OPERATOR_TIME_ZONE): string {
  return Temporal.Instant.fromEpochMilliseconds(at)
    .toZonedDateTimeISO(timeZone)
    .toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

export function addDays(day: IsoDate, days: number): IsoDate {
  return Temporal.PlainDate.from(day).add({ days }).toString() as IsoDate;
}

/** Calendar months, clamped to the month's end: 30 Nov + 3 months = 28 Feb (29 in leap years). */
export function addMonths(day: IsoDate, months: number): IsoDate {
  return Temporal.PlainDate.from(day).add({ months }, { overflow: 'constrain' }).toString() as IsoDate;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: 'days' }).days;
}

export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
