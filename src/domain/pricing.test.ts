import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseInstant, parseIsoDate, type Instant } from './calendar.ts';
import { parsePlan, type Plan, type PlanKind } from './catalog.ts';
import { isDomainError, type ErrorCode } from './errors.ts';
import { locales, qepik, type Locale } from './money.ts';
import { parseMsisdn, type Msisdn } from './msisdn.ts';
import { parseValidityPolicy } from './policy.ts';
import { priceOrder, priceTopUp, type OrderInput, type OrderItemInput, type OrderPricing, type PricedOrder } from './pricing.ts';
import type { DiscountValue, Promotion, PromotionNames, PromoUsage } from './promotions.ts';

// ---- fixtures ----

const now = parseInstant('2026-11-26T10:00:00+04:00');
const today = parseIsoDate('2026-11-26');
const before = (days: number): Instant => (now - days * 86_400_000) as Instant;
const after = (days: number): Instant => (now + days * 86_400_000) as Instant;

function names(tag: string): PromotionNames {
  return { az: `${tag} endirimi`, en: `${tag} discount`, ru: `Скидка ${tag}`, zh: `${tag}优惠`, tr: `${tag} indirimi` };
}

function makePlan(code: string, monthlyPrice: number, durations: number[], kind: PlanKind = 'keep_number'): Plan {
  const text = (locale: string) => ({ name: `${code} ${locale}`, description: `${code} (${locale})` });
  return parsePlan({
    code, kind, monthlyPrice, durations, sortOrder: 0,
    allowances: kind === 'family' || kind === 'multi_sim' ? { lines: 4 } : {},
    texts: { az: text('az'), en: text('en'), ru: text('ru'), zh: text('zh'), tr: text('tr') },
  });
}

const msisdn = (n: number): Msisdn => parseMsisdn(`+99450${String(n).padStart(7, '0')}`);
const A = msisdn(1_111_111);
const B = msisdn(2_222_222);

const keep = makePlan('SAXLA_NOMRE', 150, [1, 3, 6, 12]);
const data = makePlan('DATA_5GB', 600, [1, 3], 'data');
const odd = makePlan('ODD', 1010, [1, 3]);

const multiMonth: Promotion = {
  kind: 'multi_month', code: 'MULTI_MONTH', names: names('MM'),
  tiers: [{ minMonths: 6, basisPoints: 1000 }, { minMonths: 12, basisPoints: 1500 }],
};
const bundle: Promotion = { kind: 'bundle', code: 'BUNDLE', names: names('BUNDLE'), minLines: 2, basisPoints: 500 };

function automatic(code: string, value: DiscountValue, extra: Partial<Extract<Promotion, { kind: 'automatic' }>> = {}): Promotion {
  return { kind: 'automatic', code, names: names(code), value, validFrom: before(5), validUntil: after(5), ...extra };
}

function promoCode(code: string, value: DiscountValue, extra: Partial<Extract<Promotion, { kind: 'code' }>> = {}): Promotion {
  return {
    kind: 'code', code, names: names(code), value, validFrom: before(30), validUntil: after(30), combinable: true,
    perCustomerCap: 1, perLineCap: 1, newCustomersOnly: false, ...extra,
  };
}
const percent = (basisPoints: number): DiscountValue => ({ type: 'percent', basisPoints });
const fixed = (amount: number): DiscountValue => ({ type: 'fixed', amount: qepik(amount) });

function item(who: Msisdn, plan: Plan, months: number, currentValidUntil = '2026-11-30'): OrderItemInput {
  return { msisdn: who, plan, months, currentValidUntil: parseIsoDate(currentValidUntil) };
}

function order(items: OrderItemInput[], promotions: Promotion[], extra: Partial<OrderInput> = {}): OrderInput {
  // Nothing redeemed yet unless a test says otherwise: every code has caps, so counts are required.
  return { items, promotions, now, today, locale: 'en', promoUsage: { total: 0, byCustomer: 0 }, ...extra };
}

