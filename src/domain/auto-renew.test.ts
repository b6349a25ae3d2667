import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, parseIsoDate, type IsoDate } from './calendar.ts';
import {
  capAllows, capMonth, checkSetting, currentPeriod, lifecycleCheckpoints, MAX_ATTEMPTS, monthlyDueDay, nextAttemptDay, nextRunDay, runMoment,
  wantsRun, type AutoRenewRule, type AutoRenewSetting,
} from './auto-renew.ts';
import { isDomainError } from './errors.ts';
import { stageCalendar } from './lifecycle.ts';
import type { Qepik } from './money.ts';
import { parseValidityPolicy } from './policy.ts';
import demoPolicy from '../policies/demo-2024.json' with { type: 'json' };

const policy = parseValidityPolicy(demoPolicy);
const q = (n: number): Qepik => n as Qepik;
const day = (text: string): IsoDate => parseIsoDate(text);
const dayArb = fc.integer({ min: 0, max: 3650 }).map((n) => addDays(day('2025-01-01'), n));

const renew: AutoRenewRule = { kind: 'renew', planCode: 'SAXLA_NOMRE', months: 3, daysBefore: 3 };

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return isDomainError(error) ? error.code : 'other';
  }
}

test('a setting whose single run costs more than the cap is refused; equal to it is fine', () => {
  fc.assert(fc.property(fc.integer({ min: 100, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (cost, cap) => {
    const setting: AutoRenewSetting = { rule: { kind: 'top_up_monthly', amount: q(cost), dayOfMonth: 5 }, monthlyCap: q(cap), source: 'saved_method' };
    assert.equal(codeOf(() => checkSetting(setting, q(cost))), cost > cap ? 'AUTO_RENEW_OVER_CAP' : undefined);
  }));
});

test('a top-up cannot be paid from the balance it fills, and is at least 1 AZN', () => {
  const rule: AutoRenewRule = { kind: 'top_up_below', amount: q(500), belowBalance: q(100) };
  assert.equal(codeOf(() => checkSetting({ rule, monthlyCap: q(5000), source: 'balance' }, q(500))), 'AUTO_RENEW_SOURCE_INVALID');
  assert.equal(codeOf(() => checkSetting({ rule: { ...rule, amount: q(99) }, monthlyCap: q(5000), source: 'saved_method' }, q(99))), 'AMOUNT_BELOW_MINIMUM_TOP_UP');
  assert.equal(codeOf(() => checkSetting({ rule: renew, monthlyCap: q(5000), source: 'balance' }, q(1350))), undefined);
  assert.equal(codeOf(() => checkSetting({ rule: { ...renew, daysBefore: 31 }, monthlyCap: q(5000), source: 'balance' }, q(1350))), 'VALIDATION_FAILED');
});

test('cap: however runs arrive in a month, what the cap lets through never exceeds it', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 20_000 }), fc.array(fc.integer({ min: 1, max: 5_000 }), { maxLength: 40 }), (cap, costs) => {
    let spent = 0;
    for (const cost of costs) if (capAllows(q(spent), q(cost), q(cap))) spent += cost;
    assert.ok(spent <= cap);
    // And nothing that would have fitted was turned away: each refusal was over the line.
    let spent2 = 0;
    for (const cost of costs) {
      if (capAllows(q(spent2), q(cost), q(cap))) spent2 += cost;
      else assert.ok(spent2 + cost > cap);
    }
  }));
});

test('a monthly top-up falls on day D, or on the last day of a shorter month', () => {
  assert.equal(monthlyDueDay(day('2027-02-10'), 31), '2027-02-28');
  assert.equal(monthlyDueDay(day('2028-02-10'), 30), '2028-02-29');
  assert.equal(monthlyDueDay(day('2026-11-03'), 31), '2026-11-30');
  fc.assert(fc.property(dayArb, fc.integer({ min: 1, max: 31 }), (d, dom) => {
    const due = monthlyDueDay(d, dom);
    assert.equal(capMonth(due), capMonth(d));
    assert.ok(Number(due.slice(8)) <= dom);
    assert.ok(Number(due.slice(8)) === dom || capMonth(addDays(due, 1)) !== capMonth(due));
  }));
});

