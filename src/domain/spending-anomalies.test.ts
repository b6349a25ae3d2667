import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, type IsoDate } from './calendar.ts';
import { qepik } from './money.ts';
import {
  BASELINE_MIN_DAYS, baselineOf, dailySpendBefore, detectAnomalies, isPremiumDestination, median, medianAbsoluteDeviation,
  spikeThreshold, type Anomaly, type UsageCharge, type WatchedEntry,
} from './spending-anomalies.ts';
import type { UsageKind } from './vocabularies.ts';

const ints = fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 120 });

describe('baseline maths', () => {
  it('the median lies between the min and max, with at least half the values on each side', () => {
    fc.assert(fc.property(ints, (xs) => {
      const m = median(xs);
      assert.ok(m >= Math.min(...xs) && m <= Math.max(...xs));
      assert.ok(xs.filter((x) => x <= m).length * 2 >= xs.length);
      assert.ok(xs.filter((x) => x >= m).length * 2 >= xs.length);
    }));
  });

  it('median and MAD do not depend on order, shift with the data and scale with it', () => {
    fc.assert(fc.property(ints, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 50 }), (xs, shift, k) => {
      const shuffled = xs.toReversed();
      assert.equal(median(shuffled), median(xs));
      assert.equal(medianAbsoluteDeviation(shuffled), medianAbsoluteDeviation(xs));
      assert.equal(median(xs.map((x) => x + shift)), median(xs) + shift);
      assert.equal(medianAbsoluteDeviation(xs.map((x) => x + shift)), medianAbsoluteDeviation(xs));
      assert.equal(median(xs.map((x) => x * k)), median(xs) * k);
      assert.equal(medianAbsoluteDeviation(xs.map((x) => x * k)), medianAbsoluteDeviation(xs) * k);
    }));
  });

  it('is robust: changing fewer than half of the values to anything keeps the median within the old range', () => {
    fc.assert(fc.property(ints, fc.integer({ min: 0, max: 10_000_000 }), (xs, outlier) => {
      const k = Math.floor((xs.length - 1) / 2);
      const spoiled = xs.map((x, i) => (i < k ? outlier : x));
      const m = median(spoiled);
      assert.ok(m >= Math.min(...xs) && m <= Math.max(...xs));
    }));
  });

  it('the spike threshold is above the median by at least the minimum jump and grows with the MAD', () => {
    fc.assert(fc.property(ints, (xs) => {
      const b = baselineOf(xs);
      const t = spikeThreshold(b);
      assert.ok(t >= b.median + 1000);
      assert.ok(t >= spikeThreshold({ ...b, mad: b.mad / 2 }));
    }));
  });

  it('daily spend before a day counts empty days as zero and never reads the day itself or before history', () => {
    const totals = new Map<IsoDate, number>([['2026-11-30' as IsoDate, 5], ['2026-12-01' as IsoDate, 99]]);
    assert.deepEqual(dailySpendBefore(totals, '2026-12-01' as IsoDate, '2026-11-28' as IsoDate), [0, 0, 5]);
    assert.equal(dailySpendBefore(totals, '2026-12-01' as IsoDate, '2026-01-01' as IsoDate).length, 90);
  });
});

describe('one charge, one alert', () => {
  it('a first premium international call is one alert, not also "first international" or "large"', () => {
    const day = '2026-03-01' as IsoDate;
    const call: UsageCharge = { sourceId: 'p1', kind: 'international', destination: '+88213000000', day, at: 1, amount: qepik(5000), isNew: true };
    const found = detectAnomalies({ historyStart: START, entries: [], newDays: [], charges: [call] });
    assert.deepEqual(found.map((a) => a.key), ['first_premium']);
    const second: UsageCharge = { ...call, sourceId: 'p2', destination: '+4915112345678', at: 2 };
    assert.deepEqual(detectAnomalies({ historyStart: START, entries: [], newDays: [], charges: [call, second] }).map((a) => a.key).sort(),
      ['first_international', 'first_premium'], 'the large charges are the ones both alerts name');
  });
});

describe('premium destinations', () => {
  it('knows satellite and international premium ranges, and ordinary numbers are not premium', () => {
    assert.ok(isPremiumDestination('+88213000000'));
    assert.ok(isPremiumDestination('00870772000000'));
    assert.ok(isPremiumDestination('+19005550100'));
    assert.ok(!isPremiumDestination('+905321234567'));
    assert.ok(!isPremiumDestination('+994501234567'));
    assert.ok(!isPremiumDestination('not a number'));
  });
});

// Generated histories: 120 days per line (90 of baseline, then a 30-day month judged day by day,
// as the job sees it), from a seeded PRNG so a failure replays.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Profile { readonly name: string; readonly pDay: number; readonly medianQ: number; readonly sigma: number; readonly kinds: readonly UsageKind[] }
const profiles: readonly Profile[] = [
  { name: 'quiet', pDay: 0.08, medianQ: 30, sigma: 0.8, kinds: ['voice', 'sms'] },
  { name: 'regular', pDay: 0.5, medianQ: 80, sigma: 0.7, kinds: ['voice', 'data', 'sms'] },
  { name: 'heavy', pDay: 0.95, medianQ: 300, sigma: 0.6, kinds: ['data', 'voice'] },
  { name: 'abroad', pDay: 0.7, medianQ: 150, sigma: 0.7, kinds: ['roaming_data', 'roaming_voice', 'international'] },
];

