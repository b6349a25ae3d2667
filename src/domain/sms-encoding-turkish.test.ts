// Turkish SMS at 7 bits with the national language tables (3GPP TS 23.038), under both settings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chooseEncoding, decodeSegments, encodeSegments, gsmCharacters, smsPartsFor, type SmsEncodingOptions } from './sms-encoding.ts';
import { readUserDataHeader } from './gsm-user-data-header.ts';

const off: SmsEncodingOptions = { nationalLanguageTables: [] };
const tr: SmsEncodingOptions = { nationalLanguageTables: ['tr'] };
const settings = [['off', off], ['tr', tr]] as const;

const turkishLetters = ['ç', 'Ç', 'ğ', 'Ğ', 'ı', 'İ', 'ş', 'Ş', 'ö', 'Ö', 'ü', 'Ü'];
// Turkish prose: GSM characters with the Turkish letters often; now and then a character no GSM
// table has (ə, an emoji) or a default-only one the Turkish locking table lacks (è, ¿), so every
// alphabet, UCS-2 included, gets chosen.
const turkishText = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...gsmCharacters) },
    { weight: 4, arbitrary: fc.constantFrom(...turkishLetters) },
    { weight: 1, arbitrary: fc.constantFrom('è', '¿', 'Æ', '€', 'ə', '😀') },
  ),
  maxLength: 500,
  size: 'max',
});
const plainTurkish = fc.string({ unit: fc.constantFrom(...'abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ .,!?0123456789'), maxLength: 400 });

// A 108-character reminder: 7-bit with the Turkish tables, two UCS-2 parts without.
const reminder = 'Değerli müşterimiz, hattınız 28.02.2027 tarihine kadar geçerlidir. Yenilemek için *100# arayın. Teşekkürler!';

/** Octets a part takes on the air once the SMSC packs its septets after the header (padded to a septet). */
function airOctets(part: Uint8Array, dataCoding: number, esmClass: number): number {
  const { payload } = readUserDataHeader(esmClass, part);
  const header = part.length - payload.length;
  if (dataCoding === 8) return part.length;
  return Math.ceil(((Math.ceil((header * 8) / 7) + payload.length) * 7) / 8);
}

