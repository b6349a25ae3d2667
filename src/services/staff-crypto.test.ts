import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReceiptNumber, formatReceiptNumber } from '../domain/receipt-number.ts';
import { receiptCheck } from './staff-crypto.ts';

test('a receipt check is 10 unambiguous characters, stable per number and different between neighbours', () => {
  const secret = 'test-secret-for-hmacs-0123456789abcdef';
  const check = receiptCheck(secret, 'BAK1', 42);
  assert.match(check, /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{10}$/);
  assert.equal(receiptCheck(secret, 'BAK1', 42), check);
  assert.notEqual(receiptCheck(secret, 'BAK1', 43), check);
  assert.notEqual(receiptCheck('another-secret-0123456789abcdefghij', 'BAK1', 42), check);
  const number = formatReceiptNumber('BAK1', 42, check);
  assert.equal(readReceiptNumber(number), number, 'what is printed is what the verifier accepts');
});
