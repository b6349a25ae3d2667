// GET /api/v1/lines/{msisdn}/keep-until?date=YYYY-MM-DD[&receiveOnly=true]: the cheapest way to keep
// one of the customer's lines until that day. Reads only; the portal turns its first step into a quote.
import type { FastifyInstance } from 'fastify';
import { customerLanguages } from '../../../domain/vocabularies.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';
import { isoDateSchema, moneySchema, msisdnParam } from '../schemas.ts';
import { requestLocale } from './plans.ts';

const keepUntilQuery = {
  type: 'object',
  required: ['date'],
  additionalProperties: false,
  properties: {
    date: { type: 'string', minLength: 1, maxLength: 10, description: 'the last day the line must be kept, YYYY-MM-DD (Asia/Baku); today or later' },
    receiveOnly: { type: 'boolean', default: false, description: 'true: receiving calls and SMS is enough (one-way allowed, never suspended)' },
    lang: { type: 'string', enum: customerLanguages, description: 'language of plan names' },
  },
} as const;

const stepSchema = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['renewal', 'top_up'] },
    planCode: { type: 'string' }, planName: { type: 'string' }, months: { type: 'integer' },
    amount: moneySchema, days: { type: 'integer' },
    on: { ...isoDateSchema, description: 'the day to buy this step (the latest that keeps the goal)' },
    price: moneySchema, validUntilAfter: isoDateSchema,
    buyNow: { type: 'boolean', description: 'buying it today has the same effect' },
  },
} as const;

const keepUntilSchema = {
  type: 'object',
  properties: {
    msisdn: { type: 'string' }, date: isoDateSchema, receiveOnly: { type: 'boolean' }, validUntil: isoDateSchema,
    total: { ...moneySchema, description: 'what the whole schedule costs, however it is paid' },
    steps: { type: 'array', items: stepSchema }, validUntilAfter: isoDateSchema,
  },
} as const;

export async function keepUntilRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.addHook('onRequest', requireCustomer(deps));
  app.get<{ Params: { msisdn: string }; Querystring: { date: string; receiveOnly: boolean } }>('/api/v1/lines/:msisdn/keep-until', {
    schema: {
      tags: ['customer lines'], summary: 'The cheapest schedule of renewals and top-ups that keeps this line until a day',
      params: msisdnParam, querystring: keepUntilQuery, response: { 200: keepUntilSchema },
    },
  }, async (request) => deps.useCases.planKeepLineUntil(customerOf(request).id, {
    msisdn: request.params.msisdn, date: request.query.date, receiveOnly: request.query.receiveOnly,
  }, requestLocale(request)));
}
