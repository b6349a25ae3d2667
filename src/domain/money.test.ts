import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyBasisPoints, formatMoney, formatMoneyForSms, parseAznAmount, qepik } from './money.ts';

test('parses manat amounts exactly, with a dot or a comma', () => {
  assert.equal(parseAznAmount('12.50'), 1250);
  assert.equal(parseAznAmount('12,50'), 1250);
  assert.equal(parseAznAmount('12,5'), 1250);
  assert.equal(parseAznAmount('0.01'), 1);
  assert.equal(parseAznAmount(' 1 250,00 ₼'), 125000);
  assert.equal(parseAznAmount('7'), 700);
  assert.equal(parseAznAmount('-3.10'), -310);
});

test('refuses fractions of a qəpik and garbage', () => {
  for (const bad of ['12.505', '1e3', 'abc', '', '12.', '.5', '12,50,1', 'NaN', '0x10']) {
    assert.throws(() => parseAznAmount(bad), { code: 'INVALID_AMOUNT' }, bad);
  }
});

test('qepik refuses non-integers and unsafe integers', () => {
  assert.throws(() => qepik(1.5), { code: 'INVALID_AMOUNT' });
  assert.throws(() => qepik(Number.MAX_SAFE_INTEGER + 2), { code: 'INVALID_AMOUNT' });
  assert.throws(() => qepik(Number.NaN), { code: 'INVALID_AMOUNT' });
});

test('any amount formatted for SMS parses back to itself (property)', () => {
  fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
    const text = formatMoneyForSms(qepik(n)).replace(' AZN', '');
    assert.equal(parseAznAmount(text), n);
  }));
});

test('screen formats per locale', () => {
  assert.equal(formatMoney(qepik(1250), 'az'), '12,50\u00a0₼');
  assert.equal(formatMoney(qepik(123456789), 'ru'), '1\u00a0234\u00a0567,89\u00a0₼');
  assert.equal(formatMoney(qepik(1250), 'en'), '₼12.50');
  assert.equal(formatMoney(qepik(-5), 'en'), '-₼0.05');
  assert.equal(formatMoneyForSms(qepik(1250)), '12.50 AZN');
});

test('basis points round half away from zero, once', () => {
  assert.equal(applyBasisPoints(qepik(1005), 5000), 503); // 502.5 → 503
  assert.equal(applyBasisPoints(qepik(-1005), 5000), -503);
  assert.equal(applyBasisPoints(qepik(1004), 5000), 502);
  assert.equal(applyBasisPoints(qepik(999), 1000), 100); // 99.9 → 100
  assert.equal(applyBasisPoints(qepik(1), 4999), 0);
  assert.throws(() => applyBasisPoints(qepik(100), 12.5), { code: 'INVALID_AMOUNT' });
});

test('a share never exceeds the whole and the two parts add up (property)', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: 0, max: 10000 }), (amount, bp) => {
    const share = applyBasisPoints(qepik(amount), bp);
    assert.ok(Number.isInteger(share));
    assert.ok(share >= 0 && share <= amount);
    assert.ok(Math.abs(share * 10000 - amount * bp) <= 5000);
  }));
});
