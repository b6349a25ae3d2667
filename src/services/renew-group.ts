// The payer renews every active member of a family group in one order, on the group's plan: one
// quote for all of them, so the catalogue's bundle (multi-line) discount applies as for any order
// of several lines. Paying it goes the usual way (POST /api/v1/orders).
import { DomainError } from '../domain/errors.ts';
import type { Locale } from '../domain/money.ts';
import { trustedMsisdn } from '../domain/msisdn.ts';
import { createQuote, type CreateQuoteDeps, type QuoteView } from './create-quote.ts';
import { loadGroupFor } from './group-access.ts';

export async function quoteGroupRenewal(deps: CreateQuoteDeps, customerId: string, groupId: string, months: number, locale: Locale): Promise<QuoteView> {
  const { group, members } = await deps.db.tx((sql) => loadGroupFor(sql, customerId, groupId, 'renew_all'));
  // Only numbers that joined and are Saxla lines (an open invitation is not the payer's to renew),
  // and not in quarantine or released: those are restored at a store, with an ID check.
  const items = members.filter((m) => m.status === 'active' && m.validUntil !== null && m.lineStatus !== 'quarantine' && m.lineStatus !== 'recyclable')
    .map((m) => ({ msisdn: trustedMsisdn(m.msisdn), planCode: group.planCode, months }));
  if (items.length === 0) throw new DomainError('GROUP_MEMBER_CONFLICT', 'nobody has joined this group yet: there is nothing to renew');
  return createQuote(deps, customerId, { kind: 'renewal', items }, locale);
}
