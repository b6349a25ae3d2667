import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseIsoDate, addMonths } from './calendar.ts';
import { renewWithPayment, type Line } from './line.ts';
import { qepik } from './money.ts';
import { trustedMsisdn } from './msisdn.ts';
import { parseValidityPolicy } from './policy.ts';
import { reverseOrderPayment } from './order-refund.ts';
import demo from '../policies/demo-2024.json' with { type: 'json' };

const policy = parseValidityPolicy(demo);
const today = parseIsoDate('2026-11-26');
const line: Line = { msisdn: trustedMsisdn('+994500000001'), iccid: '8999400000000000012', status: 'active', balance: qepik(500), validUntil: parseIsoDate('2026-12-20'), planCode: null, language: 'en' };
const sum = (entries: readonly { amount: number }[]): number => entries.reduce((a, e) => a + e.amount, 0);

test('an unused renewal is pulled back and the balance is untouched', () => {
  const renewed = renewWithPayment(line, { planCode: 'P', months: 3, price: qepik(450) }, 'x', today, policy).line;
  const r = reverseOrderPayment(renewed, { kind: 'renewal', amount: qepik(450), validUntilBefore: line.validUntil, validUntilAfter: renewed.validUntil }, 'ord', today, policy);
  assert.equal(r.pulledBack, true);
  assert.equal(r.line.validUntil, '2026-12-20');
  assert.equal(r.line.balance, 500);
  assert.equal(sum(r.entries), 0);
});

test('a renewal extended again since keeps its days', () => {
  const r = reverseOrderPayment({ ...line, validUntil: parseIsoDate('2027-06-20') }, { kind: 'renewal', amount: qepik(450), validUntilBefore: line.validUntil, validUntilAfter: parseIsoDate('2027-03-20') }, 'ord', today, policy);
  assert.equal(r.pulledBack, false);
  assert.equal(r.line.validUntil, '2027-06-20');
});

test('a top-up comes off the balance, and is refused once spent', () => {
  const r = reverseOrderPayment(line, { kind: 'top_up', amount: qepik(300), validUntilBefore: line.validUntil, validUntilAfter: line.validUntil }, 'ord', today, policy);
  assert.equal(r.line.balance, 200);
  assert.throws(() => reverseOrderPayment(line, { kind: 'top_up', amount: qepik(600), validUntilBefore: line.validUntil, validUntilAfter: line.validUntil }, 'ord', today, policy), /spent/);
});

test('property: entries always explain the balance change', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 12 }), fc.boolean(), (amount, months, topUp) => {
    const after = addMonths(line.validUntil, months);
    const current = { ...line, balance: qepik(amount + 1000), validUntil: after };
    const r = reverseOrderPayment(current, { kind: topUp ? 'top_up' : 'renewal', amount: qepik(amount), validUntilBefore: line.validUntil, validUntilAfter: after }, 'o', today, policy);
    assert.equal(r.line.balance - current.balance, sum(r.entries));
    assert.equal(r.line.validUntil, line.validUntil);
  }));
});
