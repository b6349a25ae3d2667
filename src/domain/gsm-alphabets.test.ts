import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ESCAPE, defaultLockingTable, defaultSingleShiftTable, lockingShiftTableOf, nationalLanguageById, nationalLanguageIds,
  singleShiftTableOf,
} from './gsm-alphabets.ts';
import { parseNationalLanguageTables } from './gsm-language-tables-setting.ts';

const septets = Array.from({ length: 128 }, (_, septet) => septet);

describe('3GPP TS 23.038 Turkish tables', () => {
  it('locking shift (A.3.1) is the default alphabet with € ı Ğ ğ Ş ş İ ç in eight cells', () => {
    const turkish = lockingShiftTableOf('tr');
    const changed = septets
      .filter((septet) => turkish.charOf.get(septet) !== defaultLockingTable.charOf.get(septet))
      .map((septet) => [septet, defaultLockingTable.charOf.get(septet), turkish.charOf.get(septet)]);
    assert.deepEqual(changed, [
      [0x04, 'è', '€'], [0x07, 'ì', 'ı'], [0x0b, 'Ø', 'Ğ'], [0x0c, 'ø', 'ğ'],
      [0x1c, 'Æ', 'Ş'], [0x1d, 'æ', 'ş'], [0x40, '¡', 'İ'], [0x60, '¿', 'ç'],
    ]);
    assert.equal(turkish.charOf.size, 127, 'every septet but ESC is a character');
    assert.equal(turkish.charOf.has(ESCAPE), false);
    assert.equal(turkish.septetOf.size, 127, 'no character twice');
  });

  it('single shift (A.2.1) is the default extension table plus Ğ İ Ş ç ğ ı ş', () => {
    const turkish = singleShiftTableOf('tr');
    const added = [...turkish.charOf].filter(([septet]) => !defaultSingleShiftTable.charOf.has(septet));
    assert.deepEqual(added, [[0x47, 'Ğ'], [0x49, 'İ'], [0x53, 'Ş'], [0x63, 'ç'], [0x67, 'ğ'], [0x69, 'ı'], [0x73, 'ş']]);
    for (const [septet, char] of defaultSingleShiftTable.charOf) assert.equal(turkish.charOf.get(septet), char);
  });

  it('keeps the default tables for an undefined language', () => {
    assert.equal(lockingShiftTableOf(undefined), defaultLockingTable);
    assert.equal(singleShiftTableOf(undefined), defaultSingleShiftTable);
    assert.equal(defaultLockingTable.charOf.get(0x00), '@');
    assert.equal(defaultLockingTable.charOf.get(0x7f), 'à');
  });

  it('names Turkish 0x01 in the UDH and falls back to the default for other identifiers', () => {
    assert.equal(nationalLanguageIds.tr, 0x01);
    assert.equal(nationalLanguageById(0x01), 'tr');
    for (const id of [0x00, 0x02, 0x0d, undefined]) assert.equal(nationalLanguageById(id), undefined);
  });
});

describe('SMS_NATIONAL_LANGUAGE_TABLES', () => {
  it('is off when unset, empty or "off", and Turkish for "tr" in any case', () => {
    for (const raw of [undefined, '', '  ', 'off', 'OFF']) assert.deepEqual(parseNationalLanguageTables(raw), { tables: [], problem: undefined });
    for (const raw of ['tr', ' TR ']) assert.deepEqual(parseNationalLanguageTables(raw), { tables: ['tr'], problem: undefined });
  });

  it('names the variable and the choices for anything else', () => {
    const { tables, problem } = parseNationalLanguageTables('turkish');
    assert.deepEqual(tables, []);
    assert.equal(problem?.path, 'SMS_NATIONAL_LANGUAGE_TABLES');
    assert.match(problem?.message ?? '', /"turkish".*off or tr/);
  });
});
