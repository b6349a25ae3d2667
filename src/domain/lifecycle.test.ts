import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, addMonths, daysBetween, parseIsoDate, type IsoDate } from './calendar.ts';
import { countdown, stageCutoffs, statusOn, statusRank, sweptStatus, lineStatuses } from './lifecycle.ts';
import { parseValidityPolicy } from './policy.ts';

const policy = parseValidityPolicy({
  version: 't1', name: 'test', effectiveFrom: '2024-07-01', topUpExtension: 'max', restoreFee: 500,
  topUpBands: [{ minAmount: 100, days: 5 }], stages: { oneWayDays: 30, suspendedDays: 60, quarantineDays: 90 },
});
const d = (s: string): IsoDate => parseIsoDate(s);

test('calendar months clamp to the month end', () => {
  assert.equal(addMonths(d('2026-11-30'), 3), '2027-02-28');
  assert.equal(addMonths(d('2027-11-30'), 3), '2028-02-29');
  assert.equal(addMonths(d('2026-01-31'), 1), '2026-02-28');
  assert.equal(addMonths(d('2026-03-31'), 6), '2026-09-30');
  assert.equal(addMonths(d('2026-12-31'), 12), '2027-12-31');
  assert.throws(() => parseIsoDate('2026-02-30'), { code: 'INVALID_DATE' });
  assert.throws(() => parseIsoDate('2026-2-3'), { code: 'INVALID_DATE' });
});

test('stages follow the policy day by day', () => {
  const v = d('2026-01-31');
  assert.equal(statusOn(v, d('2026-01-31'), policy), 'active');
  assert.equal(statusOn(v, d('2026-02-01'), policy), 'one_way');
  assert.equal(statusOn(v, d('2026-03-02'), policy), 'one_way');
  assert.equal(statusOn(v, d('2026-03-03'), policy), 'suspended');
  assert.equal(statusOn(v, addDays(v, 90), policy), 'suspended');
  assert.equal(statusOn(v, addDays(v, 91), policy), 'quarantine');
  assert.equal(statusOn(v, addDays(v, 180), policy), 'quarantine');
  assert.equal(statusOn(v, addDays(v, 181), policy), 'recyclable');
});

test('policies must keep quarantine at least 90 days', () => {
  assert.throws(() => parseValidityPolicy({ ...policy, stages: { ...policy.stages, quarantineDays: 45 } }), { code: 'POLICY_INVALID' });
  assert.throws(() => parseValidityPolicy({ ...policy, topUpBands: [{ minAmount: 500, days: 5 }, { minAmount: 100, days: 9 }] }), { code: 'POLICY_INVALID' });
});

const anyDay = fc.integer({ min: 0, max: 3650 }).map((n) => addDays(d('2024-01-01'), n));

test('the set-based cutoffs agree with statusOn (property)', () => {
  fc.assert(fc.property(anyDay, anyDay, (validUntil, today) => {
    const c = stageCutoffs(today, policy);
    const bySql = validUntil < c.recyclableBelow ? 'recyclable' : validUntil < c.quarantineBelow ? 'quarantine'
      : validUntil < c.suspendedBelow ? 'suspended' : validUntil < c.oneWayBelow ? 'one_way' : 'active';
    assert.equal(bySql, statusOn(validUntil, today, policy));
  }));
});

test('stages never go back as days pass, and a sweep never regresses (property)', () => {
  fc.assert(fc.property(anyDay, anyDay, fc.integer({ min: 0, max: 400 }), fc.constantFrom(...lineStatuses), (validUntil, today, later, stored) => {
    assert.ok(statusRank(statusOn(validUntil, addDays(today, later), policy)) >= statusRank(statusOn(validUntil, today, policy)));
    const swept = sweptStatus(stored, validUntil, today, policy);
    assert.ok(statusRank(swept) >= statusRank(stored));
    assert.equal(sweptStatus(swept, validUntil, today, policy), swept);
  }));
});

test('the countdown reaches zero exactly when the stage starts (property)', () => {
  fc.assert(fc.property(anyDay, anyDay, (validUntil, today) => {
    const c = countdown(validUntil, today, policy);
    assert.equal(c.daysUntilOneWay === 0, statusRank(statusOn(validUntil, today, policy)) >= 1);
    assert.equal(c.daysUntilNumberLost === 0, statusOn(validUntil, today, policy) === 'recyclable');
    assert.equal(daysBetween(c.oneWayFrom, c.numberLostFrom), 180);
  }));
});
