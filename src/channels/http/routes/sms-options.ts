// What an SMS costs (public: the parts a typical reminder takes in each language) and the line's
// choice to get Azerbaijani SMS in Latin letters, which makes that reminder one part.
import type { FastifyInstance } from 'fastify';
import { locales } from '../../../domain/money.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';
import { msisdnParam } from '../schemas.ts';

const costSchema = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          language: { type: 'string', enum: locales },
          script: { type: 'string', enum: ['native', 'latin'], description: 'latin: Azerbaijani without ə and the other letters GSM lacks' },
          parts: { type: 'integer', description: 'SMS parts a typical reminder takes (what the operator bills)' },
          encoding: { type: 'string', enum: ['gsm7', 'ucs2'] },
        },
      },
    },
  },
} as const;

const optionsSchema = {
  type: 'object',
  properties: {
    msisdn: { type: 'string' },
    language: { type: 'string', enum: locales },
    azLatin: { type: 'boolean', description: 'Azerbaijani SMS in Latin letters without ə (ə → e, ş → s …)' },
  },
} as const;

export async function smsOptionsRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  const onRequest = requireCustomer(deps);

  app.get('/api/v1/sms-cost', {
    schema: { tags: ['sms'], summary: 'SMS parts a typical reminder takes in each language', response: { 200: costSchema } },
  }, async () => ({ items: deps.useCases.estimateSmsCost() }));

  app.get<{ Params: { msisdn: string } }>('/api/v1/lines/:msisdn/sms-options', {
    onRequest,
    schema: { tags: ['customer lines'], summary: 'How SMS to this line are written', params: msisdnParam, response: { 200: optionsSchema } },
  }, async (request) => deps.useCases.getLineSmsOptions(customerOf(request).id, request.params.msisdn));

  app.put<{ Params: { msisdn: string }; Body: { azLatin: boolean } }>('/api/v1/lines/:msisdn/sms-options', {
    onRequest,
    schema: {
      tags: ['customer lines'], summary: 'Choose Latin letters for this line\'s Azerbaijani SMS', params: msisdnParam,
      body: { type: 'object', required: ['azLatin'], additionalProperties: false, properties: { azLatin: { type: 'boolean' } } },
      response: { 200: optionsSchema },
    },
  }, async (request) => deps.useCases.setLineSmsOptions(customerOf(request).id, request.params.msisdn, { azLatin: request.body.azLatin }));
}