describe('Turkish text with the national language tables', () => {
  it('sends a short Turkish reminder as one 7-bit part with tables, two UCS-2 parts without', () => {
    assert.equal(reminder.length, 108);
    assert.deepEqual(smsPartsFor(reminder, off), { encoding: 'ucs2', parts: 2, charactersPerPart: 67 });
    assert.deepEqual(smsPartsFor(reminder, tr), {
      encoding: 'gsm7', parts: 1, charactersPerPart: 155, nationalTables: { locking: undefined, single: 'tr' },
    });
    const encoded = encodeSegments(reminder, 9, tr);
    assert.equal(encoded.dataCoding, 0);
    assert.equal(encoded.esmClass, 0x40);
    assert.deepEqual([...(encoded.parts[0] ?? new Uint8Array()).subarray(0, 4)], [0x03, 0x24, 0x01, 0x01]);
    assert.equal(decodeSegments({ ...encoded }), reminder);
  });

  it('keeps a 160-character GSM text one plain part under either setting', () => {
    const text = 'Your line is active. '.repeat(8);
    assert.equal(text.length, 168);
    for (const [name, options] of settings) {
      const sixty = text.slice(0, 160);
      assert.deepEqual(smsPartsFor(sixty, options), { encoding: 'gsm7', parts: 1, charactersPerPart: 160 }, name);
      const encoded = encodeSegments(sixty, 0, options);
      assert.equal(encoded.esmClass, 0, name);
      assert.equal(encoded.parts[0]?.length, 160, name);
    }
  });

  it('takes the locking table when Turkish letters are many, the single shift when the text has è', () => {
    // 100 Turkish letters: 200 septets with the single shift (2 parts), 100 with the locking table (1).
    const dense = 'ğışçĞİŞ'.repeat(15).slice(0, 100);
    assert.deepEqual(chooseEncoding(dense, tr), {
      encoding: 'gsm7', dataCoding: 0, units: 100, segments: 1, unitsPerSegment: 155, nationalTables: { locking: 'tr', single: undefined },
    });
    // The Turkish locking table has no è: the default alphabet with the Turkish single shift.
    assert.deepEqual(chooseEncoding(`è${dense}`, tr).nationalTables, { locking: undefined, single: 'tr' });
    // { stays reachable with the Turkish locking table: ESC + the default extension table.
    assert.deepEqual(chooseEncoding(`{${dense}`, tr), {
      encoding: 'gsm7', dataCoding: 0, units: 102, segments: 1, unitsPerSegment: 155, nationalTables: { locking: 'tr', single: undefined },
    });
    // € is one septet in the Turkish locking table, two in the default: a text full of € gets cheaper.
    assert.deepEqual([chooseEncoding('€'.repeat(100), off).segments, chooseEncoding('€'.repeat(100), tr).segments], [2, 1]);
  });

  it('counts the header room: 155 septets in one part with a table, 149 in concatenated parts', () => {
    assert.deepEqual(smsPartsFor('ş'.repeat(77), tr).charactersPerPart, 155); // 154 septets with the single shift
    const long = chooseEncoding('ş'.repeat(300), tr);
    assert.deepEqual([long.units, long.segments, long.unitsPerSegment], [300, 3, 149]);
    assert.deepEqual(chooseEncoding('ş'.repeat(298), tr).segments, 2);
    assert.deepEqual(chooseEncoding('ş'.repeat(299), tr).segments, 3);
  });

  it('repeats the shift element in every concatenated part, after the concatenation element', () => {
    const { parts, esmClass } = encodeSegments('ş'.repeat(300), 42, tr);
    assert.equal(esmClass, 0x40);
    assert.deepEqual(parts.map((part) => [...part.subarray(0, 9)]), [1, 2, 3].map((sequence) => [
      8, 0x00, 3, 42, 3, sequence, 0x25, 1, 0x01,
    ]));
    assert.deepEqual(parts.map((part) => part.length - 9), [149, 149, 2]);
  });

  it('reads parts that name both Turkish tables (as some handsets send them)', () => {
    const part = Uint8Array.from([0x06, 0x24, 0x01, 0x01, 0x25, 0x01, 0x01, 0x0c, 0x1b, 0x49, 0x1b, 0x65, 0x04]);
    assert.equal(decodeSegments({ dataCoding: 0, esmClass: 0x40, parts: [part] }), 'ğİ€€');
  });

  it('writes Turkish letters as the tables place them', () => {
    const single = encodeSegments('ağ', 0, tr).parts[0] ?? new Uint8Array();
    assert.deepEqual([...single], [0x03, 0x24, 0x01, 0x01, 0x61, 0x1b, 0x67]);
    const locking = encodeSegments('ğ'.repeat(90), 0, tr).parts[0] ?? new Uint8Array();
    assert.deepEqual([...locking.subarray(0, 6)], [0x03, 0x25, 0x01, 0x01, 0x0c, 0x0c]);
  });

  it('shows ğ as ø when the header names no Turkish table (what a handset without support shows)', () => {
    const { parts, esmClass } = encodeSegments('ğ'.repeat(90), 0, tr);
    const [part] = parts;
    assert.ok(part);
    const unlabelled = Uint8Array.from(part.subarray(4));
    assert.equal(decodeSegments({ dataCoding: 0, esmClass, parts: [part] }), 'ğ'.repeat(90));
    assert.equal(decodeSegments({ dataCoding: 0, esmClass: 0, parts: [unlabelled] }), 'ø'.repeat(90));
  });

  it('reads an unknown national language identifier with the default tables', () => {
    const part = Uint8Array.from([0x03, 0x25, 0x01, 0x0d, 0x0c, 0x41]);
    assert.equal(decodeSegments({ dataCoding: 0, esmClass: 0x40, parts: [part] }), 'øA');
  });
});

describe('encoding under each setting (properties)', () => {
  for (const [name, options] of settings) {
    it(`${name}: decodes to the same text, in as many parts as chooseEncoding says, none over 140 octets`, () => {
      fc.assert(fc.property(turkishText, fc.integer({ min: 0, max: 255 }), (text, reference) => {
        const choice = chooseEncoding(text, options);
        const encoded = encodeSegments(text, reference, options);
        assert.equal(encoded.parts.length, choice.segments);
        assert.equal(encoded.dataCoding, choice.dataCoding);
        for (const part of encoded.parts) {
          assert.ok(airOctets(part, encoded.dataCoding, encoded.esmClass) <= 140);
          const body = readUserDataHeader(encoded.esmClass, part);
          assert.deepEqual({ locking: body.locking, single: body.single }, choice.nationalTables ?? { locking: undefined, single: undefined });
        }
        const reversed = [...encoded.parts].reverse();
        assert.equal(decodeSegments({ dataCoding: encoded.dataCoding, esmClass: encoded.esmClass, parts: reversed }), text);
      }), { numRuns: 300 });
    });
  }

  it('off never uses a national table; tr never needs more parts than off', () => {
    fc.assert(fc.property(turkishText, (text) => {
      assert.equal(chooseEncoding(text, off).nationalTables, undefined);
      assert.ok(chooseEncoding(text, tr).segments <= chooseEncoding(text, off).segments);
    }), { numRuns: 300 });
  });

  it('tr keeps Turkish prose at 7 bits, and GSM text without € exactly as off writes it', () => {
    fc.assert(fc.property(plainTurkish, (text) => {
      assert.equal(chooseEncoding(text, tr).encoding, 'gsm7');
    }));
    const gsmWithoutEuro = fc.string({ unit: fc.constantFrom(...gsmCharacters.filter((char) => char !== '€')), maxLength: 400 });
    fc.assert(fc.property(gsmWithoutEuro, (text) => {
      assert.deepEqual(encodeSegments(text, 5, tr), encodeSegments(text, 5, off));
    }));
  });
});
