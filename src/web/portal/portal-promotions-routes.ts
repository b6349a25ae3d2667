// The promotions page: what runs now, with conditions and last days. A signed-in customer sees
// what their account can use (GET /api/v1/promotions/mine); a visitor, or a session that has
// lapsed, sees every promotion in force.
import type { FastifyInstance } from 'fastify';
import { isDomainError } from '../../domain/errors.ts';
import { apiClient, type ApiClient } from './api-client.ts';
import type { PageContext } from './layout.ts';
import { promotionsBody, type AnnouncementJson, type PromotionJson } from './pages/promotions-page.ts';
import { pageContext, sendPage, type PortalSettings } from './portal-context.ts';

/** Offers for this page: the customer's own when signed in, else (or when that fails) the public list. */
export async function offersFor(api: ApiClient, ctx: PageContext): Promise<PromotionJson[]> {
  if (ctx.signedIn) {
    const mine = await api.get<{ items: PromotionJson[] }>(`/api/v1/promotions/mine?lang=${ctx.locale}`);
    if (mine.ok) return mine.data.items;
  }
  const all = await api.get<{ items: PromotionJson[] }>(`/api/v1/promotions?lang=${ctx.locale}`);
  if (!all.ok) throw new Error(`promotions answered ${all.status} ${all.code}`);
  return all.data.items;
}

/**
 * Today's announcements; none when they cannot be read, the database being away included: they
 * are never worth an error page, and the home page stays up through an outage as it did before.
 */
export async function announcementsFor(api: ApiClient, ctx: PageContext): Promise<AnnouncementJson[]> {
  try {
    const res = await api.get<{ items: AnnouncementJson[] }>(`/api/v1/announcements?lang=${ctx.locale}`);
    return res.ok ? res.data.items : [];
  } catch (error) {
    if (isDomainError(error) && error.code === 'DATABASE_UNAVAILABLE') return [];
    throw error;
  }
}

export async function portalPromotionsRoutes(app: FastifyInstance, { root, settings }: { root: FastifyInstance; settings: PortalSettings }): Promise<void> {
  app.get('/promotions', async (request, reply) => {
    const ctx = pageContext(root, settings, request, reply);
    const api = apiClient(root, request);
    const [offers, announcements] = await Promise.all([offersFor(api, ctx), announcementsFor(api, ctx)]);
    return sendPage(reply, ctx, 200, ctx.t('promos.title'), promotionsBody(ctx, offers, announcements), { active: '/promotions' });
  });
}
