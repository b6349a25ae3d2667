import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_RETRY_POLICY, deliveryStateFromReceipts, failureAction, readPartReceipts, redactOneTimeCodes, retryDelayMs,
} from './sms-delivery.ts';

const parts = (entries: Record<string, string>) => readPartReceipts(entries);

test('a message is delivered when every part is, and fails with its first failed part', () => {
  const ids = ['A1', 'A2', 'A3'];
  assert.deepEqual(deliveryStateFromReceipts(ids, parts({ A1: 'DELIVRD 000', A2: 'DELIVRD 000' })), { status: 'submitted' });
  assert.deepEqual(deliveryStateFromReceipts(ids, parts({ A1: 'DELIVRD 000', A2: 'DELIVRD 000', A3: 'DELIVRD 000' })), { status: 'delivered' });
  assert.deepEqual(deliveryStateFromReceipts(ids, parts({ A1: 'DELIVRD 000', A2: 'UNDELIV 001' })), { status: 'undeliverable', error: 'UNDELIV err:001' });
  assert.deepEqual(deliveryStateFromReceipts(ids, parts({ A3: 'EXPIRED 002' })), { status: 'expired', error: 'EXPIRED err:002' });
  assert.deepEqual(deliveryStateFromReceipts(ids, parts({ A1: 'REJECTD 00b' })), { status: 'undeliverable', error: 'REJECTD err:00b' });
  // Accepted on the handset's behalf proves nothing yet.
  assert.deepEqual(deliveryStateFromReceipts(['A1'], parts({ A1: 'ACCEPTD 000' })), { status: 'submitted' });
  assert.deepEqual(deliveryStateFromReceipts([], parts({})), { status: 'submitted' });
  // Receipts for ids that are not this message's parts change nothing.
  assert.deepEqual(deliveryStateFromReceipts(['A1'], parts({ B9: 'UNDELIV 001' })), { status: 'submitted' });
  assert.equal(parts({ X: 'NONSENSE 1', Y: 5 as unknown as string }).size, 0);
});

test('refusals are retried, hopeless texts given up, messages that never left released', () => {
  assert.equal(failureAction('SMPP_SUBMIT_FAILED'), 'retry');
  assert.equal(failureAction(undefined), 'retry');
  assert.equal(failureAction('SMS_TOO_LONG'), 'give_up');
  assert.equal(failureAction('VALIDATION_FAILED'), 'give_up');
  assert.equal(failureAction('SMPP_CLOSED'), 'release');
  assert.equal(failureAction('SMPP_BIND_FAILED'), 'release');
});

test('retry waits double up to a cap', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 30_000, maxDelayMs: 300_000 };
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, policy)), [30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
  assert.ok(DEFAULT_RETRY_POLICY.maxAttempts > 1);
});

test('a stored one-time code loses its digits, and nothing else does', () => {
  const body = 'Saxla code: 481516. Valid 10 minutes. Never share it.\nCheck code: K7M2QX';
  assert.equal(redactOneTimeCodes(body), 'Saxla code: ••••••. Valid 10 minutes. Never share it.\nCheck code: K7M2QX');
  assert.equal(redactOneTimeCodes('Saxla 验证码：123456，10分钟内有效。\n校验码: 2345AB'), 'Saxla 验证码：••••••，10分钟内有效。\n校验码: 2345AB');
  assert.equal(redactOneTimeCodes('Код Saxla: 0042.'), 'Код Saxla: ••••.');
});
