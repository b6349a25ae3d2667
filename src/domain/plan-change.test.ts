import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, parseIsoDate, type IsoDate } from './calendar.ts';
import { decidePlanChange, type PlanChangeRule, type ScheduledPlan } from './plan-change.ts';

const today = parseIsoDate('2026-12-06');
const may20 = parseIsoDate('2027-05-20');

describe('decidePlanChange: the issue\'s Expat Pack paid to 2027-05-20', () => {
  it('at_paid_end: the Expat Pack runs to 20 May, keep-number starts on 21 May', () => {
    const d = decidePlanChange({ planCode: 'ECNEBI_PAKET', validUntil: may20 }, null, 'SAXLA_NOMRE', today, 'at_paid_end');
    assert.deepEqual(d, {
      planCode: 'ECNEBI_PAKET', schedule: { planCode: 'SAXLA_NOMRE', startsOn: '2027-05-21' },
      change: { from: 'ECNEBI_PAKET', to: 'SAXLA_NOMRE', paidUntil: '2027-05-20', startsOn: '2027-05-21', rule: 'at_paid_end' },
    });
  });
  it('immediate: keep-number from today, and the quote says so', () => {
    const d = decidePlanChange({ planCode: 'ECNEBI_PAKET', validUntil: may20 }, null, 'SAXLA_NOMRE', today, 'immediate');
    assert.equal(d.planCode, 'SAXLA_NOMRE');
    assert.deepEqual(d.change, { from: 'ECNEBI_PAKET', to: 'SAXLA_NOMRE', paidUntil: null, startsOn: today, rule: 'immediate' });
  });
  it('a lapsed line switches today under either rule', () => {
    const d = decidePlanChange({ planCode: 'ECNEBI_PAKET', validUntil: addDays(today, -1) }, null, 'SAXLA_NOMRE', today, 'at_paid_end');
    assert.equal(d.planCode, 'SAXLA_NOMRE');
    assert.equal(d.change?.paidUntil, null);
  });
  it('the last paid day is today: the new plan starts tomorrow', () => {
    const d = decidePlanChange({ planCode: 'ECNEBI_PAKET', validUntil: today }, null, 'SAXLA_NOMRE', today, 'at_paid_end');
    assert.equal(d.change?.startsOn, addDays(today, 1));
  });
});

describe('decidePlanChange with a plan already scheduled', () => {
  const scheduled: ScheduledPlan = { planCode: 'SAXLA_NOMRE', startsOn: parseIsoDate('2027-05-21') };
  it('renewing with the scheduled plan keeps its start day', () => {
    const d = decidePlanChange({ planCode: 'ECNEBI_PAKET', validUntil: parseIsoDate('2027-08-20') }, scheduled, 'SAXLA_NOMRE', today, 'at_paid_end');
    assert.equal(d.schedule, 'keep');
    assert.equal(d.change?.startsOn, '2027-05-21');
  });
  it('renewing with the current plan drops the switch', () => {
    const d = decidePlanChange({ planCode: 'ECNEBI_PAKET', validUntil: parseIsoDate('2027-08-20') }, scheduled, 'ECNEBI_PAKET', today, 'at_paid_end');
    assert.deepEqual(d, { planCode: 'ECNEBI_PAKET', schedule: null, change: null });
  });
  it('a third plan replaces the scheduled one on the same day', () => {
    const d = decidePlanChange({ planCode: 'ECNEBI_PAKET', validUntil: parseIsoDate('2027-08-20') }, scheduled, 'INTERNET_5GB', today, 'at_paid_end');
    assert.deepEqual(d.schedule, { planCode: 'INTERNET_5GB', startsOn: '2027-05-21' });
  });
});

const dayArb = fc.integer({ min: -400, max: 400 }).map((n): IsoDate => addDays(today, n));
const codeArb = fc.constantFrom('A', 'B', 'C');
const scheduledArb = fc.option(fc.record({ planCode: codeArb, startsOn: dayArb }), { nil: null });
const ruleArb = fc.constantFrom<PlanChangeRule>('at_paid_end', 'immediate');

describe('decidePlanChange properties', () => {
  it('no paid day is ever taken away: under at_paid_end the plan the line has now stays while it is paid', () => {
    fc.assert(fc.property(fc.option(codeArb, { nil: null }), dayArb, scheduledArb, codeArb, ruleArb, (current, validUntil, scheduled, planCode, rule) => {
      const d = decidePlanChange({ planCode: current, validUntil }, scheduled, planCode, today, rule);
      // The plan the line has today: a scheduled one whose day has come counts as started.
      const now = scheduled !== null && scheduled.startsOn <= today ? scheduled.planCode : current;
      if (rule === 'at_paid_end' && now !== null && validUntil >= today) assert.equal(d.planCode, now);
      // Whatever happens in between, the line ends up on the plan just bought.
      const endsAs = d.schedule === 'keep' ? scheduled?.planCode : d.schedule?.planCode ?? d.planCode;
      assert.equal(endsAs, planCode);
      if (now !== null && planCode !== now) {
        assert.ok(d.change);
        assert.ok(d.change.startsOn >= today);
        if (d.change.paidUntil !== null) assert.equal(addDays(d.change.paidUntil, 1), d.change.startsOn);
      } else {
        assert.equal(d.change, null);
      }
    }), { numRuns: 1000 });
  });
});
