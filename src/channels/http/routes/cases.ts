// Support cases (issue 13, contract "cases"): a customer opens one (category, text, optionally the
// statement entries it is about), lists theirs, reads one with staff's answers, and replies.
// Another customer's case answers 404, like one that does not exist.
import type { FastifyInstance } from 'fastify';
import { CASE_ENTRIES_MAX, CASE_TEXT_MAX, caseCategories, caseStatuses } from '../../../domain/support-cases.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';

const caseIdParam = { type: 'object', required: ['caseId'], properties: { caseId: { type: 'string', minLength: 1, maxLength: 64 } } } as const;
const text = { type: 'string', minLength: 1, maxLength: CASE_TEXT_MAX * 2, description: `at most ${CASE_TEXT_MAX} characters once trimmed` } as const;

const openBody = {
  type: 'object', required: ['category', 'text'], additionalProperties: false,
  properties: {
    msisdn: { type: 'string', maxLength: 32, description: 'one of the account\'s numbers the case is about; SMS about the case go to it' },
    category: { type: 'string', enum: caseCategories },
    text,
    entryIds: { type: 'array', maxItems: CASE_ENTRIES_MAX, items: { type: 'string', maxLength: 20 }, description: 'statement entries (`id` in the statement) of the account\'s numbers' },
  },
} as const;

const summarySchema = {
  type: 'object',
  properties: {
    caseId: { type: 'string' }, ref: { type: 'string', description: 'short reference the SMS name' }, msisdn: { type: ['string', 'null'] },
    category: { type: 'string', enum: caseCategories }, status: { type: 'string', enum: caseStatuses },
    createdAt: { type: 'string' }, updatedAt: { type: 'string' },
  },
} as const;

const detailSchema = {
  type: 'object',
  properties: {
    ...summarySchema.properties,
    messages: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['text', 'answer', 'more_info', 'resolution'] }, from: { type: 'string', enum: ['customer', 'staff'] },
          text: { type: 'string' }, at: { type: 'string' },
        },
      },
    },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' }, msisdn: { type: 'string' }, kind: { type: 'string' }, at: { type: 'string' },
          amount: { type: 'object', properties: { amount: { type: 'integer' }, currency: { type: 'string' } } },
        },
      },
    },
  },
} as const;

export async function caseRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  const customer = requireCustomer(deps);
  const tags = ['cases'];
  const use = deps.useCases;

  app.post<{ Body: { msisdn?: string; category: string; text: string; entryIds?: string[] } }>('/api/v1/cases', {
    preHandler: customer, schema: { tags, summary: 'Open a support case', body: openBody, response: { 201: summarySchema } },
  }, async (request, reply) => reply.code(201).send(await use.openSupportCase(customerOf(request).id, request.body)));

  app.get('/api/v1/cases', {
    preHandler: customer, schema: { tags, summary: 'The account\'s support cases, newest first', response: { 200: { type: 'object', properties: { items: { type: 'array', items: summarySchema } } } } },
  }, async (request) => ({ items: await use.listSupportCases(customerOf(request).id) }));

  app.get<{ Params: { caseId: string } }>('/api/v1/cases/:caseId', {
    preHandler: customer, schema: { tags, summary: 'One case with its messages and entries', params: caseIdParam, response: { 200: detailSchema } },
  }, async (request) => use.getSupportCase(customerOf(request).id, request.params.caseId));

  app.post<{ Params: { caseId: string }; Body: { text: string } }>('/api/v1/cases/:caseId/messages', {
    preHandler: customer,
    schema: {
      tags, summary: 'Reply to staff (the case is open again); a resolved case answers 409 CASE_CLOSED', params: caseIdParam,
      body: { type: 'object', required: ['text'], additionalProperties: false, properties: { text } }, response: { 200: detailSchema },
    },
  }, async (request) => use.replyToSupportCase(customerOf(request).id, request.params.caseId, request.body.text));
}
