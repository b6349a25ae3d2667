// The customer picks the language Saxla speaks to them in (USSD menus, SMS) for this line.
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { Locale } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { Sql } from '../db/database.ts';
import { updateLineLanguage } from '../db/line-settings-repository.ts';

export async function setLineLanguage(sql: Sql, msisdn: Msisdn, language: Locale, now: Instant): Promise<void> {
  if (!(await updateLineLanguage(sql, msisdn, language, new Date(now)))) {
    throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  }
}
