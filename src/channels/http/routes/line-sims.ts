// Multi-SIM numbers (issue 13): list a number's SIMs by the ICCID's last 4 digits, add one online
// (its ICCID, then the code sent to the number itself), remove one. A number not on this account
// answers 404, like one Saxla does not know.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';
import { msisdnParam } from '../schemas.ts';

const simsSchema = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          simId: { type: ['string', 'null'], description: 'null for the main SIM (changing it is a SIM swap, at a store)' },
          iccidLast4: { type: 'string', description: 'the last 4 digits of the SIM\'s serial (ICCID)' },
          main: { type: 'boolean' },
          channel: { type: ['string', 'null'], enum: ['counter', 'online', null] },
          addedAt: { type: ['string', 'null'] },
        },
      },
    },
  },
} as const;

const simParams = {
  type: 'object', required: ['msisdn', 'simId'],
  properties: { ...msisdnParam.properties, simId: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export async function lineSimRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.addHook('onRequest', requireCustomer(deps));
  const tags = ['multi-SIM'];
  const use = deps.useCases;

  app.get<{ Params: { msisdn: string } }>('/api/v1/lines/:msisdn/sims', {
    schema: { tags, summary: 'The number\'s SIMs, by the last 4 digits of each ICCID, the main SIM first', params: msisdnParam, response: { 200: simsSchema } },
  }, async (request) => use.listLineSims(customerOf(request).id, request.params.msisdn));

  app.post<{ Params: { msisdn: string }; Body: { iccid: string } }>('/api/v1/lines/:msisdn/sims', {
    schema: {
      tags, summary: 'Ask to put the number on one more SIM (Multi-SIM plan): a code goes by SMS to the number',
      params: msisdnParam,
      body: { type: 'object', required: ['iccid'], additionalProperties: false, properties: { iccid: { type: 'string', minLength: 1, maxLength: 32, description: 'the new SIM\'s serial as printed on it' } } },
      response: { 202: { type: 'object', properties: { message: { type: 'string' } } } },
    },
  }, async (request, reply) => {
    await use.requestLineSim({ customerId: customerOf(request).id, msisdn: request.params.msisdn, iccid: request.body.iccid, address: request.ip });
    return reply.code(202).send({ message: 'A 6-digit code is on its way to the number by SMS. It is valid for 10 minutes.' });
  });

  app.post<{ Params: { msisdn: string }; Body: { code: string } }>('/api/v1/lines/:msisdn/sims/verify', {
    schema: {
      tags, summary: 'Add the SIM with the code the number received',
      params: msisdnParam,
      body: { type: 'object', required: ['code'], additionalProperties: false, properties: { code: { type: 'string', pattern: '^[0-9]{6}$' } } },
      response: { 201: simsSchema },
    },
  }, async (request, reply) => reply.code(201).send(await use.confirmLineSim({
    customerId: customerOf(request).id, msisdn: request.params.msisdn, code: request.body.code, address: request.ip,
  })));

  app.delete<{ Params: { msisdn: string; simId: string } }>('/api/v1/lines/:msisdn/sims/:simId', {
    schema: { tags, summary: 'Take an extra SIM off the number (recorded with who and when; the number is told by SMS)', params: simParams, response: { 200: simsSchema } },
  }, async (request) => use.removeLineSim(customerOf(request).id, request.params.msisdn, request.params.simId));
}
