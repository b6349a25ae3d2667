// What a counter sale's customer is paying for: the quote's items and discounts, for the sale's
// page, named in the console's language (the quote keeps the names in the customer's language,
// for the customer's receipt). Staff of another store are refused, as for the sale itself.
import { promotionName } from '../domain/promotions.ts';
import { DomainError } from '../domain/errors.ts';
import type { Locale } from '../domain/money.ts';
import { findOrder, findQuote, type QuoteDiscount, type QuoteItem } from '../db/order-repository.ts';
import { listActivePromotions } from '../db/promotion-repository.ts';
import { loadCounterSale } from './counter-sale.ts';
import { counterPlanNames } from './list-counter-plans.ts';
import type { StaffDeps } from './staff-auth.ts';
import type { StaffActor } from './staff-scope.ts';

export interface CounterSaleQuote {
  readonly items: readonly QuoteItem[];
  readonly discounts: readonly QuoteDiscount[];
}

export async function readCounterSaleQuote(deps: StaffDeps, actor: StaffActor, orderId: string, language: Locale): Promise<CounterSaleQuote> {
  await loadCounterSale(deps, actor, orderId);
  const order = await findOrder(deps.db, orderId);
  const quote = order ? await findQuote(deps.db, order.quoteId) : undefined;
  if (!quote) throw new DomainError('ORDER_NOT_FOUND', `no quote behind counter sale ${orderId}`);
  const plans = await counterPlanNames(deps, language);
  const promotions = new Map((await listActivePromotions(deps.db)).map((p) => [p.code, promotionName(p, language)]));
  return {
    items: quote.items.map((item) => ({ ...item, planName: item.planCode === null ? item.planName : plans.get(item.planCode) ?? item.planName })),
    // A promotion withdrawn since keeps the name it was quoted with.
    discounts: quote.discounts.map((d) => ({ ...d, name: promotions.get(d.code) ?? d.name })),
  };
}
