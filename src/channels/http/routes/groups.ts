// Family groups (issue 13, contract "groups"): the payer creates one on a family plan, invites
// numbers, and each joins with the code its number received; the payer renews all in one quote.
// Any group the caller neither pays for nor is in answers 404, like one that does not exist.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { memberStatuses } from '../../../domain/groups.ts';
import { isLocale, type Locale } from '../../../domain/money.ts';
import { customerLanguages } from '../../../domain/vocabularies.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';
import { isoDateSchema } from '../schemas.ts';

const msisdn = { type: 'string', minLength: 1, maxLength: 32 } as const;
const groupIdParam = { type: 'object', required: ['groupId'], properties: { groupId: { type: 'string', minLength: 1, maxLength: 64 } } } as const;
const memberParams = {
  type: 'object', required: ['groupId', 'msisdn'],
  properties: { groupId: { type: 'string', minLength: 1, maxLength: 64 }, msisdn: { ...msisdn, description: 'E.164 (URL-encoded) or national' } },
} as const;
const langQuery = { type: 'object', properties: { lang: { type: 'string', enum: customerLanguages, description: 'names the plan in this language; default: the session\'s' } } } as const;

const memberSchema = {
  type: 'object',
  properties: {
    msisdn: { type: 'string' },
    status: { type: 'string', enum: memberStatuses },
    validUntil: { anyOf: [isoDateSchema, { type: 'null' }], description: 'the member\'s validity (the payer sees every active member\'s, a member its own)' },
  },
} as const;

const groupSchema = {
  type: 'object',
  properties: {
    groupId: { type: 'string' },
    planCode: { type: 'string' },
    planName: { type: 'string' },
    name: { type: ['string', 'null'] },
    role: { type: 'string', enum: ['payer', 'member'] },
    maxMembers: { type: 'integer', description: 'numbers the plan is shared by, invitations included' },
    members: { type: 'array', items: memberSchema },
    pool: {
      description: 'the shared data pool this period, in kilobytes, with who used what; null when the plan has no data',
      anyOf: [{ type: 'null' }, {
        type: 'object',
        properties: {
          periodStart: isoDateSchema, periodEnd: isoDateSchema, included: { type: 'integer' }, used: { type: 'integer' }, left: { type: 'integer' },
          byMember: { type: 'array', items: { type: 'object', properties: { msisdn: { type: 'string' }, used: { type: 'integer' } } } },
        },
      }],
    },
  },
} as const;

function namesIn(request: FastifyRequest): Locale {
  const query = request.query as { lang?: unknown } | undefined;
  return isLocale(query?.lang) ? query.lang : customerOf(request).language;
}

export async function groupRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.addHook('onRequest', requireCustomer(deps));
  const tags = ['groups'];
  const use = deps.useCases;

  app.post<{ Body: { planCode: string; name?: string } }>('/api/v1/groups', {
    schema: {
      tags, summary: 'Start a family group on a family plan (the session\'s account pays)',
      body: {
        type: 'object', required: ['planCode'], additionalProperties: false,
        properties: { planCode: { type: 'string', minLength: 1, maxLength: 40 }, name: { type: 'string', minLength: 1, maxLength: 60 } },
      },
      response: { 201: { type: 'object', properties: { groupId: { type: 'string' } } } },
    },
  }, async (request, reply) => reply.code(201).send(await use.createGroup(customerOf(request).id, request.body)));

  app.get('/api/v1/groups', {
    schema: { tags, summary: 'The groups this account pays for or is a member of', querystring: langQuery, response: { 200: { type: 'object', properties: { items: { type: 'array', items: groupSchema } } } } },
  }, async (request) => ({ items: await use.listGroups(customerOf(request).id, namesIn(request)) }));

  app.get<{ Params: { groupId: string } }>('/api/v1/groups/:groupId', {
    schema: { tags, summary: 'A group: its plan, members with their state and validity, the shared pool', params: groupIdParam, querystring: langQuery, response: { 200: groupSchema } },
  }, async (request) => use.getGroup(customerOf(request).id, request.params.groupId, namesIn(request)));

  app.post<{ Params: { groupId: string }; Body: { msisdn: string } }>('/api/v1/groups/:groupId/members', {
    schema: {
      tags, summary: 'Invite a number: a code goes to it by SMS, to type or pass on to the payer',
      params: groupIdParam,
      body: { type: 'object', required: ['msisdn'], additionalProperties: false, properties: { msisdn } },
      response: { 202: { type: 'object', properties: { msisdn: { type: 'string' }, status: { type: 'string', enum: ['invited'] } } } },
    },
  }, async (request, reply) => reply.code(202).send(await use.inviteGroupMember({
    customerId: customerOf(request).id, groupId: request.params.groupId, msisdn: request.body.msisdn, address: request.ip,
  })));

  app.post<{ Params: { groupId: string; msisdn: string }; Body: { code: string } }>('/api/v1/groups/:groupId/members/:msisdn/consent', {
    schema: {
      tags, summary: 'The member joins with the code its number received (typed by the member or by the payer)',
      params: memberParams, querystring: langQuery,
      body: { type: 'object', required: ['code'], additionalProperties: false, properties: { code: { type: 'string', pattern: '^[0-9]{6}$' } } },
      response: { 200: groupSchema },
    },
  }, async (request) => use.consentGroupMember({
    customerId: customerOf(request).id, groupId: request.params.groupId, msisdn: request.params.msisdn, code: request.body.code,
    address: request.ip, locale: namesIn(request),
  }));

  app.delete<{ Params: { groupId: string; msisdn: string } }>('/api/v1/groups/:groupId/members/:msisdn', {
    schema: {
      tags, summary: 'A member leaves, or the payer removes a member (told by SMS) or withdraws an invitation; the number keeps its validity',
      params: memberParams,
      response: { 200: { type: 'object', properties: { msisdn: { type: 'string' }, status: { type: 'string', enum: ['left'] }, reason: { type: 'string', enum: ['left', 'removed'] } } } },
    },
  }, async (request) => use.endGroupMembership({ customerId: customerOf(request).id, groupId: request.params.groupId, msisdn: request.params.msisdn }));

  app.post<{ Params: { groupId: string }; Body: { months: number } }>('/api/v1/groups/:groupId/quotes', {
    schema: {
      tags, summary: 'Price renewing every active member on the group\'s plan in one order (bundle discount as for any several-line quote)',
      description: 'The answer is a quote as from POST /api/v1/quotes; pay it with POST /api/v1/orders.',
      params: groupIdParam, querystring: langQuery,
      body: { type: 'object', required: ['months'], additionalProperties: false, properties: { months: { type: 'integer', minimum: 1, maximum: 24 } } },
    },
  }, async (request, reply) => reply.code(201).send(await use.quoteGroupRenewal(customerOf(request).id, request.params.groupId, request.body.months, namesIn(request))));
}
