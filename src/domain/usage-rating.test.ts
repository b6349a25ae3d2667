import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, addMonths, parseInstant, readIsoInstant, type IsoDate } from './calendar.ts';
import { qepik } from './money.ts';
import { parseValidityPolicy } from './policy.ts';
import {
  billableQuantity, includedPerPeriod, overageBlocks, packsLeft, rateLineUsage, usageKinds, usagePeriodOn,
  type PackState, type RatingInput, type UsageKind, type UsageRates,
} from './usage-rating.ts';
import demoPolicy from '../policies/demo-2024.json' with { type: 'json' };

const rates: UsageRates = {
  voice: { unit: 'second', block: 60, price: qepik(8) }, sms: { unit: 'message', block: 1, price: qepik(5) }, data: { unit: 'kilobyte', block: 100, price: qepik(2) },
  roaming_voice: { unit: 'second', block: 60, price: qepik(150) }, roaming_data: { unit: 'kilobyte', block: 100, price: qepik(40) }, international: { unit: 'second', block: 60, price: qepik(35) },
};

const kindArb = fc.constantFrom(...usageKinds);
const packKeyArb = fc.constantFrom('p1', 'p2');
const recordArb = fc.record({ kind: kindArb, quantity: fc.nat({ max: 50_000 }), packKey: packKeyArb }).map(
  (r): RatingInput => ({ kind: r.kind, quantity: r.quantity, packKey: `${r.packKey}|${r.kind}` }));
const packsArb = fc.array(fc.record({ key: packKeyArb, kind: kindArb, included: fc.nat({ max: 20_000 }), used: fc.nat({ max: 30_000 }) }), { maxLength: 8 })
  .map((list) => new Map<string, PackState>(list.map((p) => [`${p.key}|${p.kind}`, { included: p.included, used: p.used }])));
const dayArb = fc.integer({ min: 0, max: 4000 }).map((n) => addDays('2024-01-01' as IsoDate, n));

function totals(balance: number, records: readonly RatingInput[], packs: ReadonlyMap<string, PackState>) {
  const rated = rateLineUsage(qepik(balance), records, packs, rates);
  const cost = rated.ratings.reduce((sum, r) => sum + r.cost, 0);
  const packsAfter = [...rated.packs].map(([k, p]) => `${k}=${p.used}`).sort();
  return { rated, cost, packsAfter };
}

