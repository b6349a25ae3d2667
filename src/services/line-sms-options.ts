// A customer's choice of how SMS to one of their lines are written: Azerbaijani in Latin letters
// without ə (one GSM part instead of three UCS-2 parts), or as written. Only a line the account
// holds; any other number answers like one Saxla does not know.
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { isLocale, type Locale } from '../domain/money.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import type { Database } from '../db/database.ts';
import { hasLiveLink } from '../db/account-repository.ts';
import { findLineSmsOptions, updateAzSmsLatin, type LineSmsOptionsRow } from '../db/line-sms-options-repository.ts';

export interface LineSmsOptions {
  readonly msisdn: Msisdn;
  /** The line's SMS language: the Latin-letters choice changes only Azerbaijani texts. */
  readonly language: Locale;
  readonly azLatin: boolean;
}

function view(msisdn: Msisdn, row: LineSmsOptionsRow | undefined): LineSmsOptions {
  if (!row || !isLocale(row.language)) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  return { msisdn, language: row.language, azLatin: row.az_sms_latin };
}

export async function getLineSmsOptions(deps: { readonly db: Database }, customerId: string, msisdnText: string): Promise<LineSmsOptions> {
  const msisdn = parseMsisdn(msisdnText);
  if (!(await hasLiveLink(deps.db, customerId, msisdn))) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  return view(msisdn, await findLineSmsOptions(deps.db, msisdn));
}

export async function setLineSmsOptions(
  deps: { readonly db: Database; readonly now: () => Instant }, customerId: string, msisdnText: string, change: { readonly azLatin: boolean },
): Promise<LineSmsOptions> {
  const msisdn = parseMsisdn(msisdnText);
  return deps.db.tx(async (sql) => {
    if (!(await hasLiveLink(sql, customerId, msisdn))) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
    return view(msisdn, await updateAzSmsLatin(sql, msisdn, change.azLatin, new Date(deps.now())));
  });
}
