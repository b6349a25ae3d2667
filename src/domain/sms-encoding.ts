// How a text becomes SMS parts on the wire (SMPP short_message), and back. The operator bills per
// part, so chooseEncoding and encodeSegments share one splitter and can never disagree.
// GSM 7-bit is written unpacked (one octet per septet): that is what SMPP carries with data_coding 0;
// the SMSC packs the septets for the air interface.
import { DomainError } from './errors.ts';

export type SmsEncoding = 'gsm7' | 'ucs2';
export type DataCoding = 0 | 8;
/** esm_class with the UDH indicator (0x40) when parts carry a user data header. */
export type SubmitEsmClass = 0 | 0x40;

export const UDHI_FLAG = 0x40;

const limits: Readonly<Record<SmsEncoding, { readonly single: number; readonly concatenated: number }>> = {
  // Units: septets for GSM, UTF-16 code units for UCS-2. A concatenated part loses 6 octets to the
  // UDH: 7 septets (48 bits, padded) for GSM, 3 code units for UCS-2.
  gsm7: { single: 160, concatenated: 153 },
  ucs2: { single: 70, concatenated: 67 },
};

/** 8-bit concatenation references leave room for 255 parts; more cannot be numbered. */
export const MAX_SEGMENTS = 255;

const ESCAPE = 0x1b;
// 3GPP TS 23.038 default alphabet, indexed by septet. Position 0x1B is the escape to the extension
// table, not a character, so it is left out of the encoder below.
const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// The extension table: each costs two septets (ESC + code).
const gsmExtension: readonly (readonly [string, number])[] = [
  ['\f', 0x0a], ['^', 0x14], ['{', 0x28], ['}', 0x29], ['\\', 0x2f],
  ['[', 0x3c], ['~', 0x3d], [']', 0x3e], ['|', 0x40], ['€', 0x65],
];

const basicSeptetOf = new Map<string, number>();
for (let septet = 0; septet < gsmBasic.length; septet += 1) {
  if (septet !== ESCAPE) basicSeptetOf.set(gsmBasic.charAt(septet), septet);
}
const extensionSeptetOf = new Map<string, number>(gsmExtension);
const extensionCharOf = new Map<number, string>(gsmExtension.map(([char, septet]) => [septet, char]));

/** Every character the GSM default alphabet and its extension table can carry (for tests and UIs). */
export const gsmCharacters: readonly string[] = [...basicSeptetOf.keys(), ...extensionSeptetOf.keys()];
export const gsmExtensionCharacters: readonly string[] = [...extensionSeptetOf.keys()];

/** Septets a UTF-16 code unit costs in GSM 7-bit: 1, 2 (extension table), or 0 when GSM cannot carry it. */
export function countGsmSeptets(char: string): 0 | 1 | 2 {
  if (basicSeptetOf.has(char)) return 1;
  if (extensionSeptetOf.has(char)) return 2;
  return 0;
}

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
  /** 160/70 when the text fits one SMS, else 153/67. */
  readonly unitsPerSegment: number;
}

interface SegmentPlan extends EncodingChoice {
  /** Start index (into the string) of each segment, plus text.length at the end. */
  readonly bounds: readonly number[];
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Walks the text in indivisible atoms: an extension character (ESC + code) in GSM, a surrogate
 * pair in UCS-2. A handset shows garbage if either is cut between two parts.
 */
function planSegments(text: string): SegmentPlan {
  const encoding: SmsEncoding = isGsmText(text) ? 'gsm7' : 'ucs2';
  const atomAt = (i: number): number => {
    if (encoding === 'gsm7') return countGsmSeptets(text.charAt(i));
    const pair = isHighSurrogate(text.charCodeAt(i)) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1));
    return pair ? 2 : 1;
  };
  // For UCS-2, an atom's cost equals its length in code units; for GSM every atom is one code unit.
  const lengthOf = (i: number, cost: number): number => (encoding === 'ucs2' ? cost : 1);

  let units = 0;
  for (let i = 0; i < text.length; ) {
    const cost = atomAt(i);
    units += cost;
    i += lengthOf(i, cost);
  }
  const limit = limits[encoding];
  const dataCoding: DataCoding = encoding === 'gsm7' ? 0 : 8;
  if (units <= limit.single) {
    return { encoding, dataCoding, units, segments: 1, unitsPerSegment: limit.single, bounds: [0, text.length] };
  }
  const bounds = [0];
  let used = 0;
  for (let i = 0; i < text.length; ) {
    const cost = atomAt(i);
    if (used + cost > limit.concatenated) {
      bounds.push(i);
      used = 0;
    }
    used += cost;
    i += lengthOf(i, cost);
  }
  bounds.push(text.length);
  return { encoding, dataCoding, units, segments: bounds.length - 1, unitsPerSegment: limit.concatenated, bounds };
}

