// A signed-in customer's lines: those proven by a code sent to them, and adding another the same
// way. Any other number answers 404, exactly like a number Saxla does not know.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { lineStatuses } from '../../../domain/lifecycle.ts';
import { isLocale, type Locale } from '../../../domain/money.ts';
import { customerLanguages, usageKinds, usageUnits } from '../../../domain/vocabularies.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';
import { countdownSchema, isoDateSchema, moneySchema, msisdnParam } from '../schemas.ts';

const customerLineSchema = {
  type: 'object',
  properties: {
    msisdn: { type: 'string' },
    status: { type: 'string', enum: lineStatuses },
    balance: moneySchema, validUntil: isoDateSchema,
    plan: { type: ['string', 'null'], description: 'the plan\'s code' },
    planName: { type: ['string', 'null'], description: 'the plan\'s name in ?lang=, else in the session\'s language' },
    language: { type: 'string', enum: customerLanguages, description: 'the language of every SMS, statement and receipt of this line' },
    countdown: countdownSchema,
  },
} as const;

const language = { type: 'string', enum: customerLanguages } as const;
const langQuery = {
  type: 'object',
  properties: { lang: { ...language, description: 'names plans in this language; default: the session\'s' } },
} as const;

/** Plans are named in ?lang= (the portal passes its page's language), else in the session's language. */
function namesIn(request: FastifyRequest): Locale {
  const query = request.query as { lang?: unknown } | undefined;
  return isLocale(query?.lang) ? query.lang : customerOf(request).language;
}

const msisdn = { type: 'string', minLength: 1, maxLength: 32 } as const;

const usageSchema = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: usageKinds }, unit: { type: 'string', enum: usageUnits },
          included: { type: 'integer' }, used: { type: 'integer' }, left: { type: 'integer' },
          resetsAt: { type: 'string', description: 'when the next period\'s pack starts (ISO-8601, Baku offset)' },
        },
      },
    },
  },
} as const;

export async function customerLinesRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  // Authentication before the body is even read.
  app.addHook('onRequest', requireCustomer(deps));
  const tags = ['customer lines'];

  app.get('/api/v1/lines', {
    schema: {
      tags, summary: 'The lines on this account', querystring: langQuery,
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: customerLineSchema } } } },
    },
  }, async (request) => ({ items: await deps.useCases.listCustomerLines(customerOf(request).id, namesIn(request)) }));

  app.get<{ Params: { msisdn: string } }>('/api/v1/lines/:msisdn', {
    schema: { tags, summary: 'One of this account\'s lines with its countdown', params: msisdnParam, querystring: langQuery, response: { 200: customerLineSchema } },
  }, async (request) => deps.useCases.getCustomerLine(customerOf(request).id, request.params.msisdn, namesIn(request)));

  app.put<{ Params: { msisdn: string }; Body: { language: Locale } }>('/api/v1/lines/:msisdn/language', {
    schema: {
      tags,
      summary: 'Set the language of every SMS, statement and receipt of this line',
      description: 'A line has one language, whichever account holds it: the last choice wins, and who made it is logged. Each account\'s pages keep their own language.',
      params: msisdnParam, querystring: langQuery,
      body: { type: 'object', required: ['language'], additionalProperties: false, properties: { language } },
      response: { 200: customerLineSchema },
    },
  }, async (request) => deps.useCases.changeLineLanguage({
    customerId: customerOf(request).id, msisdn: request.params.msisdn, language: request.body.language, locale: namesIn(request),
  }));

  app.get<{ Params: { msisdn: string } }>('/api/v1/lines/:msisdn/usage', {
    schema: { tags, summary: 'What is left in this line\'s packs this period, and when they reset', params: msisdnParam, response: { 200: usageSchema } },
  }, async (request) => deps.useCases.getLineUsage(customerOf(request).id, request.params.msisdn));

  app.post<{ Body: { msisdn: string } }>('/api/v1/lines/link', {
    schema: {
      tags, summary: 'Add another line: a code goes by SMS to that line',
      body: { type: 'object', required: ['msisdn'], additionalProperties: false, properties: { msisdn } },
      response: { 202: { type: 'object', properties: { message: { type: 'string' } } } },
    },
  }, async (request, reply) => {
    await deps.useCases.requestLineLink({ customerId: customerOf(request).id, msisdn: request.body.msisdn, address: request.ip });
    return reply.code(202).send({ message: 'If this number can be added, a 6-digit code is on its way to it by SMS. It is valid for 10 minutes.' });
  });

  app.post<{ Body: { msisdn: string; code: string } }>('/api/v1/lines/link/verify', {
    schema: {
      tags, summary: 'Prove the other line with the code it received',
      body: { type: 'object', required: ['msisdn', 'code'], additionalProperties: false, properties: { msisdn, code: { type: 'string', pattern: '^[0-9]{6}$' } } },
      response: { 201: customerLineSchema },
    },
  }, async (request, reply) => {
    const view = await deps.useCases.verifyLineLink({ customerId: customerOf(request).id, ...request.body, address: request.ip, locale: namesIn(request) });
    return reply.code(201).send(view);
  });

  app.delete<{ Params: { msisdn: string } }>('/api/v1/lines/:msisdn/link', {
    schema: {
      tags, summary: 'Remove a line you added from this account (not the number you sign in with)',
      description: 'The line keeps its balance and validity; only this account stops seeing it. Recorded with the time and (hashed) address.',
      params: msisdnParam, response: { 204: { type: 'null' } },
    },
  }, async (request, reply) => {
    await deps.useCases.removeLineLink({ customerId: customerOf(request).id, msisdn: request.params.msisdn, address: request.ip });
    return reply.code(204).send();
  });
}
