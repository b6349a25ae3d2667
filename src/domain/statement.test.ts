import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { IsoDate } from './calendar.ts';
import { qepik } from './money.ts';
import { resolveStatementPeriod, runBalances } from './statement.ts';

const today = '2026-12-12' as IsoDate;

test('a statement period: defaults, inclusive bounds and limits', () => {
  assert.deepEqual(resolveStatementPeriod({}, today), { from: '2026-09-14', to: '2026-12-12' });
  assert.deepEqual(resolveStatementPeriod({ to: '2026-03-31' }, today), { from: '2026-01-01', to: '2026-03-31' });
  assert.deepEqual(resolveStatementPeriod({ from: '2026-12-01' }, today), { from: '2026-12-01', to: '2026-12-12' });
  assert.deepEqual(resolveStatementPeriod({ from: '2020-01-01' }, today), { from: '2020-01-01', to: '2020-12-31' }, 'only from: never longer than allowed');
  assert.deepEqual(resolveStatementPeriod({ from: '2026-12-12', to: '2026-12-12' }, today), { from: '2026-12-12', to: '2026-12-12' });
  assert.deepEqual(resolveStatementPeriod({ from: '2024-01-01', to: '2024-12-31' }, today), { from: '2024-01-01', to: '2024-12-31' }, '366 days of a leap year');
  for (const asked of [{ from: '2024-01-01', to: '2025-01-01' }, { from: '2026-12-02', to: '2026-12-01' }, { from: '2026-02-29' }, { to: '12.12.2026' }]) {
    assert.throws(() => resolveStatementPeriod(asked, today), { code: 'INVALID_PERIOD' }, JSON.stringify(asked));
  }
});

test('running balances: each row\'s balance after it, and closing = opening + the sum', () => {
  fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.array(fc.integer({ min: -1e6, max: 1e6 })), (opening, amounts) => {
    const { rows, closing } = runBalances(qepik(opening), amounts.map((a) => ({ amount: qepik(a) })));
    assert.equal(closing, opening + amounts.reduce((s, a) => s + a, 0));
    rows.forEach((r, i) => assert.equal(r.balanceAfter, (i === 0 ? opening : rows[i - 1]?.balanceAfter ?? 0) + r.amount));
  }));
});