function priced(result: OrderPricing): PricedOrder {
  if (!result.ok) assert.fail(`expected a price, got ${result.reason} (${result.detail})`);
  return result;
}

const discountsOf = (result: PricedOrder): [string, number, string][] =>
  result.discounts.map((d) => [d.code, d.amount, d.appliesTo]);

function throwsCode(fn: () => unknown, code: ErrorCode): void {
  assert.throws(fn, (e) => isDomainError(e) && e.code === code);
}

// ---- example tests, one rule at a time ----

describe('priceOrder: list prices and validity', () => {
  it('charges unit price × months and extends from the later of today and the current end', () => {
    const result = priced(priceOrder(order([item(A, keep, 3)], [])));
    assert.equal(result.subtotal, 450);
    assert.equal(result.total, 450);
    assert.deepEqual(result.discounts, []);
    // 30 Nov + 3 calendar months clamps to the end of February.
    assert.equal(result.items[0]?.validUntilAfter, '2027-02-28');
    const lapsed = priced(priceOrder(order([item(A, keep, 1, '2026-10-01')], [])));
    assert.equal(lapsed.items[0]?.validUntilAfter, '2026-12-26');
  });

  it('names the plan in the customer\'s language', () => {
    const result = priced(priceOrder(order([item(A, keep, 1)], [], { locale: 'az' })));
    assert.equal(result.items[0]?.planName, 'SAXLA_NOMRE az');
  });

  it('refuses a duration the plan does not offer, an empty order and a line listed twice', () => {
    throwsCode(() => priceOrder(order([item(A, data, 6)], [])), 'PLAN_DURATION_NOT_OFFERED');
    throwsCode(() => priceOrder(order([], [])), 'VALIDATION_FAILED');
    throwsCode(() => priceOrder(order([item(A, keep, 1), item(A, data, 1)], [])), 'VALIDATION_FAILED');
    throwsCode(() => priceOrder(order([item(A, keep, 1)], [bundle, bundle])), 'VALIDATION_FAILED');
  });
});

describe('priceOrder: multi-month', () => {
  it('takes the tier the months reach, per item', () => {
    const result = priced(priceOrder(order([item(A, keep, 12), item(B, keep, 6)], [multiMonth])));
    assert.deepEqual(discountsOf(result), [['MULTI_MONTH', 270, A], ['MULTI_MONTH', 90, B]]);
    assert.equal(result.total, 1800 - 270 + 900 - 90);
  });

  it('gives nothing below the first tier and lists no empty discount', () => {
    const result = priced(priceOrder(order([item(A, keep, 3)], [multiMonth])));
    assert.deepEqual(result.discounts, []);
  });
});

describe('priceOrder: automatic time-limited promotions', () => {
  it('applies only the best running one per item, after multi-month', () => {
    const promotions = [multiMonth, automatic('TEN', percent(1000)), automatic('FLAT', fixed(100))];
    const result = priced(priceOrder(order([item(A, keep, 12)], promotions)));
    // 1800 − 270 = 1530; 10 % of 1530 = 153 beats 100.
    assert.deepEqual(discountsOf(result), [['MULTI_MONTH', 270, A], ['TEN', 153, A]]);
  });

  it('ignores promotions outside their window: the end instant is excluded', () => {
    const ended = automatic('ENDED', percent(5000), { validFrom: before(10), validUntil: now });
    const future = automatic('FUTURE', percent(5000), { validFrom: after(1), validUntil: after(10) });
    assert.equal(priced(priceOrder(order([item(A, keep, 1)], [ended, future]))).total, 150);
    const starting = automatic('NOW', percent(5000), { validFrom: now, validUntil: after(1) });
    assert.equal(priced(priceOrder(order([item(A, keep, 1)], [starting]))).total, 75);
  });

  it('applies only to the plans it covers', () => {
    const promotions = [automatic('DATA_ONLY', fixed(100), { planKinds: ['data'] })];
    const result = priced(priceOrder(order([item(A, keep, 1), item(B, data, 1)], promotions)));
    assert.deepEqual(discountsOf(result), [['DATA_ONLY', 100, B]]);
  });

  it('never takes an item below 0', () => {
    const result = priced(priceOrder(order([item(A, keep, 1)], [automatic('HUGE', fixed(100_000))])));
    assert.equal(result.total, 0);
    assert.equal(result.discountTotal, 150);
  });
});

