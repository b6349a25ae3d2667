import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInstant } from './calendar.ts';
import { locales, qepik } from './money.ts';
import { currentOffers, lastDayOf, promotionConditions, type StoredPromotion } from './promotion-offers.ts';
import { promotionConditionTexts } from './promotion-texts.ts';
import type { Promotion, PromoCodePromotion } from './promotions.ts';

const names = Object.fromEntries(locales.map((l) => [l, `Name ${l}`])) as PromoCodePromotion['names'];
const window = { validFrom: parseInstant('2026-11-01T00:00:00+04:00'), validUntil: parseInstant('2026-12-01T00:00:00+04:00') };
const code = (c: string, extra: Partial<PromoCodePromotion> = {}): Promotion => ({
  kind: 'code', code: c, names, value: { type: 'percent', basisPoints: 1000 }, ...window, perCustomerCap: 1, perLineCap: 1, newCustomersOnly: false, combinable: true, ...extra,
});
const stored = (p: Promotion, description?: string): StoredPromotion => ({
  promotion: p, descriptions: description === undefined ? null : Object.fromEntries(locales.map((l) => [l, `${description} ${l}`])) as StoredPromotion['descriptions'],
});
const now = parseInstant('2026-11-26T10:00:00+04:00');

test('the last day is the Baku day before the exclusive end', () => {
  assert.equal(lastDayOf(parseInstant('2026-12-01T00:00:00+04:00')), '2026-11-30');
  assert.equal(lastDayOf(parseInstant('2026-11-30T20:00:00Z')), '2026-11-30', 'midnight in Baku is 20:00 UTC the day before');
});

test('only running promotions are offered, soonest to end first, codes with their code', () => {
  const later = code('LATER', { validUntil: parseInstant('2027-01-01T00:00:00+04:00') });
  const future = code('FUTURE', { validFrom: parseInstant('2026-12-01T00:00:00+04:00'), validUntil: parseInstant('2027-01-01T00:00:00+04:00') });
  const auto: Promotion = { kind: 'automatic', code: 'AUTO', names, value: { type: 'percent', basisPoints: 500 }, ...window };
  const offers = currentOffers([stored(later, 'Later'), stored(future), stored(auto)], now, 'tr', []);
  assert.deepEqual(offers.map((o) => o.code ?? o.name), ['Name tr', 'LATER']);
  assert.equal(offers[0]?.validUntil, '2026-11-30');
  assert.equal(offers[1]?.description, 'Later tr');
  assert.match(offers[0]?.description ?? '', /%5/, 'without a description the discount describes it, as Turkish writes percentages');
});

test('a customer is not offered codes for new customers once they renewed, nor codes they spent', () => {
  const list = [stored(code('NEW', { newCustomersOnly: true })), stored(code('ONCE')), stored(code('TWICE', { perCustomerCap: 2 }))];
  const visitor = currentOffers(list, now, 'en', []);
  assert.equal(visitor.length, 3);
  const regular = currentOffers(list, now, 'en', [], { newCustomer: false, usesByCode: { ONCE: 1, TWICE: 1 } });
  assert.deepEqual(regular.map((o) => o.code), ['TWICE']);
});

test('conditions are written in every language, with no placeholder left', () => {
  const p = code('ALL', { newCustomersOnly: true, channels: ['counter'], totalCap: 50, minMonths: 3, combinable: false, floor: qepik(100), minOrder: qepik(500) });
  for (const locale of locales) {
    const lines = promotionConditions(p, locale, []);
    assert.equal(lines.length, 10, locale);
    for (const line of lines) assert.doesNotMatch(line, /\{\w+\}/, `${locale}: ${line}`);
    assert.ok(lines.includes(promotionConditionTexts[locale].newCustomers));
  }
});