test('a renewal is due D days before the end, and its period is the end it renews', () => {
  fc.assert(fc.property(dayArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: -40, max: 40 }), (validUntil, daysBefore, offset) => {
    const rule: AutoRenewRule = { ...renew, daysBefore };
    const today = addDays(validUntil, offset);
    const period = currentPeriod(rule, { validUntil }, today, 0);
    assert.equal(period.key, `renew:${validUntil}`);
    const line = { validUntil, balance: q(0), status: 'active' as const };
    assert.equal(wantsRun(rule, line, period, today), offset >= -daysBefore);
    // Two processes asking on the same day get the same key: one charge.
    assert.deepEqual(currentPeriod(rule, { validUntil }, today, 0), period);
  }));
});

test('a low-balance top-up runs only below its threshold, once per fall within a month', () => {
  const rule: AutoRenewRule = { kind: 'top_up_below', amount: q(500), belowBalance: q(200) };
  const today = day('2026-12-06');
  const period = currentPeriod(rule, { validUntil: today }, today, 2);
  assert.equal(period.key, 'below:2026-12:3');
  assert.equal(wantsRun(rule, { validUntil: today, balance: q(199), status: 'active' }, period, today), true);
  assert.equal(wantsRun(rule, { validUntil: today, balance: q(200), status: 'active' }, period, today), false);
  assert.equal(wantsRun(rule, { validUntil: today, balance: q(0), status: 'quarantine' }, period, today), false);
});

test('retries follow the lifecycle: 3 days before, the day before, the last day, the eve of suspension', () => {
  const end = day('2026-12-20');
  const { suspendedFrom } = stageCalendar(end, policy);
  assert.deepEqual(lifecycleCheckpoints(end, policy), ['2026-12-17', '2026-12-19', '2026-12-20', addDays(suspendedFrom, -1)]);
  assert.equal(nextAttemptDay('renew', day('2026-12-17'), 1, end, policy), '2026-12-19');
  assert.equal(nextAttemptDay('renew', day('2026-12-19'), 2, end, policy), '2026-12-20');
  assert.equal(nextAttemptDay('renew', day('2026-12-20'), 3, end, policy), addDays(suspendedFrom, -1));
  assert.equal(nextAttemptDay('renew', addDays(suspendedFrom, -1), 4, end, policy), undefined);
  fc.assert(fc.property(dayArb, fc.integer({ min: -10, max: 60 }), fc.integer({ min: 1, max: 6 }), fc.boolean(), (validUntil, offset, attempts, isRenew) => {
    const failedOn = addDays(validUntil, offset);
    const next = nextAttemptDay(isRenew ? 'renew' : 'top_up', failedOn, attempts, validUntil, policy);
    if (attempts >= MAX_ATTEMPTS) assert.equal(next, undefined);
    if (next === undefined) return;
    assert.ok(next > failedOn, 'a retry is always on a later day');
    // Never after the last day before suspension for a renewal: after that it is too late to help.
    if (isRenew) assert.ok(lifecycleCheckpoints(validUntil, policy).includes(next));
  }));
});

test('next run: due day, retry day, or nothing while a low-balance top-up waits on the balance', () => {
  const today = day('2026-12-06');
  const line = { validUntil: day('2026-12-20'), balance: q(1000), status: 'active' as const };
  const period = currentPeriod(renew, line, today, 0);
  assert.equal(nextRunDay(renew, line, today, period, undefined), '2026-12-17');
  assert.equal(nextRunDay(renew, line, today, period, { status: 'failed', nextAttemptOn: day('2026-12-19') }), '2026-12-19');
  const monthly: AutoRenewRule = { kind: 'top_up_monthly', amount: q(500), dayOfMonth: 31 };
  const mPeriod = currentPeriod(monthly, line, today, 0);
  assert.equal(nextRunDay(monthly, line, today, mPeriod, { status: 'charged' }), '2027-01-31');
  const below: AutoRenewRule = { kind: 'top_up_below', amount: q(500), belowBalance: q(200) };
  assert.equal(nextRunDay(below, line, today, currentPeriod(below, line, today, 0), undefined), null);
  assert.equal(runMoment(today), Date.parse('2026-12-06T09:00:00+04:00'));
});