describe('priceOrder: bundle', () => {
  it('takes 5 % of each item when the order renews 2 lines, rounding half away from zero per item', () => {
    const result = priced(priceOrder(order([item(A, odd, 1), item(B, odd, 1)], [bundle])));
    // 5 % of 1010 = 50.5 → 51 on each line.
    assert.deepEqual(discountsOf(result), [['BUNDLE', 102, 'order']]);
    assert.deepEqual(result.items.map((i) => i.total), [959, 959]);
  });

  it('does nothing for one line', () => {
    assert.equal(priced(priceOrder(order([item(A, odd, 1)], [bundle]))).total, 1010);
  });

  it('works on what multi-month and automatic discounts left', () => {
    const result = priced(priceOrder(order([item(A, keep, 12), item(B, keep, 1)], [multiMonth, bundle, automatic('FLAT', fixed(30))])));
    // A: 1800 − 270 − 30 = 1500, bundle 75. B: 150 − 30 = 120, bundle 6.
    assert.deepEqual(discountsOf(result), [['MULTI_MONTH', 270, A], ['FLAT', 30, A], ['FLAT', 30, B], ['BUNDLE', 81, 'order']]);
    assert.equal(result.total, 1500 - 75 + 120 - 6);
  });
});

describe('priceOrder: promo codes', () => {
  const welcome = promoCode('WELCOME10', percent(1000), { perCustomerCap: 1 });
  const student = promoCode('STUDENT5', fixed(500), { minMonths: 3 });
  const usage: PromoUsage = { total: 0, byCustomer: 0 };

  it('applies last, on what is left, rounding half away from zero', () => {
    const result = priced(priceOrder(order([item(A, makePlan('P', 1005, [1]), 1)], [welcome], { promoCode: 'welcome10', promoUsage: usage })));
    assert.deepEqual(discountsOf(result), [['WELCOME10', 101, 'order']]);
    assert.equal(result.total, 904);
    assert.deepEqual(result.promoCode, { code: 'WELCOME10', status: 'applied' });
  });

  it('stacks after the bundle when combinable', () => {
    const result = priced(priceOrder(order([item(A, odd, 1), item(B, odd, 1)], [bundle, welcome], { promoCode: 'WELCOME10', promoUsage: usage })));
    // each 1010 − 51 = 959; 10 % = 95.9 → 96.
    assert.deepEqual(discountsOf(result), [['BUNDLE', 102, 'order'], ['WELCOME10', 192, 'order']]);
    assert.equal(result.total, 2 * (959 - 96));
  });

  it('takes a fixed amount off the eligible items only, never below 0', () => {
    const result = priced(priceOrder(order([item(A, keep, 3), item(B, keep, 1)], [student], { promoCode: 'STUDENT5' })));
    // Only A (3 months, 450) is eligible: 500 is capped at 450; B pays in full.
    assert.deepEqual(result.items.map((i) => i.total), [0, 150]);
    assert.equal(result.total, 150);
  });

  it('spreads a fixed amount over several eligible items', () => {
    const result = priced(priceOrder(order([item(B, keep, 3), item(A, keep, 3)], [student], { promoCode: 'STUDENT5' })));
    assert.equal(result.discountTotal, 500);
    assert.equal(result.items.reduce((s, i) => s + i.total, 0), result.total);
  });

  it('refuses with a reason code', () => {
    const promotions = [welcome, student, promoCode('OLD', percent(1000), { validFrom: before(60), validUntil: before(1) })];
    const refusal = (promo: string, items = [item(A, keep, 1)], promoUsage = usage) =>
      priceOrder(order(items, promotions, { promoCode: promo, promoUsage }));
    assert.deepEqual(refusal('NOPE'), { ok: false, reason: 'PROMO_NOT_FOUND', detail: 'unknown_code', promoCode: 'NOPE' });
    assert.deepEqual(refusal('OLD'), { ok: false, reason: 'PROMO_EXPIRED', detail: 'ended', promoCode: 'OLD' });
    assert.deepEqual(refusal('WELCOME10', undefined, { total: 5, byCustomer: 1 }),
      { ok: false, reason: 'PROMO_ALREADY_USED', detail: 'customer_cap_reached', promoCode: 'WELCOME10' });
    assert.deepEqual(refusal('WELCOME10', undefined, { total: 5, byCustomer: 0, byLine: { [A]: 1 } }),
      { ok: false, reason: 'PROMO_ALREADY_USED', detail: 'line_cap_reached', promoCode: 'WELCOME10' });
    assert.deepEqual(refusal('STUDENT5'), { ok: false, reason: 'PROMO_MIN_MONTHS', detail: 'too_few_months', promoCode: 'STUDENT5', needs: { months: 3 } });
    const dataOnly = promoCode('DATA', percent(1000), { planKinds: ['data'] });
    assert.deepEqual(priceOrder(order([item(A, keep, 1)], [dataOnly], { promoCode: 'DATA' })),
      { ok: false, reason: 'PROMO_PLAN_NOT_COVERED', detail: 'plan_not_covered', promoCode: 'DATA' });
  });

  it('a code that does not combine is priced alone, and the customer gets the better total', () => {
    const weak = promoCode('SOLO', fixed(100), { combinable: false });
    const kept = priced(priceOrder(order([item(A, keep, 12)], [multiMonth, weak], { promoCode: 'SOLO' })));
    assert.deepEqual(discountsOf(kept), [['MULTI_MONTH', 270, A]]);
    assert.deepEqual(kept.promoCode, { code: 'SOLO', status: 'not_better' });

    const strong = promoCode('SOLO', percent(5000), { combinable: false });
    const used = priced(priceOrder(order([item(A, keep, 12)], [multiMonth, strong], { promoCode: 'SOLO' })));
    assert.deepEqual(discountsOf(used), [['SOLO', 900, 'order']]);
    assert.deepEqual(used.promoCode, { code: 'SOLO', status: 'applied' });
  });

  it('a code that saves nothing is reported as not used', () => {
    const free = automatic('FREE', percent(10_000));
    const result = priced(priceOrder(order([item(A, keep, 1)], [free, welcome], { promoCode: 'WELCOME10', promoUsage: usage })));
    assert.equal(result.total, 0);
    assert.deepEqual(result.promoCode, { code: 'WELCOME10', status: 'not_better' });
    assert.deepEqual(discountsOf(result), [['FREE', 150, A]]);
  });

  it('a code that does not combine and only equals the other discounts is not used', () => {
    const equal = promoCode('SOLO', fixed(270), { combinable: false });
    const result = priced(priceOrder(order([item(A, keep, 12)], [multiMonth, equal], { promoCode: 'SOLO' })));
    assert.deepEqual(discountsOf(result), [['MULTI_MONTH', 270, A]]);
    assert.deepEqual(result.promoCode, { code: 'SOLO', status: 'not_better' });
  });

  it('names discounts in the customer\'s language', () => {
    const result = priced(priceOrder(order([item(A, keep, 12)], [multiMonth], { locale: 'ru' })));
    assert.equal(result.discounts[0]?.name, 'Скидка MM');
  });
});

