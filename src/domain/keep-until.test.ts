import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, parseInstant, parseIsoDate, type IsoDate } from './calendar.ts';
import { parsePlan, type Plan } from './catalog.ts';
import {
  buyingDay, keepOptions, keepsGoal, lastBuyingDay, planKeepUntil, validUntilAfterStep,
  type KeepOption, type KeepUntilInput,
} from './keep-until.ts';
import { statusOn } from './lifecycle.ts';
import { qepik } from './money.ts';
import { parseMsisdn } from './msisdn.ts';
import { parseValidityPolicy, type ValidityPolicy } from './policy.ts';
import type { Promotion } from './promotions.ts';

const d = (s: string): IsoDate => parseIsoDate(s);
const TODAY = d('2027-01-10');
const NOW = parseInstant('2027-01-10T12:00:00+04:00');

function makePlan(code: string, monthlyPrice: number, durations: number[]): Plan {
  const text = (locale: string) => ({ name: `${code} ${locale}`, description: `${code} (${locale})` });
  return parsePlan({
    code, kind: 'keep_number', monthlyPrice, durations, sortOrder: 0, allowances: {},
    texts: { az: text('az'), en: text('en'), ru: text('ru'), zh: text('zh'), tr: text('tr') },
  });
}

function makePolicy(bands: readonly { minAmount: number; days: number }[], oneWayDays: number, extension: 'max' | 'add' = 'max'): ValidityPolicy {
  return parseValidityPolicy({
    version: 't', name: 't', effectiveFrom: '2024-07-01', topUpExtension: extension, restoreFee: 500,
    topUpBands: bands, stages: { oneWayDays, suspendedDays: 60, quarantineDays: 90 },
  });
}

const multiMonth: Promotion = {
  kind: 'multi_month', code: 'MULTI_MONTH', names: { az: 'MM', en: 'MM', ru: 'MM', zh: 'MM', tr: 'MM' },
  tiers: [{ minMonths: 3, basisPoints: 500 }, { minMonths: 6, basisPoints: 1000 }, { minMonths: 12, basisPoints: 1500 }],
};

const demoPolicy = makePolicy([
  { minAmount: 100, days: 5 }, { minAmount: 200, days: 10 }, { minAmount: 300, days: 20 }, { minAmount: 500, days: 30 },
  { minAmount: 1000, days: 60 }, { minAmount: 2500, days: 90 }, { minAmount: 5000, days: 120 },
], 30);
const keepPlan = makePlan('SAXLA_NOMRE', 150, [1, 3, 6, 12]);

function input(over: Partial<KeepUntilInput> & { validUntil?: IsoDate } = {}): KeepUntilInput {
  const policy = over.policy ?? demoPolicy;
  const validUntil = over.validUntil ?? d('2027-01-20');
  return {
    line: {
      msisdn: parseMsisdn('+994500000001'), iccid: '8999400000000000018', balance: qepik(500), planCode: null, language: 'en',
      validUntil, status: statusOn(validUntil, TODAY, policy),
    },
    today: TODAY, now: NOW, date: d('2027-06-30'), receiveOnly: false,
    plans: [keepPlan], promotions: [multiMonth], policy, locale: 'en',
    ...over,
  };
}

/** Replays a plan step by step with the domain's own rules: each step on its day keeps the goal. */
function replay(i: KeepUntilInput, steps: ReturnType<typeof planKeepUntil>['steps']): IsoDate {
  let end = i.line.validUntil;
  for (const step of steps) {
    assert.equal(step.on, buyingDay(end, i.today, i.receiveOnly, i.policy));
    end = validUntilAfterStep(end, step, step.on, i.policy, i.line);
    assert.equal(step.validUntilAfter, end);
  }
  return end;
}

