import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { caseStatuses, durationParts, median, nextCaseStatus, summariseCaseTimes, type CaseMessageKind } from './support-cases.ts';

describe('a case moves between states', () => {
  test('staff answers and asks for more leave it answered; the customer reopens it; resolution closes it', () => {
    assert.deepEqual(nextCaseStatus('open', 'answer'), { ok: true, status: 'answered' });
    assert.deepEqual(nextCaseStatus('open', 'more_info'), { ok: true, status: 'answered' });
    assert.deepEqual(nextCaseStatus('answered', 'text'), { ok: true, status: 'open' });
    assert.deepEqual(nextCaseStatus('answered', 'resolution'), { ok: true, status: 'resolved' });
  });

  test('nothing is written into a resolved case', () => {
    for (const kind of ['text', 'answer', 'more_info', 'resolution'] as CaseMessageKind[]) {
      const step = nextCaseStatus('resolved', kind);
      assert.equal(step.ok ? 'ok' : step.code, 'CASE_CLOSED');
    }
    for (const status of caseStatuses) assert.ok(status === 'resolved' || nextCaseStatus(status, 'text').ok);
  });
});

describe('the dashboard figures', () => {
  test('medians of first answer and resolution; unanswered cases count as unresolved', () => {
    const h = 3_600_000;
    const figures = summariseCaseTimes([
      { createdAt: 0, firstAnsweredAt: h, resolvedAt: 5 * h },
      { createdAt: 0, firstAnsweredAt: 3 * h, resolvedAt: null },
      { createdAt: 10, firstAnsweredAt: null, resolvedAt: null },
    ]);
    assert.deepEqual(figures, { opened: 3, unresolved: 2, answered: 2, resolved: 1, medianFirstAnswerMs: 2 * h, medianResolutionMs: 5 * h });
    assert.deepEqual(summariseCaseTimes([]), { opened: 0, unresolved: 0, answered: 0, resolved: 0, medianFirstAnswerMs: null, medianResolutionMs: null });
  });

  test('the median lies between the smallest and largest and splits the values in half', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 50 }), (values) => {
      const m = median(values);
      assert.ok(m !== null && m >= Math.min(...values) && m <= Math.max(...values));
      assert.ok(values.filter((v) => v < m).length <= values.length / 2);
      assert.ok(values.filter((v) => v > m).length <= values.length / 2);
    }));
  });

  test('durations in days, hours and minutes', () => {
    assert.deepEqual(durationParts(((26 * 60) + 5) * 60_000 + 59_000), { days: 1, hours: 2, minutes: 5 });
    assert.deepEqual(durationParts(-5), { days: 0, hours: 0, minutes: 0 });
  });
});
