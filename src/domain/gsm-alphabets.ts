// The 7-bit character tables of 3GPP TS 23.038: the default alphabet (6.2.1) with its extension
// table (6.2.1.1), and the Turkish national language tables (A.3.1 locking shift, A.2.1 single
// shift). A message picks one locking-shift table (the alphabet its septets are read in) and one
// single-shift table (what ESC + septet means); a UDH element names each national table used.
// Written from the specification; gsm-alphabets.test.ts checks the Turkish tables cell by cell
// against the default ones.

/** National languages whose tables Saxla can use; the value is not a customer language. */
export const nationalLanguages = ['tr'] as const;
export type NationalLanguage = (typeof nationalLanguages)[number];

/** The language identifier a UDH national language element carries (TS 23.038, 6.2.1.2.4). */
export const nationalLanguageIds: Readonly<Record<NationalLanguage, number>> = { tr: 0x01 };

/** ESC: in every locking-shift table, septet 0x1B announces a single-shift character. */
export const ESCAPE = 0x1b;

/** Septet → character for all 128 septets; the cell at 0x1B is ESC itself, not a character. */
const defaultLockingCells =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

// A.3.1: the default alphabet with eight cells changed: € ı Ğ ğ Ş ş İ ç replace è ì Ø ø Æ æ ¡ ¿.
const turkishLockingCells =
  '@£$¥€éùıòÇ\nĞğ\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bŞşßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  'İABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§çabcdefghijklmnopqrstuvwxyzäöñüà';

// 6.2.1.1: each costs two septets (ESC + code).
const defaultSingleShiftCells: readonly (readonly [number, string])[] = [
  [0x0a, '\f'], [0x14, '^'], [0x28, '{'], [0x29, '}'], [0x2f, '\\'],
  [0x3c, '['], [0x3d, '~'], [0x3e, ']'], [0x40, '|'], [0x65, '€'],
];

// A.2.1: the default extension characters plus the Turkish letters the default alphabet lacks.
const turkishSingleShiftCells: readonly (readonly [number, string])[] = [
  ...defaultSingleShiftCells,
  [0x47, 'Ğ'], [0x49, 'İ'], [0x53, 'Ş'], [0x63, 'ç'], [0x67, 'ğ'], [0x69, 'ı'], [0x73, 'ş'],
];

/** One table, both ways. */
export interface GsmTable {
  readonly septetOf: ReadonlyMap<string, number>;
  readonly charOf: ReadonlyMap<number, string>;
}

function lockingTable(cells: string): GsmTable {
  const pairs: [number, string][] = [];
  for (let septet = 0; septet < cells.length; septet += 1) {
    if (septet !== ESCAPE) pairs.push([septet, cells.charAt(septet)]);
  }
  return tableFromCells(pairs);
}

function tableFromCells(cells: readonly (readonly [number, string])[]): GsmTable {
  return {
    septetOf: new Map(cells.map(([septet, char]) => [char, septet])),
    charOf: new Map(cells),
  };
}

export const defaultLockingTable: GsmTable = lockingTable(defaultLockingCells);
export const defaultSingleShiftTable: GsmTable = tableFromCells(defaultSingleShiftCells);

const nationalLockingTables: Readonly<Record<NationalLanguage, GsmTable>> = { tr: lockingTable(turkishLockingCells) };
const nationalSingleShiftTables: Readonly<Record<NationalLanguage, GsmTable>> = { tr: tableFromCells(turkishSingleShiftCells) };

/** The locking-shift table of a language; the default alphabet for undefined. */
export function lockingShiftTableOf(language: NationalLanguage | undefined): GsmTable {
  return language === undefined ? defaultLockingTable : nationalLockingTables[language];
}

/** The single-shift table of a language; the default extension table for undefined. */
export function singleShiftTableOf(language: NationalLanguage | undefined): GsmTable {
  return language === undefined ? defaultSingleShiftTable : nationalSingleShiftTables[language];
}

/**
 * The language a UDH identifier names, or undefined for 0 and for identifiers Saxla has no table
 * for: TS 23.038 has a receiver fall back to the default table for a language it does not know.
 */
export function nationalLanguageById(id: number | undefined): NationalLanguage | undefined {
  return nationalLanguages.find((language) => nationalLanguageIds[language] === id);
}
