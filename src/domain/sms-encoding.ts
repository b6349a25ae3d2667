// How a text becomes SMS parts on the wire (SMPP short_message), and back. The operator bills per
// part, so chooseEncoding and encodeSegments share one splitter and can never disagree.
// GSM 7-bit is written unpacked (one octet per septet): that is what SMPP carries with data_coding 0;
// the SMSC packs the septets, after the user data header, for the air interface.
// With national language tables allowed (SMS_NATIONAL_LANGUAGE_TABLES), a Turkish text can stay
// 7-bit: its parts name the Turkish locking-shift and/or single-shift table in their header.
import { DomainError } from './errors.ts';
import {
  ESCAPE, defaultLockingTable, defaultSingleShiftTable, lockingShiftTableOf, singleShiftTableOf, type GsmTable,
  type NationalLanguage,
} from './gsm-alphabets.ts';
import {
  DEFAULT_TABLES, UDHI_FLAG, readUserDataHeader, userDataHeaderOctets, writeUserDataHeader, type ShiftTables,
} from './gsm-user-data-header.ts';

export type SmsEncoding = 'gsm7' | 'ucs2';
export type DataCoding = 0 | 8;
/** esm_class with the UDH indicator (0x40) when parts carry a user data header. */
export type SubmitEsmClass = 0 | 0x40;

export interface SmsEncodingOptions {
  /** National language tables the SMSC and handsets honour; none (the default) keeps to the GSM default alphabet. */
  readonly nationalLanguageTables?: readonly NationalLanguage[];
}

/** The user data of one SMS on the air: 140 octets, that is 160 septets or 70 UCS-2 code units. */
const USER_DATA_OCTETS = 140;

/**
 * Units (septets or UTF-16 code units) a part holds after a header of `headerOctets`. A 7-bit text
 * starts on a septet boundary, so the header is padded to whole septets: 6 octets take 7 septets
 * (153 left), 4 take 5 (155), 9 take 11 (149).
 */
function unitsPerPart(encoding: SmsEncoding, headerOctets: number): number {
  if (encoding === 'ucs2') return Math.floor((USER_DATA_OCTETS - headerOctets) / 2);
  return Math.floor((USER_DATA_OCTETS * 8) / 7) - Math.ceil((headerOctets * 8) / 7);
}

/** 8-bit concatenation references leave room for 255 parts; more cannot be numbered. */
export const MAX_SEGMENTS = 255;

/** Every character the GSM default alphabet and its extension table can carry (for tests and UIs). */
export const gsmCharacters: readonly string[] = [...defaultLockingTable.septetOf.keys(), ...defaultSingleShiftTable.septetOf.keys()];
export const gsmExtensionCharacters: readonly string[] = [...defaultSingleShiftTable.septetOf.keys()];

/** Septets a character costs in a pair of tables: 1, 2 (ESC + code), or 0 when they cannot carry it. */
function septetsIn(locking: GsmTable, single: GsmTable, char: string): 0 | 1 | 2 {
  if (locking.septetOf.has(char)) return 1;
  if (single.septetOf.has(char)) return 2;
  return 0;
}

/** Septets a UTF-16 code unit costs in default GSM 7-bit: 1, 2 (extension table), or 0 when GSM cannot carry it. */
export function countGsmSeptets(char: string): 0 | 1 | 2 {
  return septetsIn(defaultLockingTable, defaultSingleShiftTable, char);
}

/** True when the GSM default alphabet and its extension table carry every character. */
export function isGsmText(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    if (countGsmSeptets(text.charAt(i)) === 0) return false;
  }
  return true;
}

export interface EncodingChoice {
  readonly encoding: SmsEncoding;
  readonly dataCoding: DataCoding;
  /** Septets (GSM) or UTF-16 code units (UCS-2) the whole text costs. */
  readonly units: number;
  readonly segments: number;
  /** 160/70 when the text fits one SMS, else 153/67; less when national tables take header room. */
  readonly unitsPerSegment: number;
  /** Present only when a GSM text uses a national language table. */
  readonly nationalTables?: ShiftTables;
}

