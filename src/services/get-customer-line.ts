// One of the customer's lines. A line the customer has not proven is answered exactly like a
// number Saxla does not know (LINE_NOT_FOUND, 404), never "forbidden", which would confirm it exists.
import { operatorDay } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import type { Line } from '../domain/line.ts';
import type { Locale } from '../domain/money.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import type { Sql } from '../db/database.ts';
import { hasLiveLink } from '../db/account-repository.ts';
import { findLine } from '../db/line-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { viewCustomerLine, type CustomerLineView } from './customer-line-view.ts';

/** The line if this customer holds a live link to it. */
export async function findLinkedLine(sql: Sql, customerId: string, msisdn: Msisdn): Promise<Line | undefined> {
  if (!(await hasLiveLink(sql, customerId, msisdn))) return undefined;
  return findLine(sql, msisdn);
}

/** `locale` names the plan: the page's language, or the session's. */
export async function getCustomerLine(deps: Pick<AccountDeps, 'db' | 'now' | 'policy'>, customerId: string, msisdnText: string, locale: Locale): Promise<CustomerLineView> {
  const msisdn = parseMsisdn(msisdnText);
  const line = await findLinkedLine(deps.db, customerId, msisdn);
  if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  return viewCustomerLine(deps.db, line, operatorDay(deps.now()), deps.policy, locale);
}
