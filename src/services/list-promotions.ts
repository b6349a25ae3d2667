// The promotions a visitor or customer can use now (GET /api/v1/promotions, the portal's
// promotions page and dashboard panel), and the portal's current announcements.
import { operatorDay, type Instant } from '../domain/calendar.ts';
import type { Locale } from '../domain/money.ts';
import { currentOffers, type OfferAudience, type PromotionOffer } from '../domain/promotion-offers.ts';
import type { Sql } from '../db/database.ts';
import { listLinkedMsisdns } from '../db/account-repository.ts';
import { listCurrentAnnouncements } from '../db/announcement-repository.ts';
import { listActivePlans } from '../db/plan-repository.ts';
import { countCustomerUsesByCode, listPublishedPromotions } from '../db/promotion-admin-repository.ts';
import { isNewCustomer } from '../db/promotion-repository.ts';

export interface PromotionListDeps {
  readonly db: Sql;
  readonly now: () => Instant;
}

/**
 * Offers open now in `locale`. With a customer, only what that customer could use: codes for new
 * customers are left out once they have renewed, and codes whose uses they have spent.
 */
export async function listPromotionOffers(deps: PromotionListDeps, locale: Locale, customerId?: string): Promise<PromotionOffer[]> {
  // Independent reads, asked together: the answer waits for the slowest, not for their sum.
  const [stored, plans, audience] = await Promise.all([
    listPublishedPromotions(deps.db),
    listActivePlans(deps.db),
    customerId === undefined ? undefined : audienceOf(deps.db, customerId),
  ]);
  return currentOffers(stored, deps.now(), locale, plans, audience);
}

async function audienceOf(sql: Sql, customerId: string): Promise<OfferAudience> {
  const [newCustomer, usesByCode] = await Promise.all([
    listLinkedMsisdns(sql, customerId).then((msisdns) => isNewCustomer(sql, customerId, msisdns)),
    countCustomerUsesByCode(sql, customerId),
  ]);
  return { newCustomer, usesByCode };
}

export interface AnnouncementView {
  readonly id: string;
  readonly text: string;
  readonly endsOn: string;
}

/** The announcements shown today (Baku), in `locale`. */
export async function listAnnouncements(deps: PromotionListDeps, locale: Locale): Promise<AnnouncementView[]> {
  const rows = await listCurrentAnnouncements(deps.db, operatorDay(deps.now()));
  return rows.map((a) => ({ id: a.id, text: a.texts[locale], endsOn: a.endsOn }));
}
