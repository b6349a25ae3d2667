import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatInstant, parseInstant, type IsoDate } from './calendar.ts';
import {
  checkBooking, distanceKm, isOpenAt, nextOpening, parseCoordinates, parseWeeklyHours, slotStartsOn, type StoreSchedule,
} from './store-schedule.ts';

const schedule: StoreSchedule = {
  hours: parseWeeklyHours({ mon: [['09:00', '13:00'], ['14:00', '18:00']], tue: [['09:00', '18:00']], sat: [['10:00', '12:00']] }),
  holidays: ['2026-12-01' as IsoDate],
  counters: 2,
  slotMinutes: 30,
};
const at = (iso: string): ReturnType<typeof parseInstant> => parseInstant(iso);

test('slots follow the opening periods in Baku time, skipping lunch and ending by closing', () => {
  const slots = slotStartsOn(schedule, '2026-11-30' as IsoDate).map((s) => formatInstant(s));
  assert.equal(slots.length, 16);
  assert.equal(slots[0], '2026-11-30T09:00:00+04:00');
  assert.equal(slots[7], '2026-11-30T12:30:00+04:00');
  assert.equal(slots[8], '2026-11-30T14:00:00+04:00');
  assert.equal(slots.at(-1), '2026-11-30T17:30:00+04:00');
});

test('no slots on a holiday or a closed day', () => {
  assert.deepEqual(slotStartsOn(schedule, '2026-12-01' as IsoDate), []);
  assert.deepEqual(slotStartsOn(schedule, '2026-11-29' as IsoDate), []);
});

test('open now and the next opening, across lunch, holidays and the weekend', () => {
  assert.equal(isOpenAt(schedule, at('2026-11-30T10:00:00+04:00')), true);
  assert.equal(isOpenAt(schedule, at('2026-11-30T13:30:00+04:00')), false);
  assert.equal(isOpenAt(schedule, at('2026-11-30T18:00:00+04:00')), false, 'closing time is exclusive');
  assert.equal(formatInstant(nextOpening(schedule, at('2026-11-30T13:30:00+04:00')) ?? 0 as never), '2026-11-30T14:00:00+04:00');
  // Monday evening: Tuesday 1 Dec is a holiday, so the next opening is Saturday 10:00.
  assert.equal(formatInstant(nextOpening(schedule, at('2026-11-30T19:00:00+04:00')) ?? 0 as never), '2026-12-05T10:00:00+04:00');
  assert.equal(nextOpening({ ...schedule, hours: {} }, at('2026-11-30T19:00:00+04:00')), null);
});

test('great-circle distance: Baku to Ganja is about 300 km', () => {
  const km = distanceKm({ lat: 40.4093, lng: 49.8671 }, { lat: 40.6828, lng: 46.3606 });
  assert.ok(km > 290 && km < 305, String(km));
  assert.equal(distanceKm({ lat: 40, lng: 49 }, { lat: 40, lng: 49 }), 0);
});

test('coordinates are parsed strictly', () => {
  assert.deepEqual(parseCoordinates('40.4093,49.8671'), { lat: 40.4093, lng: 49.8671 });
  assert.throws(() => parseCoordinates('91,0'), { code: 'VALIDATION_FAILED' });
  assert.throws(() => parseCoordinates('baku'), { code: 'VALIDATION_FAILED' });
});

test('booking rules: no past, only real slots, within the horizon, at most three upcoming', () => {
  const now = at('2026-11-30T10:10:00+04:00');
  const base = { schedule, now, futureAppointments: 0 };
  assert.deepEqual(checkBooking({ ...base, slotStart: at('2026-11-30T10:30:00+04:00') }), { ok: true });
  assert.equal(checkBooking({ ...base, slotStart: at('2026-11-30T10:00:00+04:00') }).ok, false, 'already started');
  assert.equal(checkBooking({ ...base, slotStart: at('2026-11-30T10:15:00+04:00') }).ok, false, 'not a slot start');
  assert.equal(checkBooking({ ...base, slotStart: at('2026-11-30T13:00:00+04:00') }).ok, false, 'lunch');
  assert.equal(checkBooking({ ...base, slotStart: at('2027-01-04T10:00:00+04:00') }).ok, false, 'beyond the horizon');
  const tooMany = checkBooking({ ...base, futureAppointments: 3, slotStart: at('2026-11-30T10:30:00+04:00') });
  assert.equal(tooMany.ok ? '' : tooMany.code, 'TOO_MANY_APPOINTMENTS');
});

test('hours that do not parse are refused with the place named', () => {
  assert.throws(() => parseWeeklyHours({ mon: [['18:00', '09:00']] }), { code: 'VALIDATION_FAILED' });
  assert.throws(() => parseWeeklyHours({ funday: [] }), { code: 'VALIDATION_FAILED' });
  assert.throws(() => parseWeeklyHours({ mon: [['9:00', '18:00']] }), { code: 'VALIDATION_FAILED' });
});