const START = '2026-01-01' as IsoDate;
const DAYS = 120;
const JUDGED_FROM = 90;

function history(rand: () => number, profile: Profile, line: number): UsageCharge[] {
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const charges: UsageCharge[] = [];
  for (let d = 0; d < DAYS; d += 1) {
    const day = addDays(START, d);
    const weekend = d % 7 >= 5 ? 1.3 : 1;
    if (rand() >= profile.pDay) continue;
    const count = 1 + Math.floor(rand() * 4);
    const total = profile.medianQ * weekend * Math.exp(profile.sigma * gauss());
    for (let i = 0; i < count; i += 1) {
      const kind = profile.kinds[Math.floor(rand() * profile.kinds.length)] ?? 'voice';
      charges.push({
        sourceId: `l${line}-d${d}-${i}`, kind, destination: kind === 'international' ? '+905321234567' : null, day,
        at: d * 86_400_000 + i, amount: qepik(Math.max(1, Math.round(total / count))), isNew: false,
      });
    }
  }
  return charges;
}

/** Runs the detector as the daily job would over the judged month: each day's charges new in turn. */
function judgeMonth(charges: readonly UsageCharge[]): Anomaly[] {
  const found = new Map<string, Anomaly>();
  for (let d = JUDGED_FROM; d < DAYS; d += 1) {
    const day = addDays(START, d);
    const visible = charges.filter((c) => c.day <= day).map((c) => ({ ...c, isNew: c.day === day }));
    const entries = [...Map.groupBy(visible, (c) => c.day)].map(([entryDay, list], i): WatchedEntry => ({
      id: i + 1, day: entryDay, kind: 'usage', amount: qepik(list.reduce((s, c) => s + c.amount, 0)),
    }));
    for (const a of detectAnomalies({ historyStart: START, entries, newDays: [day], charges: visible })) {
      if (!found.has(a.key)) found.set(a.key, a);
    }
  }
  return [...found.values()];
}

const LINES_PER_PROFILE = 200;

describe('generated histories', () => {
  it('normal months stay quiet: false alarms on at most 2 % of line-months (measured: see the log line)', () => {
    const rand = mulberry32(20261206);
    let months = 0;
    let alarmed = 0;
    const byProfile: Record<string, number> = {};
    for (const profile of profiles) {
      for (let i = 0; i < LINES_PER_PROFILE; i += 1) {
        const alerts = judgeMonth(history(rand, profile, i));
        months += 1;
        if (alerts.length > 0) {
          alarmed += 1;
          byProfile[profile.name] = (byProfile[profile.name] ?? 0) + 1;
          for (const a of alerts) byProfile[a.kind] = (byProfile[a.kind] ?? 0) + 1;
        }
      }
    }
    const rate = alarmed / months;
    console.log(`false alarms: ${alarmed} of ${months} normal line-months (${(rate * 100).toFixed(2)} %)`, byProfile);
    assert.ok(rate <= 0.02, `false-alarm rate ${rate}`);
  });

  it('planted anomalies are found: a spike day, a premium call, first roaming, first international, one huge charge', () => {
    const rand = mulberry32(7);
    let planted = 0;
    let found = 0;
    for (const profile of profiles) {
      for (let i = 0; i < 30; i += 1) {
        const base = history(rand, profile, i);
        const d = JUDGED_FROM + Math.floor(rand() * (DAYS - JUDGED_FROM));
        const day = addDays(START, d);
        const plant = (sourceId: string, kind: UsageKind, amount: number, destination: string | null = null): UsageCharge => ({
          sourceId, kind, destination, day, at: d * 86_400_000 + 500, amount: qepik(amount), isNew: false,
        });
        const dayMedian = median(base.map((c) => c.amount));
        const cases: [Anomaly['kind'], UsageCharge[]][] = [
          ['daily_spike', Array.from({ length: 12 }, (_, k) => plant(`spike-${k}`, 'data', Math.max(200, Math.round(dayMedian * 5))))],
          ['first_premium', [plant('premium', 'voice', 400, '+88213000000')]],
          ['large_charge', [plant('huge', 'data', 15000)]],
        ];
        if (profile.name !== 'abroad') {
          cases.push(['first_roaming', [plant('roam', 'roaming_data', 200)]], ['first_international', [plant('intl', 'international', 150, '+4915112345678')]]);
        }
        for (const [kind, extra] of cases) {
          planted += 1;
          const got = judgeMonth([...base, ...extra]);
          if (got.some((a) => a.kind === kind && a.day === day)) found += 1;
        }
      }
    }
    console.log(`planted anomalies found: ${found} of ${planted}`);
    assert.equal(found, planted);
  });

  it('a spike is not judged before 30 days of history, and names the entries of its day', () => {
    const day = addDays(START, BASELINE_MIN_DAYS - 1);
    const input = { historyStart: START, entries: [{ id: 9, day, kind: 'usage', amount: qepik(5000) }], newDays: [day], charges: [] };
    assert.deepEqual(detectAnomalies(input), []);
    const later = addDays(START, BASELINE_MIN_DAYS);
    const [spike] = detectAnomalies({ ...input, entries: [{ id: 9, day: later, kind: 'usage', amount: qepik(5000) }], newDays: [later] });
    assert.equal(spike?.key, `daily_spike:${later}`);
    assert.deepEqual(spike?.causes, [{ type: 'entry', id: 9, kind: 'usage', amount: 5000, day: later }]);
  });
});
