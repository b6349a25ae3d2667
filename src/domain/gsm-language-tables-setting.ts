// SMS_NATIONAL_LANGUAGE_TABLES: whether SMS may use the national language tables of 3GPP TS 23.038.
// Off unless the operator turns it on: not every SMSC passes the shift elements on and not every
// handset honours them, and a handset that does not shows a Turkish text with wrong letters. UCS-2
// costs more parts but every handset reads it. Turn it on once the SMSC's operator confirms support.
import type { ErrorDetail } from './errors.ts';
import { nationalLanguages, type NationalLanguage } from './gsm-alphabets.ts';

export const SMS_NATIONAL_LANGUAGE_TABLES = 'SMS_NATIONAL_LANGUAGE_TABLES';

/** What the variable may say: `off`, or the national languages whose tables may be used. */
export const nationalLanguageTableSettings = ['off', ...nationalLanguages] as const;

export interface NationalLanguageTablesSetting {
  /** Empty when off. */
  readonly tables: readonly NationalLanguage[];
  /** Set when the value is not understood; `tables` is then empty (off). */
  readonly problem: ErrorDetail | undefined;
}

function isNationalLanguage(value: string): value is NationalLanguage {
  return (nationalLanguages as readonly string[]).includes(value);
}

/** Reads the variable's value: unset, empty or `off` → none; `tr` → Turkish. Case and spaces do not matter. */
export function parseNationalLanguageTables(raw: string | undefined): NationalLanguageTablesSetting {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '' || value === 'off') return { tables: [], problem: undefined };
  if (isNationalLanguage(value)) return { tables: [value], problem: undefined };
  return {
    tables: [],
    problem: {
      path: SMS_NATIONAL_LANGUAGE_TABLES,
      message: `"${raw ?? ''}" is not a choice (${nationalLanguageTableSettings.join(' or ')})`,
    },
  };
}
