import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatReceiptNumber, readReceiptNumber, RECEIPT_CHECK_LENGTH } from './receipt-number.ts';

test('a receipt number is STORE-SEQUENCE-CHECK with a check of at least 8 unambiguous characters', () => {
  assert.ok(RECEIPT_CHECK_LENGTH >= 8);
  const number = formatReceiptNumber('BAK1', 42, 'K7QXM2PA9T');
  assert.equal(number, 'BAK1-000042-K7QXM2PA9T');
  assert.equal(readReceiptNumber(number), number);
  assert.equal(readReceiptNumber(' bak1-000042-k7qxm2pa9t '), number, 'typed in lower case with spaces');
});

test('anything else is not a receipt number', () => {
  for (const text of ['BAK1-000042-K7QX', 'BAK1-000042-K7QXM2PA9O', 'BAK1-000042-K7QXM2PA91', 'BAK1-42-K7QXM2PA9T', 'B-000042-K7QXM2PA9T', '', 'x']) {
    assert.equal(readReceiptNumber(text), undefined, text);
  }
});
