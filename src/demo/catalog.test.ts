import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstant, parseIsoDate } from '../domain/calendar.ts';
import { parsePlan, planKinds, type Plan } from '../domain/catalog.ts';
import { locales } from '../domain/money.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { priceOrder, type OrderInput } from '../domain/pricing.ts';
import { parsePromotion, promotionToDocument } from '../domain/promotions.ts';
import { demoPlans, demoPromotions } from './catalog.ts';

/** Through JSON, as a seed or the database would hand it back. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function planByCode(code: string): Plan {
  const plan = demoPlans.find((p) => p.code === code);
  assert.ok(plan, `no demo plan ${code}`);
  return plan;
}

describe('demo plans', () => {
  it('all pass parsePlan unchanged', () => {
    for (const plan of demoPlans) assert.deepEqual(parsePlan(asJson(plan)), plan);
  });

  it('cover every plan kind, with unique codes and sort orders', () => {
    assert.deepEqual([...new Set(demoPlans.map((p) => p.kind))].sort(), [...planKinds].sort());
    assert.equal(new Set(demoPlans.map((p) => p.code)).size, demoPlans.length);
    assert.equal(new Set(demoPlans.map((p) => p.sortOrder)).size, demoPlans.length);
  });

  it('sell number-keeping for 1–2 AZN a month, for up to a year', () => {
    const keep = demoPlans.filter((p) => p.kind === 'keep_number');
    assert.ok(keep.length > 0);
    for (const plan of keep) {
      assert.ok(plan.monthlyPrice >= 100 && plan.monthlyPrice <= 200);
      assert.deepEqual(plan.durations, [1, 3, 6, 12]);
    }
  });

  it('write Azerbaijani with its own letters and keep each language distinct', () => {
    const azText = demoPlans.map((p) => `${p.texts.az.name} ${p.texts.az.description}`).join(' ');
    for (const letter of ['ə', 'Ə', 'ş', 'ç', 'ı', 'İ', 'ö']) assert.ok(azText.includes(letter), `no ${letter} in the az texts`);
    // Turkish is not Azerbaijani: its own letters, and never ə.
    const trText = demoPlans.map((p) => `${p.texts.tr.name} ${p.texts.tr.description}`).join(' ');
    for (const letter of ['ş', 'ç', 'ı', 'İ']) assert.ok(trText.includes(letter), `no ${letter} in the tr texts`);
    assert.doesNotMatch(trText, /[əƏ]/u);
    for (const plan of demoPlans) {
      assert.match(plan.texts.ru.description, /[а-яё]/i);
      assert.match(plan.texts.zh.description, /\p{Script=Han}/u);
      assert.equal(new Set(locales.map((l) => plan.texts[l].description)).size, locales.length, plan.code);
    }
  });
});

describe('demo promotions', () => {
  it('all read back through parsePromotion unchanged', () => {
    for (const promotion of demoPromotions) {
      assert.deepEqual(parsePromotion(asJson(promotionToDocument(promotion))), promotion);
    }
  });

  const a = parseMsisdn('+994501234567');
  const b = parseMsisdn('+994551234567');
  const base = (extra: Partial<OrderInput>): OrderInput => ({
    items: [],
    promotions: demoPromotions,
    now: parseInstant('2026-11-26T10:00:00+04:00'),
    today: parseIsoDate('2026-11-26'),
    locale: 'az',
    ...extra,
  });
  const keep = planByCode('SAXLA_NOMRE');

  it('price a year of Saxla Nömrə at 15 % off, and two lines with the bundle as well', () => {
    const current = parseIsoDate('2026-12-01');
    const one = priceOrder(base({ items: [{ msisdn: a, plan: keep, months: 12, currentValidUntil: current }] }));
    assert.ok(one.ok);
    assert.equal(one.total, 1800 - 270);
    assert.equal(one.discounts[0]?.name, 'Uzunmüddətli ödəniş endirimi');
    const two = priceOrder(base({ items: [
      { msisdn: a, plan: keep, months: 12, currentValidUntil: current },
      { msisdn: b, plan: keep, months: 12, currentValidUntil: current },
    ] }));
    assert.ok(two.ok);
    // Each line: 1530, then 5 % (76.5 → 77).
    assert.equal(two.total, 2 * (1530 - 77));
  });

  it('apply Novruz only during Novruz', () => {
    const items = [{ msisdn: a, plan: keep, months: 1, currentValidUntil: parseIsoDate('2027-03-20') }];
    const during = priceOrder(base({ items, now: parseInstant('2027-03-20T12:00:00+04:00'), today: parseIsoDate('2027-03-20') }));
    assert.ok(during.ok);
    assert.equal(during.total, 120);
    const after = priceOrder(base({ items, now: parseInstant('2027-03-31T00:00:00+04:00'), today: parseIsoDate('2027-03-31') }));
    assert.ok(after.ok);
    assert.equal(after.total, 150);
  });

  it('honour WELCOME10 once per customer and STUDENT5 from 3 months and 10 AZN', () => {
    const item = (months: number) => [{ msisdn: a, plan: planByCode('INTERNET_5GB'), months, currentValidUntil: parseIsoDate('2026-12-01') }];
    const welcome = priceOrder(base({ items: item(3), promoCode: 'WELCOME10', promoUsage: { total: 10, byCustomer: 0 } }));
    assert.ok(welcome.ok);
    assert.equal(welcome.total, 1800 - 180);
    const again = priceOrder(base({ items: item(3), promoCode: 'WELCOME10', promoUsage: { total: 11, byCustomer: 1 } }));
    assert.equal(!again.ok && again.reason, 'PROMO_ALREADY_USED');
    const student = priceOrder(base({ items: item(3), promoCode: 'student5', promoUsage: { total: 0, byCustomer: 0 } }));
    assert.ok(student.ok);
    assert.equal(student.total, 1800 - 500);
    const short = priceOrder(base({ items: item(1), promoCode: 'STUDENT5', promoUsage: { total: 0, byCustomer: 0 } }));
    assert.equal(!short.ok && short.reason, 'PROMO_MIN_MONTHS');
    // The case: 5 AZN off a 3-month keep-number renewal (4.50 AZN) would have made it free.
    const keepItem = [{ msisdn: a, plan: planByCode('SAXLA_NOMRE'), months: 3, currentValidUntil: parseIsoDate('2026-12-01') }];
    const free = priceOrder(base({ items: keepItem, promoCode: 'STUDENT5', promoUsage: { total: 0, byCustomer: 0 } }));
    assert.equal(!free.ok && free.reason, 'PROMO_MIN_ORDER');
  });
});