/** GSM 7-bit when every character is in the GSM table or its extension, else UCS-2; and what it costs. */
export function chooseEncoding(text: string): EncodingChoice {
  const { encoding, dataCoding, units, segments, unitsPerSegment } = planSegments(text);
  return { encoding, dataCoding, units, segments, unitsPerSegment };
}

function encodeGsmSeptets(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    const basic = basicSeptetOf.get(char);
    if (basic !== undefined) {
      out.push(basic);
      continue;
    }
    const extension = extensionSeptetOf.get(char);
    if (extension === undefined) {
      throw new DomainError('SMS_PDU_INVALID', `character U+${char.charCodeAt(0).toString(16)} is not GSM 7-bit`);
    }
    out.push(ESCAPE, extension);
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
  /** Each part's short_message, with the 6-octet UDH in front when there is more than one. */
  readonly parts: readonly Uint8Array[];
}

/**
 * The short_message octets for each part. `reference` (0–255) ties the parts of one message
 * together on the handset; the sender should vary it between messages to the same number.
 */
export function encodeSegments(text: string, reference: number): EncodedSms {
  if (!Number.isInteger(reference) || reference < 0 || reference > 255) {
    throw new DomainError('VALIDATION_FAILED', `a concatenation reference is 0–255, got ${String(reference)}`);
  }
  const plan = planSegments(text);
  if (plan.segments > MAX_SEGMENTS) {
    throw new DomainError('SMS_TOO_LONG', `the text needs ${plan.segments} parts; at most ${MAX_SEGMENTS} can be numbered`);
  }
  const encode = plan.encoding === 'gsm7' ? encodeGsmSeptets : encodeUtf16Be;
  const parts: Uint8Array[] = [];
  for (let s = 0; s < plan.segments; s += 1) {
    const payload = encode(text.slice(plan.bounds[s], plan.bounds[s + 1]));
    if (plan.segments === 1) {
      parts.push(payload);
      continue;
    }
    const part = new Uint8Array(6 + payload.length);
    // UDHL 5; IE 0x00 (concatenation, 8-bit reference), length 3: reference, total, sequence (from 1).
    part.set([0x05, 0x00, 0x03, reference, plan.segments, s + 1]);
    part.set(payload, 6);
    parts.push(part);
  }
  return { dataCoding: plan.dataCoding, esmClass: plan.segments > 1 ? UDHI_FLAG : 0, parts };
}

export interface ConcatenationInfo {
  readonly reference: number;
  readonly total: number;
  /** 1-based. */
  readonly sequence: number;
}

export interface ShortMessageBody {
  readonly concat: ConcatenationInfo | undefined;
  /** The user data after any header. */
  readonly payload: Uint8Array;
}