describe('priceTopUp', () => {
  const policy = parseValidityPolicy({
    version: 't', name: 't', effectiveFrom: '2024-07-01', topUpExtension: 'max', restoreFee: 500,
    topUpBands: [{ minAmount: 100, days: 5 }, { minAmount: 200, days: 10 }, { minAmount: 500, days: 30 }],
    stages: { oneWayDays: 30, suspendedDays: 60, quarantineDays: 90 },
  });
  it('quotes the days the amount buys by the bands', () => {
    assert.deepEqual(priceTopUp(qepik(499), policy), { amount: 499, validityDays: 10 });
    assert.deepEqual(priceTopUp(qepik(500), policy), { amount: 500, validityDays: 30 });
    assert.deepEqual(priceTopUp(qepik(50), policy), { amount: 50, validityDays: 0 });
  });
  it('refuses 0 or less', () => {
    throwsCode(() => priceTopUp(qepik(0), policy), 'INVALID_AMOUNT');
  });
});

// ---- properties ----

const planArb = fc.record({
  monthlyPrice: fc.integer({ min: 1, max: 100_000 }),
  durations: fc.subarray([1, 3, 6, 12], { minLength: 1 }),
  kind: fc.constantFrom<PlanKind>('keep_number', 'data', 'roaming'),
}).map(({ monthlyPrice, durations, kind }) => makePlan(`P${monthlyPrice}`, monthlyPrice, durations, kind));

