// The language of a line: every SMS, statement and receipt of that line speaks it. A line has one
// language however many accounts hold it: any holder may change it (portal Settings, the API,
// *101#, an agent at the counter) and the last choice wins; line_language_changes keeps who chose
// what and when. Each account's pages still follow that account's own page language.
import { operatorDay, type Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { Locale } from '../domain/money.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import type { Sql } from '../db/database.ts';
import { hasLiveLink } from '../db/account-repository.ts';
import { findLine } from '../db/line-repository.ts';
import { lockLineLanguage, updateLineLanguage, type LanguageChangeSource } from '../db/line-settings-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { viewCustomerLine, type CustomerLineView } from './customer-line-view.ts';

/**
 * Sets the line's language inside the caller's transaction; a choice of the language it already
 * has changes and logs nothing. LINE_NOT_FOUND when there is no such line.
 */
export async function setLineLanguage(sql: Sql, msisdn: Msisdn, language: Locale, by: LanguageChangeSource, now: Instant): Promise<void> {
  const previous = await lockLineLanguage(sql, msisdn);
  if (previous === undefined) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  if (previous === language) return;
  await updateLineLanguage(sql, msisdn, { language, previous, by }, new Date(now));
}

export interface ChangeLineLanguageRequest {
  readonly customerId: string;
  readonly msisdn: string;
  readonly language: Locale;
  /** Names the plan in the answer: the page's language, or the session's. */
  readonly locale: Locale;
}

/** A signed-in customer sets the language of one of their lines; any other number is LINE_NOT_FOUND. */
export async function changeLineLanguage(deps: Pick<AccountDeps, 'db' | 'now' | 'policy'>, request: ChangeLineLanguageRequest): Promise<CustomerLineView> {
  const msisdn = parseMsisdn(request.msisdn);
  const now = deps.now();
  return deps.db.tx(async (sql) => {
    // Answered exactly like an unknown number, so the answer never confirms someone else's line.
    if (!(await hasLiveLink(sql, request.customerId, msisdn))) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
    await setLineLanguage(sql, msisdn, request.language, { source: 'account', customerId: request.customerId }, now);
    const line = await findLine(sql, msisdn);
    if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
    return viewCustomerLine(sql, line, operatorDay(now), deps.policy, request.locale);
  });
}
