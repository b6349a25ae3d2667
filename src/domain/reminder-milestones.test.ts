import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, type IsoDate } from './calendar.ts';
import { statusOn } from './lifecycle.ts';
import { dueMilestone, milestoneFacts, milestoneKey, milestoneSms, type Milestone } from './reminder-milestones.ts';
import { parseValidityPolicy } from './policy.ts';
import { chooseEncoding } from './sms-encoding.ts';

// The demo policy's stage lengths and reminder days, written out: the domain's tests, like the
// domain, read nothing outside it.
const demoPolicy = {
  version: 'demo-2024-07', name: 'Demo', effectiveFrom: '2024-07-01', topUpBands: [{ minAmount: 100, days: 5 }], topUpExtension: 'max',
  stages: { oneWayDays: 30, suspendedDays: 60, quarantineDays: 90 }, reminderDays: [30, 7, 1], restoreFee: 500,
};
const policy = parseValidityPolicy(demoPolicy);
const today = '2026-06-01' as IsoDate;
const end = (d: number): IsoDate => addDays(today, d);

test('the most urgent milestone due: 30, 7 or 1 days before the end, then each stage', () => {
  const cases: [number, Milestone | undefined][] = [
    [45, undefined], [31, undefined], [30, { kind: 'reminder', days: 30 }], [8, { kind: 'reminder', days: 30 }],
    [7, { kind: 'reminder', days: 7 }], [2, { kind: 'reminder', days: 7 }], [1, { kind: 'reminder', days: 1 }], [0, { kind: 'reminder', days: 1 }],
  ];
  for (const [d, expected] of cases) assert.deepEqual(dueMilestone('active', end(d), today, policy.reminderDays), expected, `${d} days before`);
  assert.equal(dueMilestone('active', end(-1), today, policy.reminderDays), undefined, 'past its end the sweep moves it first');
  assert.deepEqual(dueMilestone('one_way', end(-1), today, policy.reminderDays), { kind: 'notice', stage: 'one_way' });
  assert.deepEqual(dueMilestone('quarantine', end(-100), today, policy.reminderDays), { kind: 'notice', stage: 'quarantine' });
  assert.equal(dueMilestone('recyclable', end(-200), today, policy.reminderDays), undefined);
});

test('the reminder days are the policy\'s: another list moves every milestone, in any order given', () => {
  const weekly = parseValidityPolicy({ ...demoPolicy, version: 'weekly', reminderDays: [3, 14] });
  assert.deepEqual(weekly.reminderDays, [14, 3], 'least urgent first');
  assert.equal(dueMilestone('active', end(15), today, weekly.reminderDays), undefined);
  assert.deepEqual(dueMilestone('active', end(14), today, weekly.reminderDays), { kind: 'reminder', days: 14 });
  assert.deepEqual(dueMilestone('active', end(2), today, weekly.reminderDays), { kind: 'reminder', days: 3 });
  const { reminderDays: _absent, ...older } = demoPolicy;
  assert.deepEqual(parseValidityPolicy(older).reminderDays, [30, 7, 1], 'policies recorded before keep 30, 7 and 1');
  for (const bad of [[], [0], [7, 7], [400], ['7']]) {
    assert.throws(() => parseValidityPolicy({ ...demoPolicy, reminderDays: bad }), { code: 'POLICY_INVALID' }, JSON.stringify(bad));
  }
});

const rank = (m: Milestone | undefined): number => {
  if (!m) return -1;
  return m.kind === 'reminder' ? policy.reminderDays.indexOf(m.days) : 3 + ['one_way', 'suspended', 'quarantine'].indexOf(m.stage);
};

test('as days pass, the milestone due only grows more urgent (so none is ever sent after a later one)', () => {
  fc.assert(fc.property(fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 60 }), (offset, from, step) => {
    const validUntil = end(offset);
    const d1 = addDays(today, from);
    const d2 = addDays(d1, step);
    const m1 = dueMilestone(statusOn(validUntil, d1, policy), validUntil, d1, policy.reminderDays);
    const m2 = dueMilestone(statusOn(validUntil, d2, policy), validUntil, d2, policy.reminderDays);
    return m1 === undefined || m2 === undefined || rank(m2) >= rank(m1) || statusOn(validUntil, d2, policy) === 'recyclable';
  }));
});

test('keys name the line, the validity end and the milestone', () => {
  assert.equal(milestoneKey('+994501234567', end(7), { kind: 'reminder', days: 7 }), `reminder:+994501234567:${end(7)}:7`);
  assert.equal(milestoneKey('+994501234567', end(-1), { kind: 'notice', stage: 'quarantine' }), `notice:+994501234567:${end(-1)}:quarantine`);
});

test('texts carry the countdown in the line language; English stays GSM 7-bit', () => {
  const line = { msisdn: '+994501234567' as never, validUntil: end(7), language: 'en' as const };
  const facts = milestoneFacts(end(7), today, policy);
  // Valid through 8 June, seen on 1 June: 1..8 June is 8 days of service, the USSD and dashboard number.
  assert.deepEqual(facts, { days: 8, daysToLoss: 188 });
  const en = milestoneSms({ kind: 'reminder', days: 7 }, line, facts);
  assert.equal(en.kind, 'reminder');
  assert.match(en.text, /050 123 45 67 is valid until 08\.06\.2026 \(8 days left\)\. Renew: \*101# or a Saxla store\. Number can be lost in 188 days\./);
  assert.equal(chooseEncoding(en.text).encoding, 'gsm7');
  const zh = milestoneSms({ kind: 'notice', stage: 'suspended' }, { ...line, language: 'zh' }, facts);
  assert.equal(zh.kind, 'lifecycle_notice');
  assert.match(zh.text, /已停机.*188 天后/);
  assert.match(milestoneSms({ kind: 'reminder', days: 1 }, { ...line, language: 'az' }, { days: 1, daysToLoss: 182 }).text, /\(1 gün qalıb\).*182 gün sonra nömrə itirilə bilər/);
});
