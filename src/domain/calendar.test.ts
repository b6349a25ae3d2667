import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { addDays, addMonths, daysBetween, formatInstant, instantFromEpochMs, operatorDay, parseInstant, parseIsoDate, type IsoDate } from './calendar.ts';

const anyDay = fc.integer({ min: -200000, max: 200000 }).map((n) => Temporal.PlainDate.from('2000-01-01').add({ days: n }).toString() as IsoDate)
  .filter((d) => /^\d{4}-/.test(d));

test('day arithmetic agrees with Temporal (property)', () => {
  fc.assert(fc.property(anyDay, fc.integer({ min: -5000, max: 5000 }), (day, n) => {
    assert.equal(addDays(day, n), Temporal.PlainDate.from(day).add({ days: n }).toString());
    const other = Temporal.PlainDate.from(day).add({ days: n }).toString() as IsoDate;
    assert.equal(daysBetween(day, other), n);
  }), { numRuns: 2000 });
  fc.assert(fc.property(anyDay, fc.integer({ min: -60, max: 60 }), (day, months) => {
    assert.equal(addMonths(day, months), Temporal.PlainDate.from(day).add({ months }, { overflow: 'constrain' }).toString());
  }), { numRuns: 2000 });
});

test('month ends and leap years', () => {
  assert.equal(addMonths(parseIsoDate('2026-11-30'), 3), '2027-02-28');
  assert.equal(addMonths(parseIsoDate('2027-11-30'), 3), '2028-02-29');
  assert.equal(addMonths(parseIsoDate('2100-01-31'), 1), '2100-02-28');
  assert.equal(addMonths(parseIsoDate('2000-01-31'), 1), '2000-02-29');
  assert.equal(addDays(parseIsoDate('2024-02-28'), 1), '2024-02-29');
  assert.equal(addDays(parseIsoDate('2026-12-31'), 1), '2027-01-01');
});

test('instants need an offset; the operator day is the day in Baku', () => {
  assert.throws(() => parseInstant('2026-11-26T10:00:00'), { code: 'INVALID_INSTANT' });
  assert.throws(() => parseInstant('yesterday'), { code: 'INVALID_INSTANT' });
  assert.equal(operatorDay(parseInstant('2026-11-26T19:59:59Z')), '2026-11-26');
  assert.equal(operatorDay(parseInstant('2026-11-26T20:00:00Z')), '2026-11-27');
  assert.equal(formatInstant(parseInstant('2026-11-26T20:00:00Z')), '2026-11-27T00:00:00+04:00');
});

test('operatorDay remembers the last day without changing any answer (property)', () => {
  // Instants close together (the remembered span is hit) and far apart, around midnight in Baku
  // (20:00 UTC), in any order: each answer is what Temporal says for that instant alone.
  const midnight = Date.parse('2026-11-26T20:00:00Z');
  const near = fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }).map((d) => midnight + d);
  const far = fc.integer({ min: -4_000_000_000_000, max: 4_000_000_000_000 });
  const instants = fc.array(fc.oneof(near, far, fc.constantFrom(midnight - 1, midnight, midnight + 1)), { minLength: 1, maxLength: 30 });
  fc.assert(fc.property(instants, (list) => {
    for (const at of list) {
      const expected = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO('Asia/Baku').toPlainDate().toString();
      assert.equal(operatorDay(instantFromEpochMs(at)), expected);
    }
  }));
});
