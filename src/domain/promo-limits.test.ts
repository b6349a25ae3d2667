// The rules that keep promo codes from being abused: minimum order and floor, caps per customer
// and per line, eligibility (new customers, channels), and no order ever priced at 0 by a code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseInstant, parseIsoDate, type Instant } from './calendar.ts';
import { parsePlan, type Plan } from './catalog.ts';
import { isDomainError } from './errors.ts';
import { locales, qepik } from './money.ts';
import { parseMsisdn, type Msisdn } from './msisdn.ts';
import { priceOrder, type OrderInput, type OrderItemInput } from './pricing.ts';
import { PromoRefusedError } from './promo-refusals.ts';
import {
  discountOn, parsePromotion, promotionToDocument, type DiscountValue, type PromoCodePromotion, type PromoUsage,
} from './promotions.ts';

const now = parseInstant('2026-12-06T10:00:00+04:00');
const today = parseIsoDate('2026-12-06');
const day = 86_400_000;
const names = Object.fromEntries(locales.map((l) => [l, `Promo ${l}`])) as PromoCodePromotion['names'];

function plan(code: string, monthlyPrice: number): Plan {
  const text = { name: code, description: code };
  return parsePlan({ code, kind: 'keep_number', monthlyPrice, durations: [1, 3, 6, 12], sortOrder: 0, allowances: {}, texts: Object.fromEntries(locales.map((l) => [l, text])) });
}
const msisdn = (n: number): Msisdn => parseMsisdn(`+99450${String(n).padStart(7, '0')}`);
const keep = plan('SAXLA_NOMRE', 150);
const expat = plan('ECNEBI_PAKET', 1200);

function code(value: DiscountValue, extra: Partial<PromoCodePromotion> = {}): PromoCodePromotion {
  return {
    kind: 'code', code: 'STUDENT5', names, value, validFrom: (now - 30 * day) as Instant, validUntil: (now + 30 * day) as Instant,
    perCustomerCap: 1, perLineCap: 1, newCustomersOnly: false, combinable: true, ...extra,
  };
}
function order(items: OrderItemInput[], promo: PromoCodePromotion, extra: Partial<OrderInput> = {}): OrderInput {
  return { items, promotions: [promo], now, today, locale: 'en', promoCode: promo.code, promoUsage: { total: 0, byCustomer: 0 }, ...extra };
}
const item = (n: number, p: Plan, months: number): OrderItemInput => ({ msisdn: msisdn(n), plan: p, months, currentValidUntil: today });

describe('STUDENT5 as the issue found it', () => {
  it('5 AZN off a 3-month keep-number renewal (4.50 AZN) is refused for the minimum order, not made free', () => {
    const student = code({ type: 'fixed', amount: qepik(500) }, { minMonths: 3, minOrder: qepik(1000) });
    const result = priceOrder(order([item(1, keep, 3)], student));
    assert.deepEqual(result, { ok: false, reason: 'PROMO_MIN_ORDER', detail: 'below_min_order', promoCode: 'STUDENT5', needs: { amount: 1000 } });
    const expatOrder = priceOrder(order([item(1, expat, 3)], student));
    assert.ok(expatOrder.ok);
    assert.equal(expatOrder.total, 3600 - 500);
  });
  it('with a floor instead, the order costs the floor', () => {
    const student = code({ type: 'fixed', amount: qepik(500) }, { floor: qepik(100) });
    const result = priceOrder(order([item(1, keep, 3)], student));
    assert.ok(result.ok);
    assert.equal(result.total, 100);
  });
  it('a code that would make the order free is refused: free_order', () => {
    const all = code({ type: 'percent', basisPoints: 10_000 });
    assert.deepEqual(priceOrder(order([item(1, keep, 3)], all)), { ok: false, reason: 'PROMO_NOT_APPLICABLE', detail: 'free_order', promoCode: 'STUDENT5' });
  });
});

