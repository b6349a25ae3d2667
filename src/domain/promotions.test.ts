import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstant } from './calendar.ts';
import { parsePlan, type Plan, type PlanKind } from './catalog.ts';
import { isDomainError } from './errors.ts';
import { qepik } from './money.ts';
import {
  checkPromoCode, coversPlan, discountOn, isRunning, multiMonthRate, normalizePromoCode, parsePromotion,
  promotionToDocument, type MultiMonthPromotion, type Promotion, type PromoCodePromotion,
} from './promotions.ts';

const names = { az: 'Endirim', en: 'Discount', ru: 'Скидка', zh: '优惠', tr: 'İndirim' };
const from = parseInstant('2027-03-15T00:00:00+04:00');
const until = parseInstant('2027-03-31T00:00:00+04:00');

function plan(code: string, kind: PlanKind): Plan {
  const text = { name: code, description: code };
  return parsePlan({
    code, kind, monthlyPrice: 100, durations: [1], sortOrder: 0,
    allowances: kind === 'family' || kind === 'multi_sim' ? { lines: 2 } : {},
    texts: { az: text, en: text, ru: text, zh: text, tr: text },
  });
}

const welcome: PromoCodePromotion = {
  kind: 'code', code: 'WELCOME10', names, value: { type: 'percent', basisPoints: 1000 },
  validFrom: from, validUntil: until, totalCap: 100, perCustomerCap: 1, perLineCap: 1, newCustomersOnly: false, combinable: true,
};

describe('isRunning', () => {
  it('includes the first instant and excludes the last', () => {
    assert.equal(isRunning(welcome, from), true);
    assert.equal(isRunning(welcome, parseInstant('2027-03-30T23:59:59.999+04:00')), true);
    assert.equal(isRunning(welcome, until), false);
    assert.equal(isRunning(welcome, parseInstant('2027-03-14T23:59:59.999+04:00')), false);
  });
});

describe('coversPlan', () => {
  const keep = plan('SAXLA_NOMRE', 'keep_number');
  const data = plan('DATA_5GB', 'data');
  it('covers every plan when no lists are given', () => {
    assert.equal(coversPlan({}, keep), true);
  });
  it('covers a plan named by code or by kind', () => {
    const scope = { planCodes: ['DATA_5GB'], planKinds: ['roaming'] as PlanKind[] };
    assert.equal(coversPlan(scope, data), true);
    assert.equal(coversPlan(scope, plan('ROAM', 'roaming')), true);
    assert.equal(coversPlan(scope, keep), false);
  });
});

describe('discountOn', () => {
  it('never takes more than the amount', () => {
    assert.equal(discountOn({ type: 'fixed', amount: qepik(500) }, qepik(300)), 300);
    assert.equal(discountOn({ type: 'percent', basisPoints: 10_000 }, qepik(301)), 301);
    assert.equal(discountOn({ type: 'fixed', amount: qepik(500) }, qepik(0)), 0);
  });
  it('rounds a percentage half away from zero', () => {
    assert.equal(discountOn({ type: 'percent', basisPoints: 1000 }, qepik(1005)), 101);
    assert.equal(discountOn({ type: 'percent', basisPoints: 1000 }, qepik(1004)), 100);
  });
});

describe('multiMonthRate', () => {
  const table: MultiMonthPromotion = {
    kind: 'multi_month', code: 'MULTI_MONTH', names,
    tiers: [{ minMonths: 6, basisPoints: 1000 }, { minMonths: 12, basisPoints: 1500 }],
  };
  it('gives the highest tier reached', () => {
    assert.deepEqual([1, 3, 5, 6, 11, 12, 24].map((m) => multiMonthRate(table, m)), [0, 0, 0, 1000, 1000, 1500, 1500]);
  });
});

