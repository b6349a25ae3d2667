import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, parseIsoDate, type IsoDate } from './calendar.ts';
import { isValidIccid, withIccidCheckDigit, renewFromBalance, renewWithPayment, topUp, validUntilAfterMonths, type Line } from './line.ts';
import { qepik } from './money.ts';
import { parseMsisdn } from './msisdn.ts';
import { daysForTopUp, parseValidityPolicy } from './policy.ts';

const bands = [[100, 5], [200, 10], [300, 20], [500, 30], [1000, 60], [2500, 90], [5000, 120]].map(([minAmount, days]) => ({ minAmount, days }));
const policy = parseValidityPolicy({
  version: 't1', name: 'test', effectiveFrom: '2024-07-01', topUpExtension: 'max', restoreFee: 500, topUpBands: bands,
  stages: { oneWayDays: 30, suspendedDays: 60, quarantineDays: 90 },
});
const addPolicy = parseValidityPolicy({ ...policy, version: 't2', topUpExtension: 'add' });
const d = (s: string): IsoDate => parseIsoDate(s);
const line = (over: Partial<Line> = {}): Line => ({
  msisdn: parseMsisdn('0501234567'), iccid: '8999410000000000009', status: 'active', balance: qepik(300),
  validUntil: d('2026-12-10'), planCode: null, language: 'en', ...over,
});

test('band table: the highest band reached', () => {
  assert.equal(daysForTopUp(policy, qepik(99)), 0);
  assert.equal(daysForTopUp(policy, qepik(100)), 5);
  assert.equal(daysForTopUp(policy, qepik(499)), 20);
  assert.equal(daysForTopUp(policy, qepik(500)), 30);
  assert.equal(daysForTopUp(policy, qepik(10000)), 120);
});

test('a top-up keeps the later of the current end and today + days', () => {
  const today = d('2026-12-01');
  assert.equal(topUp(line(), qepik(100), today, policy).line.validUntil, '2026-12-10'); // today+5 < current
  assert.equal(topUp(line(), qepik(1000), today, policy).line.validUntil, '2027-01-30');
  const lapsed = line({ validUntil: d('2026-11-01'), status: 'one_way' });
  const restored = topUp(lapsed, qepik(500), today, policy);
  assert.equal(restored.line.validUntil, '2026-12-31');
  assert.equal(restored.line.status, 'active');
  assert.equal(restored.line.balance, 800);
});

test('with an "add" policy the days add to what is left', () => {
  assert.equal(topUp(line(), qepik(100), d('2026-12-01'), addPolicy).line.validUntil, '2026-12-15');
  assert.equal(topUp(line({ validUntil: d('2026-11-01') }), qepik(100), d('2026-12-01'), addPolicy).line.validUntil, '2026-12-05');
});

test('quarantine and recyclable lines cannot be extended online', () => {
  assert.throws(() => topUp(line({ status: 'quarantine' }), qepik(500), d('2026-12-01'), policy), { code: 'LINE_IN_QUARANTINE' });
  assert.throws(() => renewWithPayment(line({ status: 'recyclable' }), { planCode: 'KEEP', months: 1, price: qepik(100) }, 'p', d('2026-12-01'), policy), { code: 'LINE_RECYCLABLE' });
  assert.throws(() => topUp(line(), qepik(0), d('2026-12-01'), policy), { code: 'INVALID_AMOUNT' });
});

test('renewal extends from the later of today and the current end by calendar months', () => {
  assert.equal(validUntilAfterMonths(d('2026-11-30'), d('2026-11-26'), 3), '2027-02-28');
  assert.equal(validUntilAfterMonths(d('2026-10-01'), d('2026-11-30'), 3), '2027-02-28');
  const r = renewFromBalance(line({ balance: qepik(1000) }), { planCode: 'KEEP', months: 6, price: qepik(600) }, d('2026-12-01'), policy);
  assert.equal(r.line.validUntil, '2027-06-10');
  assert.equal(r.line.balance, 400);
  assert.throws(() => renewFromBalance(line(), { planCode: 'KEEP', months: 6, price: qepik(600) }, d('2026-12-01'), policy), { code: 'INSUFFICIENT_BALANCE' });
});

test('a paid renewal credits and charges the same amount: the balance is unchanged', () => {
  const r = renewWithPayment(line(), { planCode: 'KEEP', months: 3, price: qepik(450) }, 'pay_1', d('2026-12-01'), policy);
  assert.equal(r.line.balance, 300);
  assert.equal(r.entries.reduce((s, e) => s + e.amount, 0), 0);
  assert.equal(r.line.validUntil, '2027-03-10');
});

test('ledger entries always explain the balance (property)', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('top' as const), amount: fc.integer({ min: 1, max: 20000 }) }),
    fc.record({ kind: fc.constant('renew' as const), months: fc.constantFrom(1, 3, 6, 12), price: fc.integer({ min: 0, max: 3000 }) }),
    fc.record({ kind: fc.constant('paid' as const), months: fc.constantFrom(1, 3, 6, 12), price: fc.integer({ min: 0, max: 3000 }) }),
  );
  fc.assert(fc.property(fc.array(op, { maxLength: 30 }), fc.integer({ min: 0, max: 400 }), (ops, startOffset) => {
    let current = line({ validUntil: addDays(d('2026-01-01'), startOffset) });
    let sum = current.balance as number;
    let day = d('2026-06-01');
    for (const o of ops) {
      day = addDays(day, 3);
      try {
        const change = o.kind === 'top' ? topUp(current, qepik(o.amount), day, policy)
          : o.kind === 'renew' ? renewFromBalance(current, { planCode: 'K', months: o.months, price: qepik(o.price) }, day, policy)
            : renewWithPayment(current, { planCode: 'K', months: o.months, price: qepik(o.price) }, 'p', day, policy);
        for (const e of change.entries) sum += e.amount;
        assert.ok(change.line.validUntil >= current.validUntil, 'validity never shrinks');
        current = change.line;
      } catch (error) {
        assert.ok(['INSUFFICIENT_BALANCE', 'LINE_IN_QUARANTINE', 'LINE_RECYCLABLE'].includes((error as { code: string }).code));
      }
      assert.equal(current.balance, sum);
      assert.ok(current.balance >= 0);
    }
  }));
});

test('ICCID check digits (Luhn)', () => {
  assert.ok(isValidIccid('8999410000000000009'));
  assert.ok(!isValidIccid('8999410000000000006'));
  assert.ok(!isValidIccid('1234567890123456789'));
  assert.ok(!isValidIccid('89994'));
});

test('check digits made by withIccidCheckDigit always validate (property)', () => {
  fc.assert(fc.property(fc.stringMatching(/^89\d{16,17}$/), (body) => {
    const iccid = withIccidCheckDigit(body);
    assert.ok(isValidIccid(iccid));
    const wrong = iccid.slice(0, -1) + String((Number(iccid.slice(-1)) + 1) % 10);
    assert.ok(!isValidIccid(wrong));
  }));
});
