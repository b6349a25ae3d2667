import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { convertQepik, formatMinorUnits, formatRate, parseMinorUnits, parseRate } from './fx.ts';
import { qepik } from './money.ts';

test('AZN → USD at the peg, rounded half up once', () => {
  const rate = parseRate('0.588235');
  assert.equal(convertQepik(qepik(1700), rate, 'USD'), 1000); // 17.00 AZN → 10.00 USD
  assert.equal(convertQepik(qepik(450), rate, 'USD'), 265); // 4.50 AZN → 2.647… → 2.65 USD
  assert.equal(convertQepik(qepik(1), rate, 'USD'), 1);
  assert.equal(convertQepik(qepik(1000), parseRate('95'), 'JPY'), 950);
  assert.equal(formatRate(rate), '0.588235');
});

test('amount text for the PayPal API, both ways', () => {
  assert.equal(formatMinorUnits(265, 'USD'), '2.65');
  assert.equal(formatMinorUnits(5, 'USD'), '0.05');
  assert.equal(formatMinorUnits(950, 'JPY'), '950');
  assert.equal(parseMinorUnits('2.65', 'USD'), 265);
  assert.equal(parseMinorUnits('2.6', 'USD'), 260);
  assert.throws(() => parseMinorUnits('2.655', 'USD'));
  assert.throws(() => parseRate('-1'));
  assert.throws(() => parseRate('0'));
});

test('property: conversion is monotonic and never off by more than half a cent', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 5_000_000 }), (amount, rate) => {
    const converted = convertQepik(qepik(amount), rate, 'USD');
    assert.ok(convertQepik(qepik(amount + 1), rate, 'USD') >= converted);
    assert.ok(Math.abs(converted * 1_000_000 - amount * rate) <= 500_000);
  }));
});
