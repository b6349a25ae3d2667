import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays, type IsoDate } from './calendar.ts';
import { qepik } from './money.ts';
import { budgetAlertDue, classifyEntry, lastMonths, summariseMonths, type SpendingEntry } from './spending.ts';
import { usageKinds, type UsageKind } from './vocabularies.ts';

const TODAY = '2026-12-06' as IsoDate;

const entry = fc.record({
  kind: fc.constantFrom('plan_charge', 'restore_fee', 'usage', 'top_up', 'payment', 'refund', 'adjustment', 'opening_balance'),
  amount: fc.integer({ min: 1, max: 100_000 }),
  daysAgo: fc.integer({ min: 0, max: 500 }),
  reverses: fc.constantFrom(null, 'plan_charge', 'payment', 'top_up'),
  split: fc.array(fc.tuple(fc.constantFrom(...usageKinds), fc.integer({ min: 1, max: 5_000 })), { maxLength: 3 }),
}).map(({ kind, amount, daysAgo, reverses, split }): SpendingEntry => {
  const usage = new Map<UsageKind, ReturnType<typeof qepik>>();
  for (const [k, v] of split) usage.set(k, qepik((usage.get(k) ?? 0) + v));
  const usageTotal = [...usage.values()].reduce((s, v) => s + v, 0);
  // Signs as the domain writes them: charges negative, money in positive; a usage entry is its records' sum.
  const signed = kind === 'usage' ? -(usageTotal || amount) : ['plan_charge', 'restore_fee'].includes(kind) ? -amount
    : kind === 'refund' ? (reverses === 'plan_charge' ? amount : -amount) : kind === 'adjustment' && daysAgo % 2 === 0 ? -amount : amount;
  return { id: daysAgo, kind, amount: qepik(signed), day: addDays(TODAY, -daysAgo), reverses: kind === 'refund' ? reverses : null, usageByKind: kind === 'usage' ? usage : new Map() };
});

describe('spending by month', () => {
  it('each month\'s total is the sum of its kinds, and the months together hold exactly the spending of their entries', () => {
    fc.assert(fc.property(fc.array(entry, { maxLength: 60 }), (entries) => {
      const months = lastMonths(TODAY);
      const summary = summariseMonths(entries, months);
      assert.equal(summary.length, 13);
      for (const m of summary) assert.equal(m.total, Object.values(m.byKind).reduce((s, v) => s + v, 0));
      const inRange = entries.filter((e) => months.includes(e.day.slice(0, 7)));
      const spent = inRange.reduce((s, e) => {
        const c = classifyEntry(e);
        return s + (c.type === 'spent' ? c.parts.reduce((a, [, v]) => a + v, 0) : 0);
      }, 0);
      assert.equal(summary.reduce((s, m) => s + m.total, 0), spent);
      // Spending is money leaving the balance: what charges took, less renewals given back.
      const out = inRange.filter((e) => ['plan_charge', 'restore_fee', 'usage'].includes(e.kind) || (e.kind === 'adjustment' && e.amount < 0)
        || (e.kind === 'refund' && e.reverses === 'plan_charge')).reduce((s, e) => s - e.amount, 0);
      assert.equal(spent, out);
    }));
  });

  it('a usage entry is split by usage kind; top-ups and payments are paid in, never spent', () => {
    const usage: SpendingEntry = { id: 1, kind: 'usage', amount: qepik(-700), day: TODAY, reverses: null, usageByKind: new Map([['data', qepik(200)], ['roaming_voice', qepik(500)]]) };
    assert.deepEqual(classifyEntry(usage), { type: 'spent', parts: [['usage_data', 200], ['usage_roaming_voice', 500]] });
    assert.deepEqual(classifyEntry({ ...usage, usageByKind: new Map([['data', qepik(200)]]) }), { type: 'spent', parts: [['usage_data', 200], ['other', 500]] });
    assert.deepEqual(classifyEntry({ ...usage, kind: 'top_up', amount: qepik(1000) }), { type: 'paid_in', amount: 1000 });
    assert.deepEqual(lastMonths('2026-01-31' as IsoDate, 3), ['2026-01', '2025-12', '2025-11']);
  });
});

describe('the budget\'s 80 % mark', () => {
  it('is reached exactly at 80 %, in integers, and stays reached as spending grows', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 20_000_000 }), (budget, spent) => {
      const due = budgetAlertDue(qepik(spent), qepik(budget));
      assert.equal(due, spent * 5 >= budget * 4);
      if (due) assert.ok(budgetAlertDue(qepik(spent + 1), qepik(budget)));
    }));
    assert.ok(budgetAlertDue(qepik(800), qepik(1000)));
    assert.ok(!budgetAlertDue(qepik(799), qepik(1000)));
  });
});
