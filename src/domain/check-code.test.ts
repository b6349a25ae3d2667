import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { appendCheckCode, CHECK_CODE_ALPHABET, CHECK_CODE_RANDOM_BYTES, checkCodeFromRandom, isCheckCode } from './check-code.ts';
import { chooseEncoding } from './sms-encoding.ts';
import { isDomainError } from './errors.ts';

describe('isCheckCode', () => {
  it('accepts six characters of the alphabet with a letter', () => {
    for (const code of ['K7M2QX', 'AAAAAA', '22222Z', 'Z99999']) assert.equal(isCheckCode(code), true, code);
  });

  it('refuses digits only, look-alikes, lower case, wrong length', () => {
    for (const code of ['234567', '123456', 'K7M2QI', 'K7M2QO', 'K7M2Q0', 'K7M2Q1', 'k7m2qx', 'K7M2Q', 'K7M2QXA', '', ' K7M2QX']) {
      assert.equal(isCheckCode(code), false, code);
    }
  });
});

describe('checkCodeFromRandom', () => {
  it('maps bytes onto the alphabet in order', () => {
    assert.equal(checkCodeFromRandom(Uint8Array.from([0, 1, 2, 3, 4, 5])), 'ABCDEF');
    assert.equal(checkCodeFromRandom(Uint8Array.from([31, 32, 33, 63, 64, 255])), '9AB9A9');
  });

  it('discards a draw of digits only and uses the next six bytes', () => {
    assert.equal(checkCodeFromRandom(Uint8Array.from([24, 25, 26, 27, 28, 29, 7, 8, 9, 10, 11, 12])), 'HJKLMN');
  });

  it('asks for more bytes rather than return a short or all-digit code', () => {
    assert.equal(checkCodeFromRandom(Uint8Array.from([0, 1, 2, 3, 4])), undefined);
    assert.equal(checkCodeFromRandom(Uint8Array.from([24, 25, 26, 27, 28, 29])), undefined);
    assert.equal(checkCodeFromRandom(new Uint8Array()), undefined);
  });

  it('reaches every character from the same number of byte values (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let byte = 0; byte < 256; byte += 1) {
      const code = checkCodeFromRandom(Uint8Array.from([byte, 0, 0, 0, 0, 0]));
      const first = code?.charAt(0) ?? '?';
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    assert.equal(counts.size, CHECK_CODE_ALPHABET.length);
    for (const [char, count] of counts) assert.equal(count, 256 / CHECK_CODE_ALPHABET.length, char);
  });

  it('returns only valid codes for any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: CHECK_CODE_RANDOM_BYTES }), (bytes) => {
      const code = checkCodeFromRandom(bytes);
      if (code !== undefined) assert.ok(isCheckCode(code), code);
    }));
  });

  it('always succeeds with the recommended number of bytes unless every draw is digits', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: CHECK_CODE_RANDOM_BYTES, maxLength: CHECK_CODE_RANDOM_BYTES }), (bytes) => {
      const allDigits = [...bytes].every((b) => CHECK_CODE_ALPHABET.charAt(b % 32) >= '2' && CHECK_CODE_ALPHABET.charAt(b % 32) <= '9');
      assert.equal(checkCodeFromRandom(bytes) === undefined, allDigits);
    }));
  });
});

describe('appendCheckCode', () => {
  it('adds a labelled last line in each language', () => {
    assert.equal(appendCheckCode('Your line is active until 28.02.2027.', 'K7M2QX', 'en'), 'Your line is active until 28.02.2027.\nCheck code: K7M2QX');
    assert.equal(appendCheckCode('Nömrəniz aktivdir.', 'K7M2QX', 'az'), 'Nömrəniz aktivdir.\nYoxlama kodu: K7M2QX');
    assert.equal(appendCheckCode('Номер активен.', 'K7M2QX', 'ru'), 'Номер активен.\nКод проверки: K7M2QX');
    assert.equal(appendCheckCode('号码有效。', 'K7M2QX', 'zh'), '号码有效。\n校验码: K7M2QX');
  });

  it('drops trailing blank space so the code stays the very last line', () => {
    assert.equal(appendCheckCode('Hello \n\n', 'K7M2QX', 'en'), 'Hello\nCheck code: K7M2QX');
    assert.equal(appendCheckCode('', 'K7M2QX', 'en'), 'Check code: K7M2QX');
  });

  it('keeps an English SMS GSM 7-bit', () => {
    assert.equal(chooseEncoding(appendCheckCode('Paid 12.50 AZN.', 'K7M2QX', 'en')).encoding, 'gsm7');
  });

  it('refuses something that is not a check code, such as a one-time code', () => {
    assert.throws(() => appendCheckCode('Hi', '123456', 'en'), (e) => isDomainError(e) && e.code === 'CHECK_CODE_INVALID');
  });
});