describe('keep-until planner: examples', () => {
  it('a line that already lasts needs nothing', () => {
    const plan = planKeepUntil(input({ date: d('2027-01-15') }));
    assert.deepEqual(plan, { total: 0, steps: [], validUntilAfter: '2027-01-20' });
  });

  it('half a year: one 6-month renewal with the multi-month discount beats top-ups', () => {
    const plan = planKeepUntil(input());
    // 6 × 1.50 = 9.00, −10 % = 8.10; top-ups would need 50 AZN (120 days) + more.
    assert.equal(plan.total, 810);
    assert.deepEqual(plan.steps.map((s) => [s.kind, s.kind === 'renewal' ? s.months : 0, s.on, s.validUntilAfter, s.buyNow]),
      [['renewal', 6, '2027-01-20', '2027-07-20', true]]);
    assert.equal(plan.validUntilAfter, '2027-07-20');
  });

  it('a few days: the smallest top-up on the last active day', () => {
    const plan = planKeepUntil(input({ date: d('2027-01-24'), plans: [makePlan('DEAR', 5000, [1])] }));
    assert.deepEqual(plan.steps.map((s) => [s.kind, s.price, s.on, s.validUntilAfter, s.buyNow]), [['top_up', 100, '2027-01-20', '2027-01-25', false]]);
  });

  it('receive-only buys each step on the last one-way day, so it costs less', () => {
    const active = planKeepUntil(input({ date: d('2027-12-31') }));
    const oneWay = planKeepUntil(input({ date: d('2027-12-31'), receiveOnly: true }));
    assert.ok(oneWay.total <= active.total);
    assert.ok(keepsGoal(oneWay.validUntilAfter, d('2027-12-31'), true, demoPolicy));
    assert.equal(oneWay.steps[0]?.on, addDays(d('2027-01-20'), 30));
  });

  it('a one-way line is served today', () => {
    const plan = planKeepUntil(input({ validUntil: d('2027-01-01'), date: d('2027-01-31') }));
    assert.equal(plan.steps[0]?.on, TODAY);
    assert.equal(plan.steps[0]?.buyNow, true);
  });

  it('refuses a past day, a day beyond five years and a line in quarantine', () => {
    assert.throws(() => planKeepUntil(input({ date: d('2027-01-09') })), { code: 'INVALID_DATE' });
    assert.throws(() => planKeepUntil(input({ date: d('2033-01-01') })), { code: 'INVALID_DATE' });
    assert.throws(() => planKeepUntil(input({ validUntil: d('2026-09-01') })), { code: 'LINE_IN_QUARANTINE' });
  });

  it('five years ahead is planned quickly', () => {
    const started = performance.now();
    const plan = planKeepUntil(input({ date: addDays(TODAY, 5 * 366) }));
    assert.ok(plan.steps.length > 0);
    assert.ok(performance.now() - started < 2000, `${performance.now() - started} ms`);
  });
});

// ---- exactness against brute force ----

const bandsArb = fc.uniqueArray(fc.record({ minAmount: fc.integer({ min: 1, max: 30 }).map((n) => n * 100), days: fc.integer({ min: 4, max: 25 }) }), {
  minLength: 1, maxLength: 3, selector: (b) => b.minAmount,
}).map((bands) => {
  // Ascending amounts; days need not ascend (an odd table is still a table).
  return bands.toSorted((a, b) => a.minAmount - b.minAmount);
});
const plansArb = fc.array(fc.record({ price: fc.integer({ min: 50, max: 3000 }), durations: fc.subarray([1, 3], { minLength: 1 }) }), { maxLength: 2 })
  .map((list) => list.map((p, i) => makePlan(`P${i}`, p.price, p.durations)));
interface Case {
  bands: { minAmount: number; days: number }[]; plans: Plan[]; oneWayDays: number; extension: 'max' | 'add';
  offset: number; horizon: number; receiveOnly: boolean; promo: boolean;
}
const caseArb: fc.Arbitrary<Case> = fc.record({
  bands: bandsArb, plans: plansArb, oneWayDays: fc.integer({ min: 1, max: 6 }), extension: fc.constantFrom<'max' | 'add'>('max', 'add'),
  offset: fc.integer({ min: -8, max: 6 }), horizon: fc.integer({ min: 0, max: 40 }), receiveOnly: fc.boolean(), promo: fc.boolean(),
});

