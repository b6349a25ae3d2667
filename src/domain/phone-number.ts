// A store's telephone: unlike a customer's line (msisdn.ts) it is usually a landline, so any
// number that is valid in the full ("max") metadata is taken, written as people type it, and
// kept in E.164. Numbers without a country code are read as Azerbaijani.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { DomainError } from './errors.ts';

declare const phoneBrand: unique symbol;
/** E.164, e.g. "+994124000000". */
export type PhoneNumber = string & { readonly [phoneBrand]: true };

/** "012 400 00 00", "+994 12 400 00 00", "00994124000000" → "+994124000000". */
export function parsePhoneNumber(input: string): PhoneNumber {
  const raw = input.trim();
  if (raw.length === 0 || raw.length > 32 || !/^[+\d\s().-]+$/.test(raw)) {
    throw new DomainError('VALIDATION_FAILED', `"${raw.slice(0, 32)}" is not a phone number`);
  }
  let digits = raw.replace(/[\s().-]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  const parsed = parsePhoneNumberFromString(digits, 'AZ');
  if (!parsed || !parsed.isValid()) {
    throw new DomainError('VALIDATION_FAILED', `"${raw}" is not a valid phone number (E.164 such as +994124000000, or 012 400 00 00)`);
  }
  return parsed.number as PhoneNumber;
}
