import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { qepik } from './money.ts';
import { onlineTopUpChoices, quoteOnlineTopUp } from './online-top-up.ts';
import { daysForTopUp, parseValidityPolicy } from './policy.ts';

const base = {
  version: 't', name: 't', effectiveFrom: '2024-07-01', topUpExtension: 'max', restoreFee: 500,
  topUpBands: [{ minAmount: 100, days: 5 }, { minAmount: 500, days: 30 }, { minAmount: 5000, days: 120 }, { minAmount: 90_000, days: 365 }],
  stages: { oneWayDays: 30, suspendedDays: 60, quarantineDays: 90 },
};
const policy = parseValidityPolicy(base);

describe('online top-up limits', () => {
  it('a policy that names no limits takes 1 AZN to 500 AZN', () => {
    assert.deepEqual(policy.onlineTopUp, { minAmount: 100, maxAmount: 50_000 });
  });

  it('a policy may name its own limits, and bad ones are refused naming the field', () => {
    assert.deepEqual(parseValidityPolicy({ ...base, onlineTopUp: { minAmount: 200, maxAmount: 20_000 } }).onlineTopUp, { minAmount: 200, maxAmount: 20_000 });
    assert.throws(() => parseValidityPolicy({ ...base, onlineTopUp: { minAmount: 500, maxAmount: 100 } }),
      (e: { code: string; details: { path: string }[] }) => e.code === 'POLICY_INVALID' && e.details.some((d) => d.path === '/onlineTopUp/maxAmount'));
    assert.throws(() => parseValidityPolicy({ ...base, onlineTopUp: { minAmount: 0, maxAmount: 100 } }), { code: 'POLICY_INVALID' });
  });

  it('below 1 AZN and above the maximum are refused with their own codes', () => {
    assert.throws(() => quoteOnlineTopUp(qepik(99), policy), { code: 'AMOUNT_BELOW_MINIMUM_TOP_UP' });
    assert.throws(() => quoteOnlineTopUp(qepik(0), policy), { code: 'AMOUNT_BELOW_MINIMUM_TOP_UP' });
    assert.throws(() => quoteOnlineTopUp(qepik(50_001), policy), { code: 'AMOUNT_ABOVE_MAXIMUM_TOP_UP' });
    assert.deepEqual(quoteOnlineTopUp(qepik(100), policy), { amount: 100, validityDays: 5 });
    assert.deepEqual(quoteOnlineTopUp(qepik(50_000), policy), { amount: 50_000, validityDays: 120 });
  });

  it('any amount within the limits buys the days of the highest band it reaches', () => {
    fc.assert(fc.property(fc.integer({ min: 100, max: 50_000 }), (amount) => {
      const quoted = quoteOnlineTopUp(qepik(amount), policy);
      assert.equal(quoted.validityDays, daysForTopUp(policy, qepik(amount)));
      // Paying more never buys fewer days.
      if (amount < 50_000) assert.ok(quoteOnlineTopUp(qepik(amount + 1), policy).validityDays >= quoted.validityDays);
    }));
  });

  it('the choices are the bands that can be bought online', () => {
    assert.deepEqual(onlineTopUpChoices(policy), [
      { amount: 100, validityDays: 5 }, { amount: 500, validityDays: 30 }, { amount: 5000, validityDays: 120 },
    ]);
  });
});
