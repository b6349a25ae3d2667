import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  chooseEncoding, decodeSegments, encodeSegments, gsmCharacters, gsmExtensionCharacters, isGsmText, transliterateAzToGsm,
} from './sms-encoding.ts';
import { readUserDataHeader } from './gsm-user-data-header.ts';
import { isDomainError } from './errors.ts';

const gsmChar = fc.constantFrom(...gsmCharacters);
const gsmText = fc.string({ unit: gsmChar, maxLength: 700, size: 'max' });
// Texts that stress the splitter: GSM text dense with two-septet extension characters, and UCS-2
// text dense with surrogate pairs (astral emoji), so part boundaries often fall on them.
const gsmWithExtensions = fc.string({
  unit: fc.oneof({ weight: 2, arbitrary: gsmChar }, { weight: 1, arbitrary: fc.constantFrom(...gsmExtensionCharacters) }),
  maxLength: 500,
  size: 'max',
});
const ucs2WithPairs = fc.string({
  unit: fc.oneof(gsmChar, fc.constantFrom('ə', 'Ə', 'ş', 'İ', 'Ж', '校'), fc.constantFrom('😀', '𝄞', '👍🏽')),
  maxLength: 300,
  size: 'max',
});
const mixedText = fc.oneof(gsmWithExtensions, ucs2WithPairs);
const anyText = fc.oneof(mixedText, fc.string({ unit: 'binary', maxLength: 400, size: 'max' }), gsmText);
const reference = fc.integer({ min: 0, max: 255 });

function payloadUnits(part: Uint8Array, dataCoding: number, concatenated: boolean): number {
  const bytes = part.length - (concatenated ? 6 : 0);
  return dataCoding === 8 ? bytes / 2 : bytes;
}

describe('GSM 03.38 table', () => {
  it('has the 127 basic characters (without escape) and the 10 extension characters', () => {
    assert.equal(gsmCharacters.length, 127 + 10);
    assert.equal(new Set(gsmCharacters).size, gsmCharacters.length);
    assert.deepEqual([...gsmExtensionCharacters].sort(), ['\f', '[', '\\', ']', '^', '{', '|', '}', '~', '€'].sort());
  });

  it('writes well-known septets unpacked, one octet each', () => {
    const { parts, dataCoding } = encodeSegments('@£$A_Ç\nà', 0);
    assert.equal(dataCoding, 0);
    assert.deepEqual([...(parts[0] ?? [])], [0x00, 0x01, 0x02, 0x41, 0x11, 0x09, 0x0a, 0x7f]);
  });

  it('writes extension characters as escape + code', () => {
    const { parts } = encodeSegments('€[]{}\\^~|\f', 0);
    assert.deepEqual([...(parts[0] ?? [])], [
      0x1b, 0x65, 0x1b, 0x3c, 0x1b, 0x3e, 0x1b, 0x28, 0x1b, 0x29, 0x1b, 0x2f, 0x1b, 0x14, 0x1b, 0x3d, 0x1b, 0x40, 0x1b, 0x0a,
    ]);
  });

  it('does not count the escape character itself, nor ç ğ ı İ ş ə, as GSM', () => {
    for (const char of ['\u001b', 'ç', 'ğ', 'ı', 'İ', 'ş', 'ə', 'Ə', '₼', '`']) assert.equal(isGsmText(char), false, char);
    for (const char of ['Ç', 'Ö', 'Ü', 'ö', 'ü']) assert.equal(isGsmText(char), true, char);
  });
});