describe('caps and eligibility', () => {
  const welcome = code({ type: 'percent', basisPoints: 1000 });
  it('refuses a customer who used it, and a line that used it', () => {
    assert.equal(refusalOf(order([item(1, keep, 3)], welcome, { promoUsage: { total: 1, byCustomer: 1 } })), 'customer_cap_reached');
    assert.equal(refusalOf(order([item(1, keep, 3)], welcome, { promoUsage: { total: 1, byCustomer: 0, byLine: { [msisdn(1)]: 1 } } })), 'line_cap_reached');
  });
  it('in an order of two lines, only the line that has not used it gets the discount', () => {
    const result = priceOrder(order([item(1, expat, 1), item(2, expat, 1)], welcome, { promoUsage: { total: 1, byCustomer: 0, byLine: { [msisdn(1)]: 1 } } }));
    assert.ok(result.ok);
    assert.deepEqual(result.items.map((i) => i.total), [1200, 1080]);
  });
  it('a code for new customers or for the counter is refused elsewhere, when the context is known', () => {
    const fresh = code({ type: 'percent', basisPoints: 1000 }, { newCustomersOnly: true, channels: ['counter'] });
    assert.equal(refusalOf(order([item(1, keep, 3)], fresh, { promoContext: { channel: 'online', newCustomer: true } })), 'wrong_channel');
    assert.equal(refusalOf(order([item(1, keep, 3)], fresh, { promoContext: { channel: 'counter', newCustomer: false } })), 'not_new_customer');
    assert.ok(priceOrder(order([item(1, keep, 3)], fresh, { promoContext: { channel: 'counter', newCustomer: true } })).ok);
  });
  it('the refusal error names the stable code and what was missing', () => {
    const e = new PromoRefusedError('STUDENT5', 'too_few_months', { months: 3 });
    assert.ok(isDomainError(e));
    assert.equal(e.code, 'PROMO_MIN_MONTHS');
    assert.match(e.message, /needs 3 months/);
  });
});

function refusalOf(input: OrderInput): string {
  const result = priceOrder(input);
  return result.ok ? 'priced' : result.detail;
}

describe('the catalogue refuses a fixed discount that could give a plan away', () => {
  const doc = {
    kind: 'code', code: 'STUDENT5', names, value: { type: 'fixed', amount: 500 }, validFrom: '2026-09-01T00:00:00+04:00',
    validUntil: '2027-09-01T00:00:00+04:00', minMonths: 3, combinable: true,
  };
  const paths = (d: unknown): string[] => {
    try {
      parsePromotion(d);
      return [];
    } catch (error) {
      return isDomainError(error) ? error.details.map((x) => x.path ?? '') : ['?'];
    }
  };
  it('needs a minOrder above the amount or a floor', () => {
    assert.deepEqual(paths(doc), ['/minOrder']);
    assert.deepEqual(paths({ ...doc, minOrder: 500 }), ['/minOrder']);
    assert.deepEqual(paths({ ...doc, minOrder: 1000 }), []);
    assert.deepEqual(paths({ ...doc, floor: 50 }), []);
    assert.deepEqual(paths({ ...doc, value: { type: 'percent', basisPoints: 10_000 } }), ['/floor']);
    assert.deepEqual(paths({ ...doc, minOrder: 1000, channels: ['ussd'] }), ['/channels']);
    assert.deepEqual(paths({ ...doc, minOrder: 1000, perLineCap: 0 }), ['/perLineCap']);
  });
  it('gives every code explicit caps of 1 per customer and per line, written back into its document', () => {
    const parsed = parsePromotion({ ...doc, minOrder: 1000 });
    assert.ok(parsed.kind === 'code');
    assert.equal(parsed.perCustomerCap, 1);
    assert.equal(parsed.perLineCap, 1);
    assert.equal(parsed.newCustomersOnly, false);
    assert.deepEqual(parsePromotion(JSON.parse(JSON.stringify(promotionToDocument(parsed)))), parsed);
  });
});

// ---- properties ----

