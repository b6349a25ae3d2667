// A line's auto-renew or auto top-up (contract: GET, PUT, DELETE /api/v1/lines/{msisdn}/auto-renew)
// and the payment methods a customer saves at a provider to pay it. Customer session only; a line
// or method of someone else answers 404 like one that does not exist.
import type { FastifyInstance } from 'fastify';
import { autoRenewModes, autoRenewSources } from '../../../domain/auto-renew.ts';
import { onlinePaymentProviders } from '../../../domain/vocabularies.ts';
import type { AutoRenewBody } from '../../../services/auto-renew-settings.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';
import { moneySchema, msisdnParam, positiveMoneySchema } from '../schemas.ts';

const bodySchema = {
  type: 'object',
  required: ['mode', 'monthlyCap', 'source'],
  additionalProperties: false,
  properties: {
    mode: { type: 'string', enum: autoRenewModes },
    planCode: { type: 'string', minLength: 1, maxLength: 40, description: 'renew: the plan' },
    months: { type: 'integer', minimum: 1, maximum: 24, description: 'renew: months each time' },
    daysBefore: { type: 'integer', minimum: 0, maximum: 30, description: 'renew: days before the validity end (3 when absent)' },
    amount: { ...positiveMoneySchema, description: 'top_up: how much each time (at least 1 AZN)' },
    belowBalance: { ...positiveMoneySchema, description: 'top_up: when the balance falls below this' },
    dayOfMonth: { type: 'integer', minimum: 1, maximum: 31, description: 'top_up: on this day of each month (the last day of shorter months)' },
    monthlyCap: {
      ...moneySchema, properties: { ...moneySchema.properties, amount: { type: 'integer', minimum: 0, maximum: 100_000_000 } },
      description: 'the most all runs of one Baku calendar month may cost; one run costing more → 422' },
    source: { type: 'string', enum: autoRenewSources, description: 'balance (renewals only) or the payment method last saved' },
  },
} as const;

const viewSchema = {
  type: 'object',
  properties: {
    ...bodySchema.properties,
    msisdn: { type: 'string' },
    nextRunAt: { type: ['string', 'null'], description: 'ISO-8601 with offset; null while waiting for the balance to fall' },
    spentThisMonth: moneySchema,
    paymentMethod: { type: ['object', 'null'], properties: { provider: { type: 'string' }, label: { type: 'string' } } },
    lastProblem: { type: ['string', 'null'], description: 'declined, insufficient_balance or cap when the last try did not charge' },
  },
} as const;

const methodSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, provider: { type: 'string' }, status: { type: 'string' }, label: { type: ['string', 'null'] } },
} as const;

type Params = { Params: { msisdn: string } };

export async function autoRenewRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.addHook('onRequest', requireCustomer(deps));
  const tags = ['auto-renew'];

  app.get<Params>('/api/v1/lines/:msisdn/auto-renew', {
    schema: { tags, summary: 'This line\'s auto-renew or auto top-up and its next run', params: msisdnParam, response: { 200: viewSchema } },
  }, async (request) => deps.useCases.getAutoRenew(customerOf(request).id, request.params.msisdn));

  app.put<Params & { Body: AutoRenewBody }>('/api/v1/lines/:msisdn/auto-renew', {
    schema: { tags, summary: 'Set (or replace) auto-renew or auto top-up with a monthly cap', params: msisdnParam, body: bodySchema, response: { 200: viewSchema } },
  }, async (request) => deps.useCases.setAutoRenew(customerOf(request).id, request.params.msisdn, request.body));

  app.delete<Params>('/api/v1/lines/:msisdn/auto-renew', {
    schema: { tags, summary: 'Cancel it; a charge already under way still settles', params: msisdnParam },
  }, async (request, reply) => {
    await deps.useCases.cancelAutoRenew(customerOf(request).id, request.params.msisdn);
    return reply.code(204).send();
  });

  app.get('/api/v1/payment-methods', {
    schema: {
      tags, summary: 'Payment methods saved at a provider for automatic payments (labels only, never card data)',
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: methodSchema }, providers: { type: 'array', items: { type: 'string' } } } } },
    },
  }, async (request) => ({ items: await deps.useCases.listPaymentMethods(customerOf(request).id), providers: deps.useCases.savingProviders() }));

  app.post<{ Body: { provider: string; returnPath?: string } }>('/api/v1/payment-methods', {
    schema: {
      tags, summary: 'Start saving a payment method: open setupUrl, the provider sends the customer back to returnPath',
      body: {
        type: 'object', required: ['provider'], additionalProperties: false,
        properties: { provider: { type: 'string', enum: onlinePaymentProviders }, returnPath: { type: 'string', pattern: '^/[^/]', maxLength: 200 } },
      },
      response: { 201: { type: 'object', properties: { methodId: { type: 'string' }, setupUrl: { type: 'string' } } } },
    },
  }, async (request, reply) => {
    const started = await deps.useCases.startSavingPaymentMethod(customerOf(request).id, request.body.provider, request.body.returnPath ?? '/dashboard');
    return reply.code(201).send(started);
  });

  app.delete<{ Params: { methodId: string } }>('/api/v1/payment-methods/:methodId', {
    schema: {
      tags, summary: 'Remove a saved method: the provider forgets it, and automatic payments it paid are cancelled',
      params: { type: 'object', required: ['methodId'], properties: { methodId: { type: 'string', maxLength: 64 } } },
    },
  }, async (request, reply) => {
    await deps.useCases.removePaymentMethod(customerOf(request).id, request.params.methodId);
    return reply.code(204).send();
  });

  app.post<{ Params: { methodId: string } }>('/api/v1/payment-methods/:methodId/complete', {
    schema: {
      tags, summary: 'After the provider\'s page: ask it what was saved',
      params: { type: 'object', required: ['methodId'], properties: { methodId: { type: 'string', maxLength: 64 } } },
      response: { 200: methodSchema },
    },
  }, async (request) => deps.useCases.completeSavingPaymentMethod(customerOf(request).id, request.params.methodId));
}
