import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, parseIsoDate, type IsoDate } from './calendar.ts';
import { isDomainError } from './errors.ts';
import { withIccidCheckDigit, type Line, type NewLine } from './line.ts';
import { qepik } from './money.ts';
import { parseMsisdn } from './msisdn.ts';
import { parseReassignedSince, reprovisionRecyclableLine } from './number-reassignment.ts';
import { parseValidityPolicy } from './policy.ts';

const policy = parseValidityPolicy({
  version: 't1', name: 'test', effectiveFrom: '2024-07-01', topUpExtension: 'max', restoreFee: 500,
  topUpBands: [{ minAmount: 100, days: 5 }], stages: { oneWayDays: 30, suspendedDays: 60, quarantineDays: 90 },
});
const today = parseIsoDate('2026-11-26');
const msisdn = parseMsisdn('0501234567');
const oldIccid = withIccidCheckDigit('899941000000000001');
const newIccid = withIccidCheckDigit('899941000000000002');
const released = (over: Partial<Line> = {}): Line => ({
  msisdn, iccid: oldIccid, status: 'recyclable', balance: qepik(345), validUntil: parseIsoDate('2026-01-10'), planCode: 'basic', language: 'ru', ...over,
});
const fresh = (over: Partial<NewLine> = {}): NewLine => ({
  msisdn, iccid: newIccid, balance: qepik(500), validUntil: parseIsoDate('2026-12-31'), planCode: null, language: 'az', ...over,
});
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return isDomainError(error) ? error.code : 'thrown';
  }
};

test('a released number goes to its new holder with the new SIM, language and balance, and no old plan', () => {
  const change = reprovisionRecyclableLine(released(), fresh(), today, policy);
  assert.deepEqual(change.line, { ...fresh(), status: 'active' });
  assert.equal(change.planSchedule, null);
  assert.deepEqual(change.entries.map((e) => [e.kind, e.amount]), [['adjustment', -345], ['opening_balance', 500]]);
});

test('a line that is not released, or the same SIM again, is refused', () => {
  for (const status of ['active', 'one_way', 'suspended', 'quarantine'] as const) {
    assert.equal(code(() => reprovisionRecyclableLine(released({ status }), fresh(), today, policy)), 'LINE_ALREADY_EXISTS', status);
  }
  assert.equal(code(() => reprovisionRecyclableLine(released(), fresh({ iccid: oldIccid }), today, policy)), 'LINE_ALREADY_EXISTS');
  assert.equal(code(() => reprovisionRecyclableLine(released(), fresh({ iccid: '8999410000000000000' }), today, policy)), 'INVALID_ICCID');
});

test('property: the entries explain the balance change exactly, and validity ends where the operator said', () => {
  fc.assert(fc.property(fc.nat(10_000_000), fc.nat(10_000_000), fc.integer({ min: -400, max: 400 }), (before, after, offset) => {
    const validUntil = addDays(today, offset);
    const change = reprovisionRecyclableLine(released({ balance: qepik(before) }), fresh({ balance: qepik(after), validUntil }), today, policy);
    const sum = change.entries.reduce((total, e) => total + e.amount, 0);
    assert.equal(before + sum, change.line.balance);
    assert.equal(change.line.balance, after);
    assert.equal(change.line.validUntil, validUntil);
    assert.ok(change.entries.every((e) => Number.isSafeInteger(e.amount)));
  }));
});

test('since: a real day, today or earlier; else a validation error', () => {
  assert.equal(parseReassignedSince('2026-11-26', today), '2026-11-26');
  assert.equal(parseReassignedSince('2020-02-29', today), '2020-02-29');
  for (const bad of [undefined, '', '2026-11-27', '2026-02-30', '26.11.2026', '2026-11-26T00:00:00Z', '20261126']) {
    assert.equal(code(() => parseReassignedSince(bad, today)), 'VALIDATION_FAILED', String(bad));
  }
});

test('property: any day after today is refused, any real day up to today accepted', () => {
  fc.assert(fc.property(fc.integer({ min: -20_000, max: 20_000 }), (offset) => {
    const day: IsoDate = addDays(today, offset);
    if (offset > 0) assert.equal(code(() => parseReassignedSince(day, today)), 'VALIDATION_FAILED');
    else assert.equal(parseReassignedSince(day, today), day);
  }));
});
