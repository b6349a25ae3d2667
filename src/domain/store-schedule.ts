// A store's week: opening periods per weekday in Baku local time, holidays, counters and slot
// length; from these the bookable slots of a day, whether it is open now and when it next opens.
import { Temporal } from 'temporal-polyfill';
import { addDays, OPERATOR_TIME_ZONE, operatorDay, type Instant, type IsoDate } from './calendar.ts';
import { DomainError, type ErrorDetail } from './errors.ts';
import { customerLanguages, isOneOf, type CustomerLanguage } from './vocabularies.ts';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** "HH:MM" local time, opening then closing; closing is exclusive. */
export type OpeningPeriod = readonly [string, string];
export type WeeklyHours = Readonly<Partial<Record<Weekday, readonly OpeningPeriod[]>>>;

export interface StoreSchedule {
  readonly hours: WeeklyHours;
  readonly holidays: readonly IsoDate[];
  readonly counters: number;
  readonly slotMinutes: number;
}

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(time: string): number {
  const match = timePattern.exec(time);
  if (!match) throw new DomainError('VALIDATION_FAILED', `"${time}" is not a time of day (HH:MM)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Checks opening hours as they come from data: times well formed, periods ascending, not overlapping. */
export function parseWeeklyHours(doc: unknown): WeeklyHours {
  const problems: ErrorDetail[] = [];
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  const hours: Partial<Record<Weekday, OpeningPeriod[]>> = {};
  for (const key of Object.keys(d)) {
    if (!(weekdays as readonly string[]).includes(key)) problems.push({ path: `/${key}`, message: 'not a weekday (mon…sun)' });
  }
  for (const day of weekdays) {
    const periods = d[day];
    if (periods === undefined) continue;
    if (!Array.isArray(periods)) {
      problems.push({ path: `/${day}`, message: 'a list of [open, close] pairs' });
      continue;
    }
    let previousClose = -1;
    const parsed: OpeningPeriod[] = [];
    periods.forEach((p: unknown, i) => {
      const ok = Array.isArray(p) && p.length === 2 && p.every((t) => typeof t === 'string' && timePattern.test(t));
      if (!ok) {
        problems.push({ path: `/${day}/${i}`, message: '["HH:MM", "HH:MM"]' });
        return;
      }
      const [open, close] = p as [string, string];
      if (minutesOf(open) >= minutesOf(close) || minutesOf(open) < previousClose) {
        problems.push({ path: `/${day}/${i}`, message: 'periods open before they close and do not overlap' });
        return;
      }
      previousClose = minutesOf(close);
      parsed.push([open, close]);
    });
    hours[day] = parsed;
  }
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', 'opening hours are not valid', problems);
  return hours;
}

export function weekdayOf(day: IsoDate): Weekday {
  const index = Temporal.PlainDate.from(day).dayOfWeek - 1;
  return weekdays[index] ?? 'mon';
}

export function periodsOn(schedule: StoreSchedule, day: IsoDate): readonly OpeningPeriod[] {
  if (schedule.holidays.includes(day)) return [];
  return schedule.hours[weekdayOf(day)] ?? [];
}

/** The instant a local Baku time of a day happens. */
export function localTimeOn(day: IsoDate, time: string): Instant {
  return Temporal.PlainDate.from(day)
    .toZonedDateTime({ timeZone: OPERATOR_TIME_ZONE, plainTime: Temporal.PlainTime.from(time) })
    .epochMilliseconds as Instant;
}

/** Slot starts of a day: every slotMinutes from each opening, as long as the slot ends by closing. */
export function slotStartsOn(schedule: StoreSchedule, day: IsoDate): Instant[] {
  const starts: Instant[] = [];
  const step = schedule.slotMinutes * 60_000;
  for (const [open, close] of periodsOn(schedule, day)) {
    const end = localTimeOn(day, close);
    for (let t: number = localTimeOn(day, open); t + step <= end; t += step) starts.push(t as Instant);
  }
  return starts;
}

export function isOpenAt(schedule: StoreSchedule, at: Instant): boolean {
  const day = operatorDay(at);
  return periodsOn(schedule, day).some(([open, close]) => at >= localTimeOn(day, open) && at < localTimeOn(day, close));
}

/** The next moment the store opens after `at` (within two weeks), or null if it stays shut. */
export function nextOpening(schedule: StoreSchedule, at: Instant): Instant | null {
  const today = operatorDay(at);
  for (let i = 0; i <= 14; i++) {
    const day = addDays(today, i);
    for (const [open] of periodsOn(schedule, day)) {
      const opening = localTimeOn(day, open);
      if (opening > at) return opening;
    }
  }
  return null;
}

export interface Coordinates {
  readonly lat: number;
  readonly lng: number;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine), in km. */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  const rad = (deg: number): number => (deg * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Parses "LAT,LNG" as typed in a query string. */
export function parseCoordinates(text: string): Coordinates {
  const match = /^\s*(-?\d{1,3}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(text);
  const lat = Number(match?.[1]);
  const lng = Number(match?.[2]);
  if (!match || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    throw new DomainError('VALIDATION_FAILED', `"${text}" is not a position (LAT,LNG such as 40.4093,49.8671)`, [{ path: 'querystring/near', message: 'LAT,LNG' }]);
  }
  return { lat, lng };
}

export const MAX_FUTURE_APPOINTMENTS = 3;
/** How far ahead a visit can be booked. */
export const BOOKING_HORIZON_DAYS = 30;

export interface BookingFacts {
  readonly schedule: StoreSchedule;
  readonly slotStart: Instant;
  readonly now: Instant;
  /** The customer's booked visits that have not started yet (excluding one being moved). */
  readonly futureAppointments: number;
}

export type BookingCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'SLOT_UNAVAILABLE' | 'TOO_MANY_APPOINTMENTS'; readonly message: string };

/** Whether a slot may be booked: not past, one of the store's slots, within the horizon, not too many. */
export function checkBooking(facts: BookingFacts): BookingCheck {
  const { schedule, slotStart, now } = facts;
  if (slotStart <= now) return { ok: false, code: 'SLOT_UNAVAILABLE', message: 'that time has passed; pick a later slot' };
  const day = operatorDay(slotStart);
  if (day > addDays(operatorDay(now), BOOKING_HORIZON_DAYS)) {
    return { ok: false, code: 'SLOT_UNAVAILABLE', message: `visits can be booked up to ${BOOKING_HORIZON_DAYS} days ahead` };
  }
  if (!slotStartsOn(schedule, day).includes(slotStart)) {
    return { ok: false, code: 'SLOT_UNAVAILABLE', message: 'the store does not offer that slot (closed, or not a slot start)' };
  }
  if (facts.futureAppointments >= MAX_FUTURE_APPOINTMENTS) {
    return { ok: false, code: 'TOO_MANY_APPOINTMENTS', message: `you already have ${MAX_FUTURE_APPOINTMENTS} upcoming visits; cancel one first` };
  }
  return { ok: true };
}

/**
 * The languages a store's name and address are written in: the customer languages a street sign
 * or a map uses in Baku. Each other customer language reads one of them (see storeTextLanguage).
 */
export const storeLanguages = ['az', 'en', 'ru'] as const satisfies readonly CustomerLanguage[];
export type StoreLanguage = (typeof storeLanguages)[number];
export type StoreTexts = Readonly<Record<StoreLanguage, string>>;

/**
 * Which store text each customer language reads: Chinese readers get the English text, Turkish
 * readers the Azerbaijani one (street names as on the signs, and close to Turkish).
 */
export const storeTextLanguage: Readonly<Record<CustomerLanguage, StoreLanguage>> = { az: 'az', en: 'en', ru: 'ru', zh: 'en', tr: 'az' };

export interface Store {
  readonly id: string;
  /** Short code printed in receipt numbers. */
  readonly code: string;
  readonly names: StoreTexts;
  readonly addresses: StoreTexts;
  readonly city: string;
  readonly lat: number;
  readonly lng: number;
  readonly schedule: StoreSchedule;
  readonly services: readonly string[];
  readonly phone: string | null;
  readonly demo: boolean;
}

/** A store's text in the customer's language, or the one it reads (storeTextLanguage); else English. */
export function storeText(texts: StoreTexts, locale: string): string {
  return isOneOf(customerLanguages, locale) ? texts[storeTextLanguage[locale]] : texts.en;
}