const itemsArb = fc.uniqueArray(fc.integer({ min: 0, max: 9_999_999 }), { minLength: 1, maxLength: 5 })
  .chain((numbers) => fc.tuple(...numbers.map((n) => planArb.chain((plan) =>
    fc.constantFrom(...plan.durations).map((months) => item(msisdn(n), plan, months))))));

const valueArb: fc.Arbitrary<DiscountValue> = fc.oneof(
  fc.integer({ min: 1, max: 10_000 }).map(percent),
  fc.integer({ min: 1, max: 200_000 }).map(fixed),
);
const windowArb = fc.tuple(fc.integer({ min: -10, max: 10 }), fc.integer({ min: 1, max: 20 }))
  .map(([start, length]) => ({ validFrom: after(start), validUntil: after(start + length) }));

const promotionArb = (code: string): fc.Arbitrary<Promotion> => fc.oneof(
  fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }).chain((months) =>
    fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: months.length, maxLength: months.length }).map((rates) => {
      const sortedRates = [...rates].sort((a, b) => a - b);
      const tiers = [...months].sort((a, b) => a - b).map((minMonths, i) => ({ minMonths, basisPoints: sortedRates[i] ?? 1 }));
      return { kind: 'multi_month', code, names: names(code), tiers } satisfies Promotion;
    })),
  fc.record({ minLines: fc.integer({ min: 2, max: 4 }), basisPoints: fc.integer({ min: 1, max: 10_000 }) })
    .map((b) => ({ kind: 'bundle', code, names: names(code), ...b }) satisfies Promotion),
  fc.tuple(valueArb, windowArb, fc.option(fc.constantFrom<PlanKind[]>(['data'], ['keep_number', 'roaming']), { nil: undefined }))
    .map(([value, window, planKinds]) => automatic(code, value, { ...window, ...(planKinds ? { planKinds } : {}) })),
  fc.tuple(valueArb, fc.boolean(), fc.option(fc.constantFrom(1, 3, 6, 12), { nil: undefined }))
    .map(([value, combinable, minMonths]) => promoCode(code, value, { combinable, ...(minMonths ? { minMonths } : {}) })),
);

const promotionsArb = fc.array(fc.nat({ max: 1000 }), { maxLength: 6 })
  .chain((ids) => fc.tuple(...[...new Set(ids)].map((id) => promotionArb(`PROMO${id}`))));

// The typed code is mostly one of the promotions' own codes, so codes are exercised often.
const scenarioArb = fc.record({
  items: itemsArb,
  promotions: promotionsArb,
  locale: fc.constantFrom<Locale>(...locales),
}).chain((s) => fc.oneof(
  fc.constant(undefined),
  fc.constant('NO_SUCH_CODE'),
  ...(s.promotions.length > 0 ? [fc.constantFrom(...s.promotions.map((p) => p.code))] : []),
).map((typed) => ({ ...s, typed })));

