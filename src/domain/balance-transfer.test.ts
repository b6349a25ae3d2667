import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkTransfer, mostTransferableNow, transferIn, transferOut, type TransferRelation } from './balance-transfer.ts';
import type { IsoDate } from './calendar.ts';
import type { Line } from './line.ts';
import { qepik } from './money.ts';
import type { Msisdn } from './msisdn.ts';
import type { BalanceTransferLimits } from './policy.ts';

const line = (msisdn: string, balance: number, status: Line['status'] = 'active'): Line => ({
  msisdn: msisdn as Msisdn, iccid: '8999400000000000017', status, balance: qepik(balance), validUntil: '2026-12-31' as IsoDate, planCode: null, language: 'en',
});
const limits: BalanceTransferLimits = { minAmount: qepik(100), minLeftBehind: qepik(100), dailyCapPerLine: qepik(5_000) };
const A = '+994500000001';
const B = '+994500000002';

test('a transfer the rule allows moves money and makes none: the sum stays, the sender keeps the minimum, the cap holds', () => {
  fc.assert(fc.property(
    fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -5, max: 20_000 }), fc.integer({ min: 0, max: 6_000 }),
    (fromBalance, toBalance, amount, sent) => {
      const from = line(A, fromBalance);
      const to = line(B, toBalance);
      const decision = checkTransfer({ from, to, amount: qepik(amount), sentToday: qepik(sent), relation: 'own_line', limits });
      const most = mostTransferableNow(from, qepik(sent), limits);
      if (!decision.ok) {
        // Refused exactly when a limit is passed; and whatever `mostNow` says would have been allowed.
        assert.ok(amount < 100 || amount > most);
        return;
      }
      assert.ok(amount <= most, 'allowed only up to what could be sent now');
      const out = transferOut(from, to, qepik(amount));
      const incoming = transferIn(to, from, qepik(amount));
      assert.equal(out.line.balance + incoming.line.balance, fromBalance + toBalance);
      assert.ok(out.line.balance >= limits.minLeftBehind);
      assert.ok(sent + amount <= limits.dailyCapPerLine);
      assert.equal(out.entries.reduce((s, e) => s + e.amount, 0), -amount, 'the entries explain the change');
      assert.equal(incoming.entries.reduce((s, e) => s + e.amount, 0), amount);
      assert.equal(out.line.validUntil, from.validUntil, 'validity is untouched');
      assert.equal(incoming.line.validUntil, to.validUntil);
    },
  ));
});

test('who may receive: own lines and (with groups) members; nobody else, never the same line, never a closed number', () => {
  const ok = (relation: TransferRelation, from = line(A, 1_000), to = line(B, 0)) => checkTransfer({ from, to, amount: qepik(200), sentToday: qepik(0), relation, limits });
  assert.deepEqual(ok('own_line'), { ok: true });
  assert.deepEqual(ok('group_member'), { ok: true });
  assert.deepEqual(ok('none'), { ok: false, refusal: 'TRANSFER_RECIPIENT_NOT_ALLOWED' });
  assert.deepEqual(ok('own_line', line(A, 1_000), line(A, 1_000)), { ok: false, refusal: 'TRANSFER_SAME_LINE' });
  assert.deepEqual(ok('own_line', line(A, 1_000), line(B, 0, 'quarantine')), { ok: false, refusal: 'TRANSFER_LINE_CLOSED' });
  assert.deepEqual(ok('own_line', line(A, 1_000, 'recyclable')), { ok: false, refusal: 'TRANSFER_LINE_CLOSED' });
  assert.deepEqual(ok('own_line', line(A, 1_000, 'one_way')), { ok: true }, 'a one-way line\'s balance is still its owner\'s');
});

test('each limit names itself, with what could be sent now', () => {
  const check = (balance: number, amount: number, sent: number) => checkTransfer({ from: line(A, balance), to: line(B, 0), amount: qepik(amount), sentToday: qepik(sent), relation: 'own_line', limits });
  assert.deepEqual(check(1_000, 99, 0), { ok: false, refusal: 'TRANSFER_BELOW_MINIMUM' });
  assert.deepEqual(check(1_000, 1_001, 0), { ok: false, refusal: 'INSUFFICIENT_BALANCE', mostNow: 900 });
  assert.deepEqual(check(1_000, 901, 0), { ok: false, refusal: 'TRANSFER_LEAVES_TOO_LITTLE', mostNow: 900 });
  assert.deepEqual(check(1_000, 900, 0), { ok: true });
  assert.deepEqual(check(10_000, 600, 4_500), { ok: false, refusal: 'TRANSFER_DAILY_CAP', mostNow: 500 });
  assert.deepEqual(check(10_000, 500, 4_500), { ok: true });
});