const valueArb: fc.Arbitrary<DiscountValue> = fc.oneof(
  fc.integer({ min: 1, max: 10_000 }).map((basisPoints): DiscountValue => ({ type: 'percent', basisPoints })),
  fc.integer({ min: 1, max: 50_000 }).map((amount): DiscountValue => ({ type: 'fixed', amount: qepik(amount) })),
);
const itemsArb = fc.uniqueArray(fc.integer({ min: 0, max: 9_999 }), { minLength: 1, maxLength: 4 }).chain((ns) =>
  fc.tuple(...ns.map((n) => fc.tuple(fc.integer({ min: 1, max: 5_000 }), fc.constantFrom(1, 3, 6, 12))
    .map(([price, months]) => item(n, plan(`P${String(price)}`, price), months)))));
const limitsArb = fc.record({
  minOrder: fc.option(fc.integer({ min: 1, max: 20_000 }), { nil: undefined }),
  floor: fc.option(fc.integer({ min: 1, max: 5_000 }), { nil: undefined }),
});

describe('promo code properties', () => {
  it('never below the floor, never under the minimum order, never free, never negative', () => {
    fc.assert(fc.property(itemsArb, valueArb, limitsArb, (items, value, limits) => {
      const promo = code(value, {
        ...(limits.minOrder === undefined ? {} : { minOrder: qepik(limits.minOrder) }),
        ...(limits.floor === undefined ? {} : { floor: qepik(limits.floor) }),
      });
      const without = priceOrder({ items, promotions: [promo], now, today, locale: 'en' });
      const withCode = priceOrder(order(items, promo));
      assert.ok(without.ok);
      if (!withCode.ok) {
        assert.ok(['below_min_order', 'free_order'].includes(withCode.detail), withCode.detail);
        if (withCode.detail === 'below_min_order') assert.ok(without.total < (limits.minOrder ?? 0));
        return;
      }
      assert.ok(withCode.total > 0);
      for (const i of withCode.items) assert.ok(i.total >= 0 && i.total <= i.subtotal);
      assert.ok(withCode.total <= without.total);
      // Every item is eligible here, so the floor bounds the whole order.
      if (limits.floor !== undefined) assert.ok(withCode.total >= Math.min(limits.floor, without.total));
      if (limits.minOrder !== undefined && withCode.promoCode?.status === 'applied') assert.ok(without.total >= limits.minOrder);
    }), { numRuns: 1000 });
  });

  it('a customer or every line at the cap is refused; lines at their cap get no share', () => {
    fc.assert(fc.property(itemsArb, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 }), fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }),
      (items, customerCap, lineCap, byCustomer, lineUses) => {
        const promo = code({ type: 'percent', basisPoints: 1000 }, { perCustomerCap: customerCap, perLineCap: lineCap });
        const byLine = Object.fromEntries(items.map((it, i) => [it.msisdn, lineUses[i] ?? 0]));
        const usage: PromoUsage = { total: 0, byCustomer, byLine };
        const result = priceOrder(order(items, promo, { promoUsage: usage }));
        if (byCustomer >= customerCap) return assert.equal(!result.ok && result.detail, 'customer_cap_reached');
        const open = items.filter((it) => (byLine[it.msisdn] ?? 0) < lineCap);
        if (open.length === 0) return assert.equal(!result.ok && result.detail, 'line_cap_reached');
        if (!result.ok) return assert.equal(result.detail, 'free_order');
        for (const priced of result.items) {
          if ((byLine[priced.msisdn] ?? 0) >= lineCap) assert.equal(priced.total, priced.subtotal);
        }
      }), { numRuns: 500 });
  });

  it('discountOn leaves at least the floor and nothing below the minimum order', () => {
    fc.assert(fc.property(valueArb, fc.integer({ min: 0, max: 100_000 }), limitsArb, (value, amount, limits) => {
      const lim = {
        ...(limits.minOrder === undefined ? {} : { minOrder: qepik(limits.minOrder) }),
        ...(limits.floor === undefined ? {} : { floor: qepik(limits.floor) }),
      };
      const off = discountOn(value, qepik(amount), lim);
      assert.ok(off >= 0 && off <= amount);
      if (off > 0) assert.ok(amount - off >= (limits.floor ?? 0) && amount >= (limits.minOrder ?? 0));
    }), { numRuns: 1000 });
  });
});