interface SegmentPlan {
  readonly encoding: SmsEncoding;
  readonly tables: ShiftTables;
  readonly units: number;
  readonly segments: number;
  readonly unitsPerSegment: number;
  /** Start index (into the string) of each segment, plus text.length at the end. */
  readonly bounds: readonly number[];
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** One way to write a text: UCS-2, or 7-bit in a pair of tables. */
interface Alphabet {
  readonly encoding: SmsEncoding;
  readonly tables: ShiftTables;
}

/**
 * The alphabets worth trying, most preferred first: the default tables (every handset reads them),
 * then per allowed language its single shift only (the rest stays default: few letters cost two
 * septets each) and its locking shift only (many letters cost one); UCS-2 last. Among alphabets
 * needing equally many parts the first wins. Both Turkish tables at once never pay: A.2.1 adds only
 * letters A.3.1 already has, so it would cost 3 header octets for nothing (the decoder reads it).
 */
function alphabetsFor(options: SmsEncodingOptions): Alphabet[] {
  const alphabets: Alphabet[] = [{ encoding: 'gsm7', tables: DEFAULT_TABLES }];
  for (const language of options.nationalLanguageTables ?? []) {
    alphabets.push(
      { encoding: 'gsm7', tables: { locking: undefined, single: language } },
      { encoding: 'gsm7', tables: { locking: language, single: undefined } },
    );
  }
  alphabets.push({ encoding: 'ucs2', tables: DEFAULT_TABLES });
  return alphabets;
}

/**
 * Walks the text in indivisible atoms: a single-shift character (ESC + code) in GSM, a surrogate
 * pair in UCS-2; a handset shows garbage if either is cut between two parts. Undefined when the
 * alphabet cannot carry the text.
 */
function planIn(text: string, alphabet: Alphabet): SegmentPlan | undefined {
  const { encoding, tables } = alphabet;
  const locking = lockingShiftTableOf(tables.locking);
  const single = singleShiftTableOf(tables.single);
  // Cost of the atom at i in units; 0: the alphabet cannot carry it. A GSM atom is one code unit
  // long; a UCS-2 atom is as long as it costs.
  const atomAt = (i: number): number => {
    if (encoding === 'gsm7') return septetsIn(locking, single, text.charAt(i));
    const pair = isHighSurrogate(text.charCodeAt(i)) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1));
    return pair ? 2 : 1;
  };
  const lengthOf = (cost: number): number => (encoding === 'ucs2' ? cost : 1);

  let units = 0;
  for (let i = 0; i < text.length; ) {
    const cost = atomAt(i);
    if (cost === 0) return undefined;
    units += cost;
    i += lengthOf(cost);
  }
  const singlePartUnits = unitsPerPart(encoding, userDataHeaderOctets(false, tables));
  if (units <= singlePartUnits) {
    return { encoding, tables, units, segments: 1, unitsPerSegment: singlePartUnits, bounds: [0, text.length] };
  }
  const perPart = unitsPerPart(encoding, userDataHeaderOctets(true, tables));
  const bounds = [0];
  let used = 0;
  for (let i = 0; i < text.length; ) {
    const cost = atomAt(i);
    if (used + cost > perPart) {
      bounds.push(i);
      used = 0;
    }
    used += cost;
    i += lengthOf(cost);
  }
  bounds.push(text.length);
  return { encoding, tables, units, segments: bounds.length - 1, unitsPerSegment: perPart, bounds };
}

/**
 * The cheapest way to send the text: fewest parts, and among equals the first of alphabetsFor.
 * UCS-2 carries any text, so there always is one; and a text GSM can carry never needs fewer parts
 * in UCS-2 (a septet pair per character still fits 73 in a part, UCS-2 67), so without national
 * tables this is "GSM when it can, else UCS-2".
 */
function planSegments(text: string, options: SmsEncodingOptions): SegmentPlan {
  let best: SegmentPlan | undefined;
  for (const alphabet of alphabetsFor(options)) {
    if (alphabet.encoding === 'ucs2' && best !== undefined) break; // never fewer parts, as said above
    const plan = planIn(text, alphabet);
    if (plan && (best === undefined || plan.segments < best.segments)) best = plan;
    if (best?.segments === 1) break;
  }
  if (best === undefined) throw new DomainError('SMS_PDU_INVALID', 'no alphabet carries this text');
  return best;
}

function usesNationalTables(tables: ShiftTables): boolean {
  return tables.locking !== undefined || tables.single !== undefined;
}

function dataCodingOf(encoding: SmsEncoding): DataCoding {
  return encoding === 'gsm7' ? 0 : 8;
}

/** GSM 7-bit when the allowed tables carry every character, else UCS-2; and what it costs. */
export function chooseEncoding(text: string, options: SmsEncodingOptions = {}): EncodingChoice {
  const { encoding, tables, units, segments, unitsPerSegment } = planSegments(text, options);
  const choice = { encoding, dataCoding: dataCodingOf(encoding), units, segments, unitsPerSegment };
  return usesNationalTables(tables) ? { ...choice, nationalTables: tables } : choice;
}