/** Splits a short_message into its UDH concatenation info (IE 0x00 or 0x08) and the payload. */
export function readUserDataHeader(esmClass: number, shortMessage: Uint8Array): ShortMessageBody {
  if ((esmClass & UDHI_FLAG) === 0) return { concat: undefined, payload: shortMessage };
  const headerLength = shortMessage[0];
  if (headerLength === undefined || headerLength + 1 > shortMessage.length) {
    throw new DomainError('SMS_PDU_INVALID', 'the UDH indicator is set but the header is missing or too long');
  }
  let concat: ConcatenationInfo | undefined;
  for (let at = 1; at < headerLength + 1; ) {
    const id = shortMessage[at];
    const length = shortMessage[at + 1];
    if (id === undefined || length === undefined || at + 2 + length > headerLength + 1) {
      throw new DomainError('SMS_PDU_INVALID', 'a UDH information element runs past the header');
    }
    const data = shortMessage.subarray(at + 2, at + 2 + length);
    if (id === 0x00 && length === 3) {
      concat = { reference: data[0] ?? 0, total: data[1] ?? 0, sequence: data[2] ?? 0 };
    } else if (id === 0x08 && length === 4) {
      concat = { reference: ((data[0] ?? 0) << 8) | (data[1] ?? 0), total: data[2] ?? 0, sequence: data[3] ?? 0 };
    }
    at += 2 + length;
  }
  if (concat && (concat.total === 0 || concat.sequence === 0 || concat.sequence > concat.total)) {
    throw new DomainError('SMS_PDU_INVALID', `part ${concat.sequence} of ${concat.total} cannot exist`);
  }
  return { concat, payload: shortMessage.subarray(headerLength + 1) };
}

function decodeGsmSeptets(payload: Uint8Array): string {
  let text = '';
  for (let i = 0; i < payload.length; i += 1) {
    const septet = payload[i] ?? 0;
    if (septet > 0x7f) throw new DomainError('SMS_PDU_INVALID', `octet 0x${septet.toString(16)} is not a GSM septet`);
    if (septet !== ESCAPE) {
      text += gsmBasic.charAt(septet);
      continue;
    }
    const next = payload[i + 1];
    if (next === undefined) throw new DomainError('SMS_PDU_INVALID', 'GSM text ends with a lone escape');
    i += 1;
    // TS 23.038: an unknown extension shows as the basic character; an escape to nowhere as a space.
    text += extensionCharOf.get(next) ?? (next === ESCAPE ? ' ' : gsmBasic.charAt(next));
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

export function decodePayload(dataCoding: number, payload: Uint8Array): string {
  if (dataCoding === 0) return decodeGsmSeptets(payload);
  if (dataCoding === 8) return decodeUtf16Be(payload);
  throw new DomainError('SMS_PDU_INVALID', `data_coding ${dataCoding} is neither GSM 7-bit (0) nor UCS-2 (8)`);
}

export interface SegmentedMessage {
  readonly dataCoding: number;
  readonly esmClass: number;
  /** Every part's short_message, in any order. */
  readonly parts: readonly Uint8Array[];
}

/**
 * The text of a whole message from its parts (the inverse of encodeSegments). Payloads are joined
 * before decoding, so a sender that did split a surrogate pair is still read correctly.
 */
export function decodeSegments(message: SegmentedMessage): string {
  const bodies = message.parts.map((part) => readUserDataHeader(message.esmClass, part));
  const [first] = bodies;
  if (first === undefined) throw new DomainError('SMS_PDU_INVALID', 'a message has at least one part');
  if (bodies.length === 1 && (first.concat === undefined || first.concat.total === 1)) {
    return decodePayload(message.dataCoding, first.payload);
  }
  const ordered: (Uint8Array | undefined)[] = Array.from({ length: bodies.length }, () => undefined);
  for (const body of bodies) {
    const { concat } = body;
    if (!concat || concat.total !== bodies.length || concat.reference !== first.concat?.reference) {
      throw new DomainError('SMS_PDU_INVALID', 'parts do not belong to one concatenated message');
    }
    if (ordered[concat.sequence - 1] !== undefined) {
      throw new DomainError('SMS_PDU_INVALID', `part ${concat.sequence} came twice`);
    }
    ordered[concat.sequence - 1] = body.payload;
  }
  const joined = new Uint8Array(ordered.reduce((sum, payload) => sum + (payload?.length ?? 0), 0));
  let at = 0;
  for (const payload of ordered) {
    if (payload === undefined) throw new DomainError('SMS_PDU_INVALID', 'a part is missing');
    joined.set(payload, at);
    at += payload.length;
  }
  return decodePayload(message.dataCoding, joined);
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
