// POST /api/v1/quotes: one line ({msisdn, planCode, months, promoCode?}), a top-up
// ({msisdn, topUpAmount}) or several lines ({items: [...], promoCode?}).
import type { FastifyInstance } from 'fastify';
import { DomainError, type ErrorDetail } from '../../../domain/errors.ts';
import { qepik } from '../../../domain/money.ts';
import { parseMsisdn } from '../../../domain/msisdn.ts';
import type { QuoteRequest } from '../../../services/create-quote.ts';
import type { HttpDeps } from '../http-deps.ts';
import { positiveMoneySchema } from '../schemas.ts';
import { requestLocale } from './plans.ts';
import { customerHooks, customerIdOf } from './order-customer.ts';

const planCode = { type: 'string', minLength: 1, maxLength: 40 } as const;
const months = { type: 'integer', minimum: 1, maximum: 24 } as const;
const msisdn = { type: 'string', minLength: 1, maxLength: 32 } as const;

const quoteBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    msisdn, planCode, months,
    promoCode: { type: 'string', minLength: 1, maxLength: 40 },
    topUpAmount: {
      anyOf: [positiveMoneySchema, { type: 'integer', minimum: 1, maximum: 100_000_000 }],
      description: 'an online top-up: from the policy\'s onlineTopUp.minAmount (1 AZN) to its maxAmount (500 AZN unless the policy says otherwise); the quote names the days it buys (items[].validityDays)',
    },
    items: {
      type: 'array', minItems: 1, maxItems: 10,
      items: { type: 'object', required: ['msisdn', 'planCode', 'months'], additionalProperties: false, properties: { msisdn, planCode, months } },
    },
  },
} as const;

interface QuoteBody {
  msisdn?: string; planCode?: string; months?: number; promoCode?: string;
  topUpAmount?: { amount: number } | number; items?: { msisdn: string; planCode: string; months: number }[];
}

/** Tells the three shapes apart; a mixture is refused, naming what does not belong. */
function readQuoteBody(body: QuoteBody): QuoteRequest {
  const present = (keys: (keyof QuoteBody)[]): string[] => keys.filter((k) => body[k] !== undefined);
  const refuse = (extra: string[], shape: string): void => {
    if (extra.length === 0) return;
    const details: ErrorDetail[] = extra.map((k) => ({ path: `body/${k}`, message: `${k} does not belong in ${shape}` }));
    throw new DomainError('VALIDATION_FAILED', details[0]?.message ?? 'mixed request shapes', details);
  };
  if (body.items !== undefined) {
    refuse(present(['msisdn', 'planCode', 'months', 'topUpAmount']), 'a several-line quote ({items, promoCode?})');
    return {
      kind: 'renewal',
      items: body.items.map((i) => ({ msisdn: parseMsisdn(i.msisdn), planCode: i.planCode, months: i.months })),
      ...(body.promoCode === undefined ? {} : { promoCode: body.promoCode }),
    };
  }
  if (body.topUpAmount !== undefined) {
    refuse(present(['planCode', 'months', 'promoCode']), 'a top-up quote ({msisdn, topUpAmount})');
    if (body.msisdn === undefined) throw new DomainError('VALIDATION_FAILED', 'msisdn is required', [{ path: 'body/msisdn', message: 'required' }]);
    const amount = typeof body.topUpAmount === 'number' ? body.topUpAmount : body.topUpAmount.amount;
    return { kind: 'top_up', msisdn: parseMsisdn(body.msisdn), amount: qepik(amount) };
  }
  const missing = (['msisdn', 'planCode', 'months'] as const).filter((k) => body[k] === undefined);
  if (missing.length > 0 || body.msisdn === undefined || body.planCode === undefined || body.months === undefined) {
    throw new DomainError('VALIDATION_FAILED', `${missing.join(', ')} required (or send topUpAmount, or items)`,
      missing.map((k) => ({ path: `body/${k}`, message: 'required' })));
  }
  return {
    kind: 'renewal',
    items: [{ msisdn: parseMsisdn(body.msisdn), planCode: body.planCode, months: body.months }],
    ...(body.promoCode === undefined ? {} : { promoCode: body.promoCode }),
  };
}

export async function quoteRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.post<{ Body: QuoteBody }>('/api/v1/quotes', {
    preHandler: customerHooks(deps),
    schema: { tags: ['orders'], summary: 'Price a renewal or a top-up; the price holds for 15 minutes', body: quoteBody },
  }, async (request, reply) => {
    const quote = await deps.useCases.createQuote(customerIdOf(request), readQuoteBody(request.body), requestLocale(request));
    return reply.code(201).send(quote);
  });
}