export interface SmsParts {
  readonly encoding: SmsEncoding;
  /** Present only when a GSM text uses a national language table (say "7-bit, Turkish tables"). */
  readonly nationalTables?: ShiftTables;
  /** What the operator bills: SMS sent for this text. */
  readonly parts: number;
  /**
   * How much a part holds: septets for GSM (a single-shift character such as € takes two),
   * UTF-16 code units for UCS-2.
   */
  readonly charactersPerPart: number;
}

/** What sending a text costs under a setting: for Settings to show the price of a reminder. */
export function smsPartsFor(text: string, options: SmsEncodingOptions = {}): SmsParts {
  const { encoding, nationalTables, segments, unitsPerSegment } = chooseEncoding(text, options);
  const parts = { encoding, parts: segments, charactersPerPart: unitsPerSegment };
  return nationalTables ? { ...parts, nationalTables } : parts;
}

function encodeSeptets(text: string, tables: ShiftTables): Uint8Array {
  const locking = lockingShiftTableOf(tables.locking);
  const single = singleShiftTableOf(tables.single);
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    const septet = locking.septetOf.get(char);
    if (septet !== undefined) {
      out.push(septet);
      continue;
    }
    const shifted = single.septetOf.get(char);
    if (shifted === undefined) {
      throw new DomainError('SMS_PDU_INVALID', `character U+${char.charCodeAt(0).toString(16)} is not GSM 7-bit`);
    }
    out.push(ESCAPE, shifted);
  }
  return Uint8Array.from(out);
}

function encodeUtf16Be(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    out[i * 2] = code >> 8;
    out[i * 2 + 1] = code & 0xff;
  }
  return out;
}

export interface EncodedSms {
  readonly dataCoding: DataCoding;
  readonly esmClass: SubmitEsmClass;
  /** Each part's short_message, with its user data header in front when it needs one. */
  readonly parts: readonly Uint8Array[];
}

/**
 * The short_message octets for each part. `reference` (0–255) ties the parts of one message
 * together on the handset; the sender should vary it between messages to the same number. Every
 * part repeats the national language elements: a handset may read the parts in any order.
 */
export function encodeSegments(text: string, reference: number, options: SmsEncodingOptions = {}): EncodedSms {
  if (!Number.isInteger(reference) || reference < 0 || reference > 255) {
    throw new DomainError('VALIDATION_FAILED', `a concatenation reference is 0–255, got ${String(reference)}`);
  }
  const plan = planSegments(text, options);
  if (plan.segments > MAX_SEGMENTS) {
    throw new DomainError('SMS_TOO_LONG', `the text needs ${plan.segments} parts; at most ${MAX_SEGMENTS} can be numbered`);
  }
  const parts: Uint8Array[] = [];
  for (let s = 0; s < plan.segments; s += 1) {
    const slice = text.slice(plan.bounds[s], plan.bounds[s + 1]);
    const payload = plan.encoding === 'gsm7' ? encodeSeptets(slice, plan.tables) : encodeUtf16Be(slice);
    const concat = plan.segments === 1 ? undefined : { reference, total: plan.segments, sequence: s + 1 };
    const header = writeUserDataHeader(concat, plan.tables);
    const part = new Uint8Array(header.length + payload.length);
    part.set(header);
    part.set(payload, header.length);
    parts.push(part);
  }
  const withHeader = plan.segments > 1 || usesNationalTables(plan.tables);
  return { dataCoding: dataCodingOf(plan.encoding), esmClass: withHeader ? UDHI_FLAG : 0, parts };
}

function decodeSeptets(payload: Uint8Array, tables: ShiftTables): string {
  const locking = lockingShiftTableOf(tables.locking);
  const single = singleShiftTableOf(tables.single);
  const lockingChar = (septet: number): string => locking.charOf.get(septet) ?? ' ';
  let text = '';
  for (let i = 0; i < payload.length; i += 1) {
    const septet = payload[i] ?? 0;
    if (septet > 0x7f) throw new DomainError('SMS_PDU_INVALID', `octet 0x${septet.toString(16)} is not a GSM septet`);
    if (septet !== ESCAPE) {
      text += lockingChar(septet);
      continue;
    }
    const next = payload[i + 1];
    if (next === undefined) throw new DomainError('SMS_PDU_INVALID', 'GSM text ends with a lone escape');
    i += 1;
    // TS 23.038: a code the single-shift table lacks shows as the locking table's character; an
    // escape to nowhere as a space.
    text += single.charOf.get(next) ?? (next === ESCAPE ? ' ' : lockingChar(next));
  }
  return text;
}

