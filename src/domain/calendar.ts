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

// The last days operatorDay computed and the instants each spans, [from, until). Every request
// asks for today, and the time-zone arithmetic was ~4 % of a USSD screen's CPU in the profile; an
// instant inside a remembered span has that day by definition, so the answer is unchanged. A few
// are kept, not one: a page listing offers asks for each one's last day between its "today"s.
const REMEMBERED_DAYS = 16;
const rememberedDays: { readonly day: IsoDate; readonly from: number; readonly until: number }[] = [];

/** The calendar day in Asia/Baku at that moment. */
export function operatorDay(at: Instant): IsoDate {
  for (const span of rememberedDays) if (at >= span.from && at < span.until) return span.day;
  const date = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(OPERATOR_TIME_ZONE).toPlainDate();
  const day = date.toString() as IsoDate;
  // The newest first; past REMEMBERED_DAYS the oldest is forgotten.
  rememberedDays.unshift({
    day,
    from: date.toZonedDateTime({ timeZone: OPERATOR_TIME_ZONE }).epochMilliseconds,
    until: date.add({ days: 1 }).toZonedDateTime({ timeZone: OPERATOR_TIME_ZONE }).epochMilliseconds,
  });
  if (rememberedDays.length > REMEMBERED_DAYS) rememberedDays.pop();
  return day;
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

// Calendar-day arithmetic has no time zone in it, and it runs for every line a sweep touches and
// every screen a customer sees: it is done on day numbers (proleptic Gregorian, Hinnant's
// algorithm) rather than through Temporal objects, and property-tested against Temporal.
function dayNumber(day: IsoDate): number {
  const y0 = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as IsoDate;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function addDays(day: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(day) + days);
}

/** Calendar months, clamped to the month's end: 30 Nov + 3 months = 28 Feb (29 in leap years). */
export function addMonths(day: IsoDate, months: number): IsoDate {
  const total = Number(day.slice(0, 4)) * 12 + (Number(day.slice(5, 7)) - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const d = Math.min(Number(day.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}` as IsoDate;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

// "2026-11-26T10:00[:00[.123]](Z|+04:00)": the one shape batch feeds send, read without Temporal.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * parseInstant's arithmetic twin for bulk input (usage batches): Temporal's polyfill costs ~14 µs
 * a call, this well under one. Null for anything that is not a real moment in that shape.
 */
export function readIsoInstant(text: string): Instant | null {
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, sign, oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(y), month)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59 || Number(oh ?? 0) > 23 || Number(om ?? 0) > 59) return null;
  const offsetMinutes = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const dayMs = dayNumber(`${y}-${mo}-${d}` as IsoDate) * 86_400_000;
  return (dayMs + ((Number(h) * 60 + Number(mi) - offsetMinutes) * 60 + Number(s ?? 0)) * 1000 + ms) as Instant;
}
