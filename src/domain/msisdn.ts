// Azerbaijani mobile numbers. Stored and shown in E.164; parsed from whatever people type. The
// "max" metadata is required: the default build accepts +994 ranges that do not exist.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { DomainError } from './errors.ts';

declare const msisdnBrand: unique symbol;
/** E.164, e.g. "+994501234567". */
export type Msisdn = string & { readonly [msisdnBrand]: true };

export type OperatorHint = 'Azercell' | 'Bakcell' | 'Nar' | 'Naxtel';

// Only a hint: numbers are portable between operators.
const operatorByPrefix: Readonly<Record<string, OperatorHint>> = {
  '10': 'Azercell', '50': 'Azercell', '51': 'Azercell',
  '55': 'Bakcell', '99': 'Bakcell',
  '70': 'Nar', '77': 'Nar',
  '60': 'Naxtel',
};

const e164Az = /^\+994\d{9}$/;

/**
 * "050 123 45 67", "0501234567", "+994 50 123 45 67", "994501234567", "00994501234567" → E.164.
 * Anything that is not a valid Azerbaijani mobile number is refused with a clear code.
 */
export function parseMsisdn(input: string): Msisdn {
  const raw = input.trim();
  if (raw.length === 0 || raw.length > 32 || !/^[+\d\s().-]+$/.test(raw)) {
    throw new DomainError('INVALID_MSISDN', `"${raw.slice(0, 32)}" is not a phone number`);
  }
  let digits = raw.replace(/[\s().-]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  // "994501234567" typed without the plus is international, not a national number.
  if (/^994\d{9}$/.test(digits)) digits = `+${digits}`;
  const parsed = parsePhoneNumberFromString(digits, 'AZ');
  if (!parsed || !parsed.isValid()) {
    throw new DomainError('INVALID_MSISDN', `"${raw}" is not a valid phone number`);
  }
  if (parsed.countryCallingCode !== '994' || parsed.getType() !== 'MOBILE') {
    throw new DomainError('NOT_AZ_MOBILE', `"${raw}" is not an Azerbaijani mobile number`);
  }
  const e164 = parsed.number;
  if (!e164Az.test(e164)) {
    throw new DomainError('NOT_AZ_MOBILE', `"${raw}" is not an Azerbaijani mobile number`);
  }
  return e164 as Msisdn;
}

/** For values that already come from our own storage. */
export function trustedMsisdn(e164: string): Msisdn {
  if (!e164Az.test(e164)) throw new DomainError('INVALID_MSISDN', `stored number "${e164}" is not E.164`);
  return e164 as Msisdn;
}

export function operatorHint(msisdn: Msisdn): OperatorHint | undefined {
  return operatorByPrefix[msisdn.slice(4, 6)];
}

/** "050 123 45 67", how people in Azerbaijan write a number. */
export function formatNational(msisdn: Msisdn): string {
  const n = msisdn.slice(4);
  return `0${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5, 7)} ${n.slice(7, 9)}`;
}
