// Promotions in force, in one language (public), the ones a signed-in customer can use, and the
// portal's announcements.
import type { FastifyInstance } from 'fastify';
import { customerLanguages } from '../../../domain/vocabularies.ts';
import type { PromotionOffer } from '../../../domain/promotion-offers.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';
import { isoDateSchema } from '../schemas.ts';
import { requestLocale } from './plans.ts';

const langQuery = { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', enum: customerLanguages } } } as const;

const offersResponse = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'description', 'validUntil', 'conditions'],
        properties: {
          code: { type: 'string', description: 'present when the promotion needs a code typed (at the quote, or at a store)' },
          name: { type: 'string' },
          description: { type: 'string' },
          validUntil: { ...isoDateSchema, type: ['string', 'null'], description: 'the last calendar day (Asia/Baku) it can be used; null for standing offers' },
          conditions: { type: 'array', items: { type: 'string' }, description: 'who may use it and what it needs, in sentences of the requested language' },
        },
      },
    },
  },
} as const;

function asItems(offers: readonly PromotionOffer[]): { items: PromotionOffer[] } {
  return { items: [...offers] };
}

export async function promotionRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.get('/api/v1/promotions', {
    schema: { tags: ['catalog'], summary: 'Promotions in force, in one language', querystring: langQuery, response: { 200: offersResponse } },
  }, async (request) => asItems(await deps.useCases.listPromotionOffers(requestLocale(request))));

  app.get('/api/v1/promotions/mine', {
    onRequest: requireCustomer(deps),
    schema: {
      tags: ['catalog'], summary: 'Promotions in force that the signed-in customer can use (codes for new customers, spent codes left out)',
      querystring: langQuery, response: { 200: offersResponse },
    },
  }, async (request) => asItems(await deps.useCases.listPromotionOffers(requestLocale(request), customerOf(request).id)));

  app.get('/api/v1/announcements', {
    schema: {
      tags: ['catalog'], summary: 'Announcements shown on the portal today, in one language', querystring: langQuery,
      response: {
        200: {
          type: 'object',
          properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, text: { type: 'string' }, endsOn: isoDateSchema } } } },
        },
      },
    },
  }, async (request) => ({ items: await deps.useCases.listAnnouncements(requestLocale(request)) }));
}