describe('chooseEncoding', () => {
  it('keeps English at data_coding 0 and Azerbaijani with ə at 8', () => {
    assert.deepEqual(chooseEncoding('Your line is active until 2027-02-28. Check code: K7M2QX'), {
      encoding: 'gsm7', dataCoding: 0, units: 56, segments: 1, unitsPerSegment: 160,
    });
    const az = chooseEncoding('Nömrəniz 28.02.2027 tarixinədək aktivdir.');
    assert.equal(az.encoding, 'ucs2');
    assert.equal(az.dataCoding, 8);
    assert.equal(az.units, 41);
  });

  it('counts an empty text as one part', () => {
    assert.equal(chooseEncoding('').segments, 1);
    assert.equal(encodeSegments('', 0).parts.length, 1);
  });

  it('stops at exactly 160 / 153 GSM septets', () => {
    assert.equal(chooseEncoding('a'.repeat(160)).segments, 1);
    assert.deepEqual(chooseEncoding('a'.repeat(161)), { encoding: 'gsm7', dataCoding: 0, units: 161, segments: 2, unitsPerSegment: 153 });
    assert.equal(chooseEncoding('a'.repeat(306)).segments, 2);
    assert.equal(chooseEncoding('a'.repeat(307)).segments, 3);
  });

  it('stops at exactly 70 / 67 UCS-2 units', () => {
    assert.equal(chooseEncoding('ə'.repeat(70)).segments, 1);
    assert.deepEqual(chooseEncoding('ə'.repeat(71)), { encoding: 'ucs2', dataCoding: 8, units: 71, segments: 2, unitsPerSegment: 67 });
    assert.equal(chooseEncoding('ə'.repeat(134)).segments, 2);
    assert.equal(chooseEncoding('ə'.repeat(135)).segments, 3);
  });

  it('charges two septets for an extension character', () => {
    assert.equal(chooseEncoding('€'.repeat(80)).segments, 1);
    assert.equal(chooseEncoding(`${'a'.repeat(159)}€`).units, 161);
    assert.equal(chooseEncoding(`${'a'.repeat(159)}€`).segments, 2);
  });

  it('calls any text of GSM characters gsm7', () => {
    fc.assert(fc.property(gsmText, (text) => {
      assert.equal(chooseEncoding(text).encoding, 'gsm7');
    }));
  });

  it('calls any text with ə ucs2', () => {
    fc.assert(fc.property(anyText, anyText, fc.constantFrom('ə', 'Ə'), (before, after, schwa) => {
      assert.equal(chooseEncoding(before + schwa + after).encoding, 'ucs2');
    }));
  });
});

describe('encodeSegments', () => {
  it('never splits an extension character between parts', () => {
    const text = `${'a'.repeat(152)}€${'b'.repeat(10)}`;
    const { parts } = encodeSegments(text, 7);
    assert.equal(parts.length, 2);
    assert.equal(parts[0]?.length, 6 + 152);
    assert.deepEqual([...(parts[1] ?? new Uint8Array()).subarray(6, 8)], [0x1b, 0x65]);
  });

  it('never splits a surrogate pair between parts', () => {
    const text = `${'ə'.repeat(66)}😀${'ə'.repeat(10)}`;
    const { parts } = encodeSegments(text, 7);
    assert.equal(parts.length, 2);
    assert.equal(parts[0]?.length, 6 + 66 * 2);
    assert.deepEqual([...(parts[1] ?? new Uint8Array()).subarray(6, 10)], [0xd8, 0x3d, 0xde, 0x00]);
  });

  it('writes the 6-octet UDH and sets UDHI on concatenated parts', () => {
    const { parts, esmClass } = encodeSegments('x'.repeat(400), 42);
    assert.equal(esmClass, 0x40);
    assert.deepEqual(parts.map((p) => [...p.subarray(0, 6)]), [
      [5, 0, 3, 42, 3, 1], [5, 0, 3, 42, 3, 2], [5, 0, 3, 42, 3, 3],
    ]);
    assert.equal(encodeSegments('short', 42).esmClass, 0);
  });

  it('writes UCS-2 as UTF-16 big-endian', () => {
    assert.deepEqual([...(encodeSegments('ə€', 0).parts[0] ?? [])], [0x02, 0x59, 0x20, 0xac]);
  });

  it('refuses a reference outside one octet and more than 255 parts', () => {
    assert.throws(() => encodeSegments('x', 256), (e) => isDomainError(e) && e.code === 'VALIDATION_FAILED');
    assert.throws(() => encodeSegments('x'.repeat(153 * 255 + 1), 0), (e) => isDomainError(e) && e.code === 'SMS_TOO_LONG');
    assert.equal(encodeSegments('x'.repeat(153 * 255), 0).parts.length, 255);
  });

  it('produces as many parts as chooseEncoding counts, each within its limit', () => {
    fc.assert(fc.property(anyText, reference, (text, ref) => {
      const choice = chooseEncoding(text);
      const encoded = encodeSegments(text, ref);
      assert.equal(encoded.parts.length, choice.segments);
      assert.equal(encoded.dataCoding, choice.dataCoding);
      const concatenated = encoded.parts.length > 1;
      const units = encoded.parts.map((p) => payloadUnits(p, encoded.dataCoding, concatenated));
      assert.equal(units.reduce((a, b) => a + b, 0), choice.units);
      for (const u of units) assert.ok(u <= choice.unitsPerSegment, `${u} > ${choice.unitsPerSegment}`);
    }));
  });

  it('reassembles to the same text from parts in any order', () => {
    fc.assert(fc.property(anyText, reference, fc.integer({ min: 0, max: 1000 }), (text, ref, seed) => {
      const { parts, dataCoding, esmClass } = encodeSegments(text, ref);
      const shuffled = parts.map((p, i) => ({ p, k: (i * 7919 + seed) % 1009 })).sort((a, b) => a.k - b.k).map((x) => x.p);
      assert.equal(decodeSegments({ dataCoding, esmClass, parts: shuffled }), text);
    }));
  });

  it('never ends a part with a lone escape or a high surrogate', () => {
    fc.assert(fc.property(mixedText, (text) => {
      const { parts, dataCoding } = encodeSegments(text, 1);
      if (parts.length < 2) return;
      for (const part of parts.slice(0, -1)) {
        if (dataCoding === 0) {
          // Count trailing escapes: an odd run means the last one escapes nothing in this part.
          let run = 0;
          for (let i = part.length - 1; i >= 6 && part[i] === 0x1b; i -= 1) run += 1;
          assert.equal(run % 2, 0);
        } else {
          const last = ((part[part.length - 2] ?? 0) << 8) | (part[part.length - 1] ?? 0);
          assert.ok(!(last >= 0xd800 && last <= 0xdbff));
        }
      }
    }));
  });
});