describe('usage rating', () => {
  it('creates no money: the charge is covered by the balance, and cost = charged + uncharged, all whole qəpik ≥ 0', () => {
    fc.assert(fc.property(fc.nat({ max: 100_000 }), fc.array(recordArb, { maxLength: 40 }), packsArb, (balance, records, packs) => {
      const { rated, cost } = totals(balance, records, packs);
      assert.ok(rated.charged <= balance);
      assert.equal(rated.balanceAfter, balance - rated.charged);
      assert.ok(rated.balanceAfter >= 0);
      let charged = 0;
      for (const r of rated.ratings) {
        for (const v of [r.cost, r.charged, r.uncharged]) assert.ok(Number.isSafeInteger(v) && v >= 0);
        assert.equal(r.cost, r.charged + r.uncharged);
        charged += r.charged;
      }
      assert.equal(charged, rated.charged);
      assert.equal(rated.charged, Math.min(balance, cost));
    }));
  });

  it('totals do not depend on the order of the records', () => {
    fc.assert(fc.property(fc.nat({ max: 100_000 }), fc.array(recordArb, { maxLength: 30 }).chain((records) => fc.tuple(fc.constant(records), fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }))), packsArb,
      (balance, [records, shuffled], packs) => {
        const a = totals(balance, records, packs);
        const b = totals(balance, shuffled, packs);
        assert.equal(a.cost, b.cost);
        assert.equal(a.rated.charged, b.rated.charged);
        assert.deepEqual(a.packsAfter, b.packsAfter);
        const fromPack = (t: typeof a) => t.rated.ratings.reduce((s, r) => s + r.fromPack, 0);
        assert.equal(fromPack(a), fromPack(b));
      }));
  });

  it('rounds each record up to its block, never by a whole block more', () => {
    fc.assert(fc.property(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 10_000 }), (quantity, block) => {
      const billable = billableQuantity(quantity, block);
      assert.equal(billable % block, 0);
      assert.ok(billable >= quantity && billable < quantity + block);
    }));
    // A 61-second call is two started minutes; a 1 KB session one started 100 KB.
    assert.equal(billableQuantity(61, 60), 120);
    assert.equal(billableQuantity(1, 100), 100);
    assert.equal(billableQuantity(0, 60), 0);
  });

  it('draws on the pack first, then charges every started block past it (an independent per-unit count)', () => {
    fc.assert(fc.property(kindArb, fc.nat({ max: 5_000 }), fc.array(fc.nat({ max: 3_000 }), { maxLength: 10 }), (kind, included, quantities) => {
      const records = quantities.map((quantity): RatingInput => ({ kind, quantity, packKey: `p|${kind}` }));
      const rated = rateLineUsage(qepik(10_000_000), records, new Map([[`p|${kind}`, { included, used: 0 }]]), rates);
      const { block, price } = rates[kind];
      // Unit by unit: each billable unit is free while the pack lasts; a block costs when its first unit is past it.
      let units = 0;
      let blocksStarted = 0;
      for (const q of quantities) {
        for (let u = 0; u < billableQuantity(q, block); u++) {
          if (units >= included && (units - included) % block === 0) blocksStarted++;
          units++;
        }
      }
      assert.equal(rated.charged, blocksStarted * price);
      assert.equal(rated.ratings.reduce((s, r) => s + r.fromPack, 0), Math.min(included, units));
    }), { numRuns: 60 });
  });

  it('charges only what the balance holds and keeps the rest as uncharged', () => {
    const records: RatingInput[] = [{ kind: 'voice', quantity: 600, packKey: 'p|voice' }];
    const rated = rateLineUsage(qepik(50), records, new Map(), rates);
    assert.equal(rated.ratings[0]?.cost, 80);
    assert.equal(rated.charged, 50);
    assert.equal(rated.ratings[0]?.uncharged, 30);
    assert.equal(rated.balanceAfter, 0);
  });

  it('counts overage blocks from what the period has used', () => {
    assert.equal(overageBlocks(300, 300, 60), 0);
    assert.equal(overageBlocks(300, 301, 60), 1);
    assert.equal(overageBlocks(0, 120, 60), 2);
  });
});