/** Every sequence of options bought on the latest day, without memory: the cheapest cost that keeps the goal. */
function bruteForceLatestDay(i: KeepUntilInput, options: readonly KeepOption[]): number {
  let best = Number.POSITIVE_INFINITY;
  const walk = (end: IsoDate, cost: number): void => {
    if (keepsGoal(end, i.date, i.receiveOnly, i.policy)) {
      best = Math.min(best, cost);
      return;
    }
    const day = buyingDay(end, i.today, i.receiveOnly, i.policy);
    for (const option of options) {
      const next = validUntilAfterStep(end, option, day, i.policy, i.line);
      if (next > end) walk(next, cost + option.price);
    }
  };
  walk(i.line.validUntil, 0);
  return best;
}

/** Every sequence of options on every allowed day, up to `depth` steps, cut at `bound`: the cheapest cost found. */
function bruteForceAnyDay(i: KeepUntilInput, options: readonly KeepOption[], depth: number, bound: number): number {
  let best = Number.POSITIVE_INFINITY;
  const walk = (end: IsoDate, cost: number, left: number): void => {
    if (cost >= bound || cost >= best) return;
    if (keepsGoal(end, i.date, i.receiveOnly, i.policy)) {
      best = cost;
      return;
    }
    if (left === 0) return;
    const last = lastBuyingDay(end, i.receiveOnly, i.policy);
    // A line already past its last buying day is served today; otherwise any day up to that one.
    const days: IsoDate[] = [];
    if (last < i.today) days.push(i.today);
    else for (let day = i.today; day <= last; day = addDays(day, 1)) days.push(day);
    for (const day of days) {
      for (const option of options) {
        const next = validUntilAfterStep(end, option, day, i.policy, i.line);
        if (next > end) walk(next, cost + option.price, left - 1);
      }
    }
  };
  walk(i.line.validUntil, 0, depth);
  return best;
}

function caseInput(c: Case): KeepUntilInput {
  const policy = makePolicy(c.bands, c.oneWayDays, c.extension);
  return input({
    policy, validUntil: addDays(TODAY, c.offset), date: addDays(TODAY, c.horizon), receiveOnly: c.receiveOnly,
    plans: c.plans, promotions: c.promo ? [multiMonth] : [],
  });
}

describe('keep-until planner: exact', () => {
  it('costs what the cheapest of every schedule costs, and its schedule keeps the goal', () => {
    fc.assert(fc.property(caseArb, (c) => {
      const i = caseInput(c);
      if (i.line.status === 'quarantine' || i.line.status === 'recyclable') return;
      const plan = planKeepUntil(i);
      const options = keepOptions(i);
      assert.equal(plan.total, bruteForceLatestDay(i, options));
      assert.equal(plan.total, plan.steps.reduce((sum, s) => sum + s.price, 0));
      const end = replay(i, plan.steps);
      assert.equal(end, plan.validUntilAfter);
      assert.ok(keepsGoal(end, i.date, i.receiveOnly, i.policy));
    }), { numRuns: 300 });
  });

  it('no schedule on other days is cheaper (small cases, every day tried)', () => {
    fc.assert(fc.property(caseArb.filter((c) => c.horizon <= 16 && c.offset >= -4 && c.offset <= 4), (c) => {
      const i = caseInput(c);
      const plan = planKeepUntil(i);
      const cheaper = bruteForceAnyDay(i, keepOptions(i), 4, plan.total);
      assert.equal(cheaper, Number.POSITIVE_INFINITY, `a schedule costing ${cheaper} beats ${plan.total}`);
    }), { numRuns: 150 });
  });

  it('buying later or from a later end never gives an earlier end (why the latest day is best)', () => {
    fc.assert(fc.property(caseArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.nat(10), (c, a, b, pick) => {
      const i = caseInput(c);
      const options = keepOptions(i);
      const option = options[pick % options.length];
      if (!option) return;
      const end = addDays(TODAY, c.offset + 10);
      const [early, late] = [addDays(TODAY, Math.min(a, b)), addDays(TODAY, Math.max(a, b))];
      if (statusOn(end, late, i.policy) === 'quarantine' || statusOn(end, late, i.policy) === 'recyclable') return;
      assert.ok(validUntilAfterStep(end, option, early, i.policy, i.line) <= validUntilAfterStep(end, option, late, i.policy, i.line));
      assert.ok(validUntilAfterStep(end, option, early, i.policy, i.line) <= validUntilAfterStep(addDays(end, 3), option, early, i.policy, i.line));
    }), { numRuns: 300 });
  });
});
