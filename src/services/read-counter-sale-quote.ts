// What a counter sale's customer is paying for: the quote's items and discounts, for the sale's
// page. Staff of another store are refused, as for the sale itself.
import { DomainError } from '../domain/errors.ts';
import { findOrder, findQuote, type QuoteDiscount, type QuoteItem } from '../db/order-repository.ts';
import { loadCounterSale } from './counter-sale.ts';
import type { StaffDeps } from './staff-auth.ts';
import type { StaffActor } from './staff-scope.ts';

export interface CounterSaleQuote {
  readonly items: readonly QuoteItem[];
  readonly discounts: readonly QuoteDiscount[];
}

export async function readCounterSaleQuote(deps: StaffDeps, actor: StaffActor, orderId: string): Promise<CounterSaleQuote> {
  await loadCounterSale(deps, actor, orderId);
  const order = await findOrder(deps.db, orderId);
  const quote = order ? await findQuote(deps.db, order.quoteId) : undefined;
  if (!quote) throw new DomainError('ORDER_NOT_FOUND', `no quote behind counter sale ${orderId}`);
  return { items: quote.items, discounts: quote.discounts };
}