function decodeUtf16Be(payload: Uint8Array): string {
  if (payload.length % 2 !== 0) throw new DomainError('SMS_PDU_INVALID', 'UCS-2 text has an odd number of octets');
  const codes: number[] = [];
  for (let i = 0; i < payload.length; i += 2) codes.push(((payload[i] ?? 0) << 8) | (payload[i + 1] ?? 0));
  let text = '';
  // In slices: String.fromCharCode takes its codes as arguments, and arguments are limited.
  for (let i = 0; i < codes.length; i += 4096) text += String.fromCharCode(...codes.slice(i, i + 4096));
  return text;
}

/** The text of a payload; `tables` are the national tables its part's header named (7-bit only). */
export function decodePayload(dataCoding: number, payload: Uint8Array, tables: ShiftTables = DEFAULT_TABLES): string {
  if (dataCoding === 0) return decodeSeptets(payload, tables);
  if (dataCoding === 8) return decodeUtf16Be(payload);
  throw new DomainError('SMS_PDU_INVALID', `data_coding ${dataCoding} is neither GSM 7-bit (0) nor UCS-2 (8)`);
}

export interface SegmentedMessage {
  readonly dataCoding: number;
  readonly esmClass: number;
  /** Every part's short_message, in any order. */
  readonly parts: readonly Uint8Array[];
}

function sameTables(a: ShiftTables, b: ShiftTables): boolean {
  return a.locking === b.locking && a.single === b.single;
}

/**
 * The text of a whole message from its parts (the inverse of encodeSegments). Payloads are joined
 * before decoding, so a sender that did split a surrogate pair is still read correctly; parts that
 * name different national tables are each read in their own.
 */
export function decodeSegments(message: SegmentedMessage): string {
  const bodies = message.parts.map((part) => readUserDataHeader(message.esmClass, part));
  const [first] = bodies;
  if (first === undefined) throw new DomainError('SMS_PDU_INVALID', 'a message has at least one part');
  if (bodies.length === 1 && (first.concat === undefined || first.concat.total === 1)) {
    return decodePayload(message.dataCoding, first.payload, first);
  }
  const ordered: (typeof first | undefined)[] = Array.from({ length: bodies.length }, () => undefined);
  for (const body of bodies) {
    const { concat } = body;
    if (!concat || concat.total !== bodies.length || concat.reference !== first.concat?.reference) {
      throw new DomainError('SMS_PDU_INVALID', 'parts do not belong to one concatenated message');
    }
    if (ordered[concat.sequence - 1] !== undefined) {
      throw new DomainError('SMS_PDU_INVALID', `part ${concat.sequence} came twice`);
    }
    ordered[concat.sequence - 1] = body;
  }
  const present = ordered.filter((body) => body !== undefined);
  if (present.length !== ordered.length) throw new DomainError('SMS_PDU_INVALID', 'a part is missing');
  if (!present.every((body) => sameTables(body, first))) {
    return present.map((body) => decodePayload(message.dataCoding, body.payload, body)).join('');
  }
  const joined = new Uint8Array(present.reduce((sum, body) => sum + body.payload.length, 0));
  let at = 0;
  for (const body of present) {
    joined.set(body.payload, at);
    at += body.payload.length;
  }
  return decodePayload(message.dataCoding, joined, first);
}

// Azerbaijani letters outside the GSM default table, plus typography that would otherwise force
// UCS-2. Ç becomes C although GSM has it at 0x09: the original 03.38 table listed that position as
// small ç, so handsets disagree on how to show it, and a plain C reads the same everywhere.
const transliteration: Readonly<Record<string, string>> = {
  'ə': 'e', 'Ə': 'E', 'ş': 's', 'Ş': 'S', 'ç': 'c', 'Ç': 'C', 'ğ': 'g', 'Ğ': 'G', 'ı': 'i', 'İ': 'I',
  '\u0307': '', // the combining dot left behind when İ is lower-cased to i + U+0307
  '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-', '…': '...',
  '\u00a0': ' ', '\u202f': ' ', '₼': 'AZN',
};

/**
 * For USSD screens that must stay GSM 7-bit (182 characters instead of 80): replaces Azerbaijani
 * letters GSM lacks with their plain Latin base and keeps Ö Ü ö ü, which GSM has. Other characters
 * are left as they are; chooseEncoding tells whether the result is GSM.
 */
export function transliterateAzToGsm(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) out += transliteration[char] ?? char;
  return out;
}