describe('pack periods', () => {
  it('a period holds the day, ends on the anchor\'s day of month and is about a month long', () => {
    fc.assert(fc.property(dayArb, fc.integer({ min: 0, max: 800 }), (day, ahead) => {
      const anchor = addDays(day, ahead);
      const period = usagePeriodOn(anchor, day);
      assert.ok(period !== null);
      assert.ok(period.start <= day && day <= period.end);
      assert.ok(period.end <= anchor);
      // The end is the anchor counted back whole months; the start the day after the previous end.
      const back = [...Array(30).keys()].find((k) => addMonths(anchor, -k) === period.end);
      assert.ok(back !== undefined, `${period.end} is ${anchor} minus whole months`);
      assert.equal(period.start, addDays(addMonths(anchor, -(back + 1)), 1));
    }));
  });

  it('consecutive days share a period or the second starts the next one', () => {
    fc.assert(fc.property(dayArb, fc.integer({ min: 1, max: 400 }), (day, ahead) => {
      const anchor = addDays(day, ahead);
      const a = usagePeriodOn(anchor, day);
      const b = usagePeriodOn(anchor, addDays(day, 1));
      assert.ok(a && b);
      assert.ok(a.start === b.start || b.start === addDays(a.end, 1));
    }));
  });

  it('no pack after the plan\'s paid end; month ends clamp', () => {
    assert.equal(usagePeriodOn('2026-03-15' as IsoDate, '2026-03-16' as IsoDate), null);
    assert.deepEqual(usagePeriodOn('2026-03-15' as IsoDate, '2026-03-15' as IsoDate), { start: '2026-02-16', end: '2026-03-15' });
    assert.deepEqual(usagePeriodOn('2026-03-15' as IsoDate, '2026-02-15' as IsoDate), { start: '2026-01-16', end: '2026-02-15' });
    assert.deepEqual(usagePeriodOn('2026-03-31' as IsoDate, '2026-03-01' as IsoDate), { start: '2026-03-01', end: '2026-03-31' });
    assert.deepEqual(usagePeriodOn('2026-03-31' as IsoDate, '2026-02-28' as IsoDate), { start: '2026-02-01', end: '2026-02-28' });
  });

  it('tells what is left and when it resets, midnight in Baku after the period', () => {
    const used = new Map<UsageKind, number>([['voice', 1_000], ['data', 9_999_999]]);
    const { items } = packsLeft({ minutes: 300, sms: 100, dataMb: 5 }, '2026-12-15' as IsoDate, '2026-12-06' as IsoDate, used);
    assert.deepEqual(items, [
      { kind: 'voice', unit: 'second', included: 18_000, used: 1_000, left: 17_000, resetsAt: '2026-12-16T00:00:00+04:00' },
      { kind: 'sms', unit: 'message', included: 100, used: 0, left: 100, resetsAt: '2026-12-16T00:00:00+04:00' },
      { kind: 'data', unit: 'kilobyte', included: 5_120, used: 5_120, left: 0, resetsAt: '2026-12-16T00:00:00+04:00' },
    ]);
    assert.deepEqual(includedPerPeriod({ internationalMinutes: 10, roamingMb: 1, lines: 4 }), { roaming_data: 1024, international: 600 });
  });
});

describe('usage rates in the policy', () => {
  it('the demo policy names a rate for every kind', () => {
    const policy = parseValidityPolicy(demoPolicy);
    assert.deepEqual(Object.keys(policy.usage ?? {}).sort(), [...usageKinds].sort());
  });

  it('a parsed policy written back as JSON parses to the same policy (installPolicy stores it so)', () => {
    const policy = parseValidityPolicy(demoPolicy);
    assert.deepEqual(parseValidityPolicy(JSON.parse(JSON.stringify(policy))), policy);
  });

  it('a missing kind, a wrong unit or a fractional price is refused, naming the field', () => {
    const usage = { ...demoPolicy.usage, sms: { unit: 'second', block: 1, price: 5.5 } } as Record<string, unknown>;
    delete usage.data;
    assert.throws(() => parseValidityPolicy({ ...demoPolicy, usage }), (error: unknown) => {
      const details = (error as { details: { path: string }[] }).details.map((d) => d.path);
      assert.ok(details.includes('/usage/sms/unit') && details.includes('/usage/sms/price') && details.includes('/usage/data/block'), details.join());
      return true;
    });
  });
});

describe('reading ISO instants in bulk', () => {
  it('agrees with parseInstant on every moment with an offset', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.integer({ min: -14 * 4, max: 14 * 4 }), fc.boolean(),
      (ms, quarters, millis) => {
        const offset = quarters * 15;
        const local = new Date(ms + offset * 60_000).toISOString().slice(0, millis ? 23 : 19);
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        const text = `${local}${offset === 0 && millis ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`}`;
        assert.equal(readIsoInstant(text), parseInstant(text), text);
      }));
  });

  it('refuses what is not a moment', () => {
    for (const text of ['2026-02-30T10:00:00Z', '2026-11-26T10:00:00', '2026-11-26 10:00:00Z', '2026-13-01T00:00Z', '2026-11-26T24:00:00Z', 'yesterday']) {
      assert.equal(readIsoInstant(text), null, text);
    }
  });
});
