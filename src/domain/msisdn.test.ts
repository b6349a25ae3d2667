import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatNational, operatorHint, parseMsisdn } from './msisdn.ts';

test('parses what people type into E.164', () => {
  for (const typed of ['050 123 45 67', '0501234567', '+994501234567', '+994 50 123 45 67', '994501234567', '00994501234567', '(050) 123-45-67']) {
    assert.equal(parseMsisdn(typed), '+994501234567', typed);
  }
});

test('operator prefixes are only a hint', () => {
  assert.equal(operatorHint(parseMsisdn('0101234567')), 'Azercell');
  assert.equal(operatorHint(parseMsisdn('0511234567')), 'Azercell');
  assert.equal(operatorHint(parseMsisdn('0551234567')), 'Bakcell');
  assert.equal(operatorHint(parseMsisdn('0991234567')), 'Bakcell');
  assert.equal(operatorHint(parseMsisdn('0701234567')), 'Nar');
  assert.equal(operatorHint(parseMsisdn('0771234567')), 'Nar');
  assert.equal(operatorHint(parseMsisdn('0601234567')), 'Naxtel');
});

test('refuses fixed lines, foreign numbers and garbage with clear codes', () => {
  assert.throws(() => parseMsisdn('0124001234'), { code: 'NOT_AZ_MOBILE' }); // Baku landline
  assert.throws(() => parseMsisdn('+4915112345678'), { code: 'NOT_AZ_MOBILE' });
  assert.throws(() => parseMsisdn('050123456'), { code: 'INVALID_MSISDN' });
  assert.throws(() => parseMsisdn('05012345678'), { code: 'INVALID_MSISDN' });
  assert.throws(() => parseMsisdn('0301234567'), { code: 'INVALID_MSISDN' });
  assert.throws(() => parseMsisdn('hello'), { code: 'INVALID_MSISDN' });
  assert.throws(() => parseMsisdn(''), { code: 'INVALID_MSISDN' });
  assert.throws(() => parseMsisdn('+994 50 123 45 67; drop table'), { code: 'INVALID_MSISDN' });
});

test('national form round-trips (property)', () => {
  const prefixes = ['10', '50', '51', '55', '99', '70', '77', '60'];
  fc.assert(fc.property(fc.constantFrom(...prefixes), fc.integer({ min: 2000000, max: 9999999 }), (prefix, rest) => {
    const e164 = parseMsisdn(`+994${prefix}${rest}`);
    assert.equal(parseMsisdn(formatNational(e164)), e164);
  }));
});