describe('checkPromoCode', () => {
  const inside = parseInstant('2027-03-20T12:00:00+04:00');
  const promotions: Promotion[] = [welcome];
  it('finds a code typed in any case with stray spaces', () => {
    assert.equal(normalizePromoCode('  welcome10 '), 'WELCOME10');
    const check = checkPromoCode(promotions, ' welcome10', inside, { total: 0, byCustomer: 0 });
    assert.equal(check.ok, true);
  });
  it('says why a code cannot be used', () => {
    const usage = { total: 0, byCustomer: 0 };
    assert.deepEqual(checkPromoCode(promotions, 'NOPE', inside, usage), { ok: false, reason: 'PROMO_NOT_FOUND', detail: 'unknown_code' });
    assert.deepEqual(checkPromoCode(promotions, 'WELCOME10', parseInstant('2027-03-01T00:00:00Z'), usage),
      { ok: false, reason: 'PROMO_NOT_STARTED', detail: 'not_started' });
    assert.deepEqual(checkPromoCode(promotions, 'WELCOME10', until, usage), { ok: false, reason: 'PROMO_EXPIRED', detail: 'ended' });
    assert.deepEqual(checkPromoCode(promotions, 'WELCOME10', inside, { total: 100, byCustomer: 0 }),
      { ok: false, reason: 'PROMO_EXHAUSTED', detail: 'total_cap_reached' });
    assert.deepEqual(checkPromoCode(promotions, 'WELCOME10', inside, { total: 99, byCustomer: 1 }),
      { ok: false, reason: 'PROMO_ALREADY_USED', detail: 'customer_cap_reached' });
  });
  it('does not let an automatic promotion be typed as a code', () => {
    const automatic: Promotion = { kind: 'automatic', code: 'NOVRUZ', names, value: welcome.value, validFrom: from, validUntil: until };
    assert.equal(checkPromoCode([automatic], 'NOVRUZ', inside, undefined).ok, false);
  });
  it('refuses to check a capped code without the counts', () => {
    assert.throws(() => checkPromoCode(promotions, 'WELCOME10', inside, undefined), (e) => isDomainError(e) && e.code === 'VALIDATION_FAILED');
  });
});

describe('parsePromotion', () => {
  const doc = (overrides: Record<string, unknown>): Record<string, unknown> => ({
    kind: 'code', code: 'STUDENT5', names, value: { type: 'fixed', amount: 500 },
    validFrom: '2026-09-01T00:00:00+04:00', validUntil: '2027-07-01T00:00:00+04:00', minMonths: 3, minOrder: 1000, combinable: true,
    ...overrides,
  });
  const paths = (d: unknown): string[] => {
    try {
      parsePromotion(d);
    } catch (error) {
      assert.ok(isDomainError(error));
      assert.equal(error.code, 'PROMOTION_INVALID');
      return error.details.map((x) => x.path ?? '').sort();
    }
    assert.fail('the document was accepted');
  };

  it('reads a code promotion', () => {
    const promotion = parsePromotion(doc({}));
    assert.equal(promotion.kind, 'code');
    assert.equal(promotion.kind === 'code' && promotion.validFrom, parseInstant('2026-09-01T00:00:00+04:00'));
  });

  it('names every problem with its path', () => {
    assert.deepEqual(paths(doc({
      code: 'student 5', value: { type: 'percent', basisPoints: 10_001 }, validUntil: '2026-01-01T00:00:00+04:00',
      minMonths: 0, combinable: 'yes', names: { ...names, zh: '' }, tiers: [],
    })), ['/code', '/combinable', '/minMonths', '/names/zh', '/tiers', '/validUntil', '/value']);
  });

  it('refuses instants without an offset and a missing language', () => {
    const { ru: _ru, ...threeNames } = names;
    assert.deepEqual(paths(doc({ validFrom: '2026-09-01T00:00:00', names: threeNames })), ['/names/ru', '/validFrom']);
  });

  it('refuses multi-month tables that do not ascend, and bundles under 2 lines', () => {
    const table = { kind: 'multi_month', code: 'MM', names, tiers: [{ minMonths: 12, basisPoints: 1500 }, { minMonths: 6, basisPoints: 1000 }] };
    assert.deepEqual(paths(table), ['/tiers/1']);
    assert.deepEqual(paths({ kind: 'bundle', code: 'B', names, minLines: 1, basisPoints: 500 }), ['/minLines']);
  });

  it('reads back what promotionToDocument writes', () => {
    const samples: Promotion[] = [
      welcome,
      { kind: 'automatic', code: 'NOVRUZ', names, value: { type: 'fixed', amount: qepik(100) }, validFrom: from, validUntil: until, planKinds: ['keep_number'], floor: qepik(50) },
      { kind: 'multi_month', code: 'MM', names, tiers: [{ minMonths: 6, basisPoints: 1000 }] },
      { kind: 'bundle', code: 'BUNDLE', names, minLines: 2, basisPoints: 500 },
    ];
    for (const sample of samples) {
      assert.deepEqual(parsePromotion(JSON.parse(JSON.stringify(promotionToDocument(sample)))), sample);
    }
  });
});
