import assert from 'node:assert/strict';
import test from 'node:test';
import fc from 'fast-check';
import { addMonths, daysBetween, parseIsoDate, type IsoDate } from './calendar.ts';
import {
  DEFAULT_RETENTION, LEDGER_LEGAL_MINIMUM_MONTHS, monthOf, monthsToEnsure, partitionsToDrop, retentionCutoff, retentionProblems,
} from './partition-retention.ts';

const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => parseIsoDate(d.toISOString().slice(0, 10)));
const months = fc.array(fc.integer({ min: -120, max: 6 }), { maxLength: 40 });

test('a dropped partition holds only rows older than the retention; the current and later months are never dropped', () => {
  fc.assert(fc.property(day, months, fc.integer({ min: 1, max: 120 }), (today, offsets, keep) => {
    const existing = offsets.map((o) => addMonths(monthOf(today), o));
    const dropped = partitionsToDrop(existing, today, keep);
    for (const month of dropped) {
      // The partition's last day is at least `keep` months before today.
      const lastDay = parseIsoDate(addMonths(month, 1));
      assert.ok(daysBetween(lastDay, today) >= keep * 28, `${month} dropped on ${today} keeping ${keep}`);
      assert.ok(month < monthOf(today));
    }
    // Everything from the cutoff on stays.
    for (const month of existing) {
      if (month >= retentionCutoff(today, keep)) assert.ok(!dropped.includes(month));
    }
  }));
});

test('a table kept for ever drops nothing', () => {
  fc.assert(fc.property(day, months, (today, offsets) => {
    assert.deepEqual(partitionsToDrop(offsets.map((o) => addMonths(monthOf(today), o)), today, null), []);
  }));
});

test('the outbox keeps six whole months before the current one', () => {
  const today = '2026-12-06' as IsoDate;
  const existing = ['2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01', '2026-12-01', '2027-01-01'] as IsoDate[];
  assert.deepEqual(partitionsToDrop(existing, today, DEFAULT_RETENTION.sms_outbox), ['2026-04-01', '2026-05-01']);
});

test('partitions exist for this month and three ahead', () => {
  assert.deepEqual(monthsToEnsure('2026-11-30' as IsoDate), { first: '2026-11-01', last: '2027-02-01' });
});

test('the ledger may not be kept shorter than the legal period, nor operations shorter than entries', () => {
  assert.deepEqual(retentionProblems(DEFAULT_RETENTION), []);
  assert.equal(retentionProblems({ ...DEFAULT_RETENTION, ledger_entries: 12, ledger_operations: 12 }).length, 2);
  assert.deepEqual(retentionProblems({ ...DEFAULT_RETENTION, ledger_entries: LEDGER_LEGAL_MINIMUM_MONTHS, ledger_operations: LEDGER_LEGAL_MINIMUM_MONTHS }), []);
  assert.deepEqual(retentionProblems({ ...DEFAULT_RETENTION, ledger_operations: 60 }), ['ledger_operations: kept at least as long as ledger_entries']);
  assert.equal(retentionProblems({ ...DEFAULT_RETENTION, sms_outbox: 0 }).length, 1);
});
