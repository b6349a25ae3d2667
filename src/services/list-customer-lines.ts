// The lines a customer has proven, with their countdowns, login number first.
import { operatorDay } from '../domain/calendar.ts';
import type { Locale } from '../domain/money.ts';
import { findLinkedLine } from './get-customer-line.ts';
import { listLinkedMsisdns } from '../db/account-repository.ts';
import type { AccountDeps } from './account-deps.ts';
import { viewCustomerLine, type CustomerLineView } from './customer-line-view.ts';

/** `locale` names the plans: the page's language, or the session's. */
export async function listCustomerLines(deps: Pick<AccountDeps, 'db' | 'now' | 'policy'>, customerId: string, locale: Locale): Promise<CustomerLineView[]> {
  const today = operatorDay(deps.now());
  const views: CustomerLineView[] = [];
  // A handful of lines per account: reading each through the line repository keeps one mapping of a line.
  for (const msisdn of await listLinkedMsisdns(deps.db, customerId)) {
    const line = await findLinkedLine(deps.db, customerId, msisdn);
    if (line) views.push(await viewCustomerLine(deps.db, line, today, deps.policy, locale));
  }
  return views;
}
