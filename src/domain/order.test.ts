import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isDomainError } from './errors.ts';
import { canTransition, decidePayment, decidePaymentFailure, orderStatuses, transitionOrder, type OrderEvent } from './order.ts';

const events: readonly OrderEvent[] = ['payment_succeeded', 'payment_failed', 'activated', 'deadline_passed', 'refunded'];

describe('order transitions', () => {
  test('the happy path and its exits', () => {
    assert.equal(transitionOrder('pending_payment', 'payment_succeeded'), 'paid');
    assert.equal(transitionOrder('paid', 'activated'), 'activated');
    assert.equal(transitionOrder('activated', 'refunded'), 'refunded');
    assert.equal(transitionOrder('pending_payment', 'payment_failed'), 'failed');
    assert.equal(transitionOrder('pending_payment', 'deadline_passed'), 'expired');
    assert.equal(transitionOrder('paid', 'refunded'), 'refunded');
  });

  test('nothing skips a step or goes back', () => {
    assert.throws(() => transitionOrder('pending_payment', 'activated'), (e) => isDomainError(e) && e.code === 'ORDER_STATE_CONFLICT');
    assert.throws(() => transitionOrder('activated', 'payment_succeeded'), /activated cannot take "payment succeeded"/);
    assert.throws(() => transitionOrder('pending_payment', 'refunded'));
    for (const terminal of ['failed', 'expired', 'refunded'] as const) {
      for (const event of events) assert.equal(canTransition(terminal, event), false, `${terminal} + ${event}`);
    }
  });

  test('property: from any status, any sequence of events never returns to pending_payment', () => {
    fc.assert(fc.property(fc.constantFrom(...orderStatuses), fc.array(fc.constantFrom(...events), { maxLength: 10 }), (start, seq) => {
      let status = start;
      for (const event of seq) {
        if (!canTransition(status, event)) continue;
        status = transitionOrder(status, event);
        assert.notEqual(status, 'pending_payment');
      }
    }));
  });
});

describe('what a payment does', () => {
  const facts = { paidWith: null, paymentId: 'p1', amountMatches: true } as const;
  test('a waiting order is activated; a repeat of its own payment is a no-op', () => {
    assert.deepEqual(decidePayment({ ...facts, status: 'pending_payment' }), { action: 'activate' });
    assert.deepEqual(decidePayment({ ...facts, status: 'activated', paidWith: 'p1' }), { action: 'already_applied' });
  });
  test('money the order cannot take goes back, with the reason', () => {
    assert.deepEqual(decidePayment({ ...facts, status: 'expired' }), { action: 'refund', reason: 'order_expired' });
    assert.deepEqual(decidePayment({ ...facts, status: 'failed' }), { action: 'refund', reason: 'order_failed' });
    assert.deepEqual(decidePayment({ ...facts, status: 'activated', paidWith: 'p0' }), { action: 'refund', reason: 'quote_already_paid' });
    assert.deepEqual(decidePayment({ ...facts, status: 'pending_payment', amountMatches: false }), { action: 'refund', reason: 'amount_mismatch' });
  });
  test('a failure notice after success is ignored', () => {
    assert.equal(decidePaymentFailure('pending_payment'), 'fail');
    assert.equal(decidePaymentFailure('activated'), 'ignore');
    assert.equal(decidePaymentFailure('paid'), 'ignore');
  });
});