describe('decodeSegments and readUserDataHeader', () => {
  it('reads a 16-bit concatenation reference (IE 0x08)', () => {
    const part = Uint8Array.from([0x06, 0x08, 0x04, 0x12, 0x34, 0x02, 0x01, 0x41]);
    assert.deepEqual(readUserDataHeader(0x40, part).concat, { reference: 0x1234, total: 2, sequence: 1 });
  });

  it('refuses garbage: missing part, mixed references, odd UCS-2, bad header, unknown data_coding', () => {
    const { parts, esmClass } = encodeSegments('y'.repeat(320), 3);
    const other = encodeSegments('z'.repeat(320), 4).parts;
    const invalid = (e: unknown): boolean => isDomainError(e) && e.code === 'SMS_PDU_INVALID';
    assert.throws(() => decodeSegments({ dataCoding: 0, esmClass, parts: parts.slice(0, 2) }), invalid);
    assert.throws(() => decodeSegments({ dataCoding: 0, esmClass, parts: [parts[0] ?? new Uint8Array(), ...other.slice(1)] }), invalid);
    assert.throws(() => decodeSegments({ dataCoding: 8, esmClass: 0, parts: [Uint8Array.from([0, 0x41, 0])] }), invalid);
    assert.throws(() => decodeSegments({ dataCoding: 0, esmClass: 0x40, parts: [Uint8Array.from([9, 0, 3])] }), invalid);
    assert.throws(() => decodeSegments({ dataCoding: 3, esmClass: 0, parts: [Uint8Array.from([0x41])] }), invalid);
    assert.throws(() => decodeSegments({ dataCoding: 0, esmClass: 0, parts: [Uint8Array.from([0x41, 0x1b])] }), invalid);
    assert.throws(() => decodeSegments({ dataCoding: 0, esmClass: 0, parts: [Uint8Array.from([0x80])] }), invalid);
  });
});

describe('transliterateAzToGsm', () => {
  it('replaces the letters GSM lacks and keeps Ö Ü ö ü', () => {
    assert.equal(transliterateAzToGsm('Əziz müştəri, şəhər Gəncə, ağ, İlqar, qızıl, Çay, Özü, Üç'),
      'Eziz müsteri, seher Gence, ag, Ilqar, qizil, Cay, Özü, Üc');
  });

  it('handles decomposed input and the ₼ sign', () => {
    assert.equal(transliterateAzToGsm('s\u0327ə 5 ₼'), 'se 5 AZN');
  });

  it('makes any Azerbaijani text GSM 7-bit', () => {
    const azLetter = fc.constantFrom(...'abcçdeəfgğhxıijkqlmnoöprsştuüvyzABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ .,0123456789'.split(''));
    fc.assert(fc.property(fc.string({ unit: azLetter, maxLength: 200 }), (text) => {
      assert.equal(chooseEncoding(transliterateAzToGsm(text)).encoding, 'gsm7');
    }));
  });
});
