import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, parseIsoDate } from './calendar.ts';
import {
  assertFamilyPlan, assertMayDo, decideConsent, decideDeparture, decideInvite, iccidTail, mayDo, maySimBeAdded, memberStatuses, placesTaken,
  poolPeriodOn, sharedLinesOf, type GroupAction, type Member, type SharedPlan,
} from './groups.ts';
import { isDomainError } from './errors.ts';

const family: SharedPlan = { code: 'AILE_4', kind: 'family', allowances: { lines: 4, dataMb: 20480 } };
const multiSim: SharedPlan = { code: 'MULTI_SIM', kind: 'multi_sim', allowances: { lines: 3, dataMb: 10240 } };
const single: SharedPlan = { code: 'SAXLA_NOMRE', kind: 'keep_number', allowances: {} };

const dayArb = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => parseIsoDate(d.toISOString().slice(0, 10)));

describe('the plan decides the kind and the size', () => {
  test('family and multi-SIM plans share their lines; others are not shared', () => {
    assert.equal(sharedLinesOf(family), 4);
    assert.equal(sharedLinesOf(multiSim), 3);
    assert.equal(sharedLinesOf(single), 1);
    assertFamilyPlan(family);
    for (const plan of [multiSim, single]) {
      assert.throws(() => assertFamilyPlan(plan), (e) => isDomainError(e) && e.code === 'GROUP_PLAN_NOT_SHARED');
    }
  });
});

describe('inviting', () => {
  const memberArb = fc.record({ msisdn: fc.constantFrom('+994500000001', '+994500000002', '+994500000003', '+994500000004', '+994500000005'), status: fc.constantFrom(...memberStatuses) });
  const membersArb = fc.uniqueArray(memberArb, { selector: (m) => m.msisdn, maxLength: 5 });

  test('never more numbers holding a place than the plan shares', () => {
    fc.assert(fc.property(membersArb, fc.constantFrom('+994500000001', '+994500000009'), (members, msisdn) => {
      const decision = decideInvite(family, members, msisdn);
      if (decision.ok) assert.ok(placesTaken(members) < sharedLinesOf(family));
      else if (decision.code === 'GROUP_FULL') assert.ok(placesTaken(members) >= sharedLinesOf(family));
    }));
  });

  test('a number already invited or in is refused; one that left may come back', () => {
    const members: Member[] = [{ msisdn: 'a', status: 'invited' }, { msisdn: 'b', status: 'active' }, { msisdn: 'c', status: 'left' }];
    assert.equal(decideInvite(family, members, 'a').ok, false);
    assert.equal(decideInvite(family, members, 'b').ok, false);
    assert.deepEqual(decideInvite(family, members, 'c'), { ok: true, reinvite: true });
    assert.deepEqual(decideInvite(family, members, 'd'), { ok: true, reinvite: false });
    const full: Member[] = ['a', 'b', 'c', 'd'].map((msisdn) => ({ msisdn, status: 'active' }));
    const refused = decideInvite(family, full, 'e');
    assert.equal(refused.ok ? 'ok' : refused.code, 'GROUP_FULL');
    // A departure frees its place.
    assert.equal(decideInvite(family, [...full.slice(0, 3), { msisdn: 'd', status: 'left' }], 'e').ok, true);
  });
});

describe('states', () => {
  test('consent only from invited; leaving or removal from invited or active', () => {
    assert.deepEqual(decideConsent('invited'), { ok: true, to: 'active' });
    for (const s of ['active', 'left', undefined] as const) assert.equal(decideConsent(s).ok, false);
    assert.deepEqual(decideDeparture('active'), { ok: true, to: 'left' });
    assert.deepEqual(decideDeparture('invited'), { ok: true, to: 'left' });
    assert.equal(decideDeparture('left').ok, false);
    assert.equal(decideDeparture(undefined).ok, false);
  });
});

describe('who may do what', () => {
  const actions: GroupAction[] = ['view', 'invite', 'consent', 'leave', 'remove', 'renew_all'];
  test('the payer everything, a member sees, consents and leaves, a stranger nothing (as if absent)', () => {
    for (const action of actions) {
      assert.equal(mayDo('payer', action), true);
      assert.equal(mayDo('member', action), ['view', 'consent', 'leave'].includes(action), action);
      assert.equal(mayDo('stranger', action), false);
      assert.throws(() => assertMayDo('stranger', action, 'g1'), (e) => isDomainError(e) && e.code === 'NOT_FOUND');
    }
    assert.throws(() => assertMayDo('member', 'remove', 'g1'), (e) => isDomainError(e) && e.code === 'FORBIDDEN');
  });
});

describe('the pool\'s periods', () => {
  test('31 January: a short month never shifts the later starts', () => {
    const created = parseIsoDate('2027-01-31');
    assert.deepEqual(poolPeriodOn(created, parseIsoDate('2027-01-31')), { start: '2027-01-31', end: '2027-02-27' });
    assert.deepEqual(poolPeriodOn(created, parseIsoDate('2027-02-28')), { start: '2027-02-28', end: '2027-03-30' });
    assert.deepEqual(poolPeriodOn(created, parseIsoDate('2027-03-31')), { start: '2027-03-31', end: '2027-04-29' });
    assert.equal(poolPeriodOn(created, parseIsoDate('2027-01-30')), null);
  });

  test('every day after creation lies in exactly one period, and periods tile the calendar', () => {
    fc.assert(fc.property(dayArb, fc.nat({ max: 2000 }), (created, offset) => {
      const day = addDays(created, offset);
      const period = poolPeriodOn(created, day);
      assert.ok(period);
      assert.ok(period.start <= day && day <= period.end, `${day} in ${period.start}..${period.end}`);
      assert.ok(period.start >= created);
      const next = poolPeriodOn(created, addDays(period.end, 1));
      assert.equal(next?.start, addDays(period.end, 1));
      // The same period for every day in it.
      assert.deepEqual(poolPeriodOn(created, period.start), period);
      assert.deepEqual(poolPeriodOn(created, period.end), period);
    }));
  });

  test('a period is a month long: 28 to 31 days', () => {
    fc.assert(fc.property(dayArb, fc.nat({ max: 2000 }), (created, offset) => {
      const period = poolPeriodOn(created, addDays(created, offset));
      assert.ok(period);
      const length = (Date.parse(period.end) - Date.parse(period.start)) / 86_400_000 + 1;
      assert.ok(length >= 28 && length <= 31, `${period.start}..${period.end}`);
    }));
  });
});

describe('SIMs on a multi-SIM number', () => {
  test('up to the plan\'s count, the main SIM included; only on a multi-SIM plan', () => {
    assert.deepEqual(maySimBeAdded(multiSim, 2), { ok: true });
    const full = maySimBeAdded(multiSim, 3);
    assert.equal(full.ok ? 'ok' : full.code, 'SIM_LIMIT_REACHED');
    for (const plan of [family, single, undefined]) {
      const refused = maySimBeAdded(plan, 1);
      assert.equal(refused.ok ? 'ok' : refused.code, 'GROUP_PLAN_NOT_SHARED');
    }
    assert.equal(iccidTail('8999400000000001017'), '1017');
  });
});