function run(s: { items: OrderItemInput[]; promotions: Promotion[]; typed: string | undefined; locale: Locale }, extra: Partial<OrderInput> = {}): OrderPricing {
  return priceOrder(order(s.items, s.promotions, { locale: s.locale, ...(s.typed === undefined ? {} : { promoCode: s.typed }), ...extra }));
}

describe('priceOrder properties', () => {
  it('total = subtotal − discounts; nothing negative, everything whole qəpik, items add up', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const result = run(s);
      if (!result.ok) return;
      const discountSum = result.discounts.reduce((sum, d) => sum + d.amount, 0);
      assert.equal(result.discountTotal, discountSum);
      assert.equal(result.total, result.subtotal - result.discountTotal);
      assert.ok(result.total >= 0);
      for (const d of result.discounts) assert.ok(Number.isSafeInteger(d.amount) && d.amount > 0);
      for (const i of result.items) {
        assert.ok(Number.isSafeInteger(i.total) && i.total >= 0 && i.total <= i.subtotal);
        assert.equal(i.subtotal, i.unitPrice * i.months);
      }
      assert.equal(result.items.reduce((sum, i) => sum + i.total, 0), result.total);
      assert.equal(result.items.reduce((sum, i) => sum + i.subtotal, 0), result.subtotal);
    }), { numRuns: 500 });
  });

  it('adding a promotion never raises the total', () => {
    fc.assert(fc.property(scenarioArb, promotionArb('EXTRA'), (s, extra) => {
      const without = run(s);
      const withExtra = run({ ...s, promotions: [...s.promotions, extra] });
      // The one refusal another promotion can cause: together they would make the order free.
      if (!withExtra.ok && withExtra.detail === 'free_order') return;
      // A code refused for making the order free is "not better" once an automatic offer makes it
      // free by itself: the order is then priced at 0, which the services refuse to charge.
      if (!without.ok && without.detail === 'free_order' && withExtra.ok) {
        assert.equal(withExtra.total, 0);
        return;
      }
      assert.equal(withExtra.ok, without.ok);
      if (without.ok && withExtra.ok) assert.ok(withExtra.total <= without.total);
    }), { numRuns: 500 });
  });

  it('typing a valid code never raises the total', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const withCode = run(s);
      const withoutCode = run({ ...s, typed: undefined });
      if (withCode.ok && withoutCode.ok) assert.ok(withCode.total <= withoutCode.total);
    }), { numRuns: 300 });
  });

  it('the order of the items changes neither the total nor any line\'s price', () => {
    fc.assert(fc.property(scenarioArb.chain((s) => fc.shuffledSubarray(s.items, { minLength: s.items.length }).map((shuffled) => ({ s, shuffled }))),
      ({ s, shuffled }) => {
        const a = run(s);
        const b = run({ ...s, items: shuffled });
        assert.equal(a.ok, b.ok);
        if (!a.ok || !b.ok) return;
        assert.equal(a.total, b.total);
        const byLine = (r: PricedOrder) => Object.fromEntries(r.items.map((i) => [i.msisdn, i.total]));
        assert.deepEqual(byLine(a), byLine(b));
      }), { numRuns: 300 });
  });

  it('12 months with the multi-month discount cost at most 12 × the monthly price', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), fc.array(promotionArb('MM'), { minLength: 1, maxLength: 1 }), (monthly, promotions) => {
      const plan = makePlan('TWELVE', monthly, [12]);
      const result = priced(priceOrder(order([item(A, plan, 12)], promotions)));
      assert.ok(result.total <= 12 * monthly);
      if (promotions[0]?.kind === 'multi_month' && monthly >= 500) assert.ok(result.total < 12 * monthly);
    }));
  });
});
