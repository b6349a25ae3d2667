// The catalog, in the customer's language.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { customerLanguages } from '../../../domain/vocabularies.ts';
import { planText } from '../../../domain/catalog.ts';
import { isLocale, type Locale } from '../../../domain/money.ts';
import type { HttpDeps } from '../http-deps.ts';
import { moneySchema } from '../schemas.ts';

/** ?lang= first, then the first Accept-Language we speak, then Azerbaijani. */
export function requestLocale(request: FastifyRequest): Locale {
  const query = request.query as { lang?: unknown } | undefined;
  if (isLocale(query?.lang)) return query.lang;
  const header = request.headers['accept-language'] ?? '';
  for (const part of header.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return 'az';
}

const langQuery = { type: 'object', properties: { lang: { type: 'string', enum: customerLanguages } } } as const;

export async function planRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.get('/api/v1/plans', {
    schema: {
      tags: ['catalog'], summary: 'Plans on sale, in one language', querystring: langQuery,
      response: {
        200: {
          type: 'object',
          properties: {
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  code: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' },
                  monthlyPrice: moneySchema, durations: { type: 'array', items: { type: 'integer' } },
                },
              },
            },
          },
        },
      },
    },
  }, async (request) => {
    const locale = requestLocale(request);
    const plans = await deps.useCases.listPlansOnSale();
    return {
      items: plans.map((p) => {
        const text = planText(p, locale);
        return { code: p.code, kind: p.kind, name: text.name, description: text.description, monthlyPrice: { amount: p.monthlyPrice, currency: 'AZN' }, durations: p.durations };
      }),
    };
  });
}
