import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from './errors.ts';
import { parseMsisdn } from './msisdn.ts';
import { checkNewPassword } from './password-rules.ts';

const msisdn = parseMsisdn('+994501234567');
const common = new Set(['password123', 'qwertyuiop']);

function refusal(password: string): DomainError | undefined {
  try {
    checkNewPassword(password, msisdn, common);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof DomainError);
    return error;
  }
}

test('long enough, not common, not the phone number: accepted, whatever the characters', () => {
  for (const ok of ['Sahil-Boulevard-2026', 'ten chars!', 'Bakı küləyi əsir', '我的电话号码很长很长的', 'x'.repeat(128)]) {
    assert.equal(refusal(ok), undefined, ok);
  }
});

test('length counts characters, not UTF-16 units', () => {
  assert.equal(refusal('😀'.repeat(9))?.code, 'PASSWORD_TOO_WEAK', '9 characters although 18 units');
  assert.equal(refusal('😀'.repeat(10)), undefined);
  assert.equal(refusal('😀'.repeat(128)), undefined, '128 characters although 256 units');
  assert.equal(refusal('😀'.repeat(129))?.code, 'PASSWORD_TOO_WEAK');
});

test('too short, too long, common in any case, or the number in any form: refused with a reason', () => {
  for (const weak of ['123456789', 'x'.repeat(129), 'Password123', 'QWERTYUIOP', '+994501234567', '994501234567', '00994501234567', '0501234567', '050 123 45 67', '(050) 123-45-67', '501234567']) {
    const error = refusal(weak);
    assert.equal(error?.code, 'PASSWORD_TOO_WEAK', weak);
    assert.ok((error?.details.length ?? 0) > 0);
  }
  assert.equal(refusal('0501234568'), undefined, 'another number is just ten digits');
});
