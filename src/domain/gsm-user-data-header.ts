// The user data header (3GPP TS 23.040, 9.2.3.24) in front of an SMS part's text: concatenation
// (which message, which part) and the national language tables its 7-bit text is written in. On
// SMPP the header goes first in short_message, and esm_class carries the UDH indicator.
import { DomainError } from './errors.ts';
import { nationalLanguageById, nationalLanguageIds, type NationalLanguage } from './gsm-alphabets.ts';

/** The national tables a 7-bit text is written in; undefined means the default table. */
export interface ShiftTables {
  readonly locking: NationalLanguage | undefined;
  readonly single: NationalLanguage | undefined;
}

export const DEFAULT_TABLES: ShiftTables = { locking: undefined, single: undefined };

export interface ConcatenationInfo {
  readonly reference: number;
  readonly total: number;
  /** 1-based. */
  readonly sequence: number;
}

export interface ShortMessageBody extends ShiftTables {
  readonly concat: ConcatenationInfo | undefined;
  /** The user data after any header. */
  readonly payload: Uint8Array;
}

/** esm_class bit saying short_message starts with a user data header. */
export const UDHI_FLAG = 0x40;

const IE_CONCATENATION_8BIT = 0x00;
const IE_CONCATENATION_16BIT = 0x08;
const IE_SINGLE_SHIFT = 0x24;
const IE_LOCKING_SHIFT = 0x25;
/** Every element Saxla writes is id, length, data: the concatenation one carries 3 octets, a shift one 1. */
const CONCATENATION_IE_OCTETS = 5;
const SHIFT_IE_OCTETS = 3;

/** Octets the header takes in each part, its length octet included; 0 when a part needs none. */
export function userDataHeaderOctets(concatenated: boolean, tables: ShiftTables): number {
  const elements = (concatenated ? CONCATENATION_IE_OCTETS : 0)
    + (tables.locking === undefined ? 0 : SHIFT_IE_OCTETS)
    + (tables.single === undefined ? 0 : SHIFT_IE_OCTETS);
  return elements === 0 ? 0 : 1 + elements;
}

/** The header octets for one part (empty when it needs none): concatenation first, then the shifts. */
export function writeUserDataHeader(concat: ConcatenationInfo | undefined, tables: ShiftTables): Uint8Array {
  const elements: number[] = [];
  if (concat) elements.push(IE_CONCATENATION_8BIT, 3, concat.reference, concat.total, concat.sequence);
  if (tables.single !== undefined) elements.push(IE_SINGLE_SHIFT, 1, nationalLanguageIds[tables.single]);
  if (tables.locking !== undefined) elements.push(IE_LOCKING_SHIFT, 1, nationalLanguageIds[tables.locking]);
  return elements.length === 0 ? new Uint8Array() : Uint8Array.from([elements.length, ...elements]);
}

/**
 * Splits a short_message into its UDH (concatenation, national language tables) and the payload.
 * Elements Saxla does not know are skipped, as TS 23.040 asks of a receiver.
 */
export function readUserDataHeader(esmClass: number, shortMessage: Uint8Array): ShortMessageBody {
  if ((esmClass & UDHI_FLAG) === 0) return { concat: undefined, ...DEFAULT_TABLES, payload: shortMessage };
  const headerLength = shortMessage[0];
  if (headerLength === undefined || headerLength + 1 > shortMessage.length) {
    throw new DomainError('SMS_PDU_INVALID', 'the UDH indicator is set but the header is missing or too long');
  }
  let concat: ConcatenationInfo | undefined;
  let locking: NationalLanguage | undefined;
  let single: NationalLanguage | undefined;
  for (let at = 1; at < headerLength + 1; ) {
    const id = shortMessage[at];
    const length = shortMessage[at + 1];
    if (id === undefined || length === undefined || at + 2 + length > headerLength + 1) {
      throw new DomainError('SMS_PDU_INVALID', 'a UDH information element runs past the header');
    }
    const data = shortMessage.subarray(at + 2, at + 2 + length);
    if (id === IE_CONCATENATION_8BIT && length === 3) {
      concat = { reference: data[0] ?? 0, total: data[1] ?? 0, sequence: data[2] ?? 0 };
    } else if (id === IE_CONCATENATION_16BIT && length === 4) {
      concat = { reference: ((data[0] ?? 0) << 8) | (data[1] ?? 0), total: data[2] ?? 0, sequence: data[3] ?? 0 };
    } else if (id === IE_SINGLE_SHIFT && length === 1) {
      single = nationalLanguageById(data[0]);
    } else if (id === IE_LOCKING_SHIFT && length === 1) {
      locking = nationalLanguageById(data[0]);
    }
    at += 2 + length;
  }
  if (concat && (concat.total === 0 || concat.sequence === 0 || concat.sequence > concat.total)) {
    throw new DomainError('SMS_PDU_INVALID', `part ${concat.sequence} of ${concat.total} cannot exist`);
  }
  return { concat, locking, single, payload: shortMessage.subarray(headerLength + 1) };
}
