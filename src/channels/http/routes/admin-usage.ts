// The operator's mediation feed: batches of usage records, rated against each line's packs.
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { MAX_USAGE_BATCH } from '../../../domain/usage-records.ts';
import { usageKinds, usageUnits } from '../../../domain/vocabularies.ts';
import { requireBearer } from '../plugins/bearer-auth.ts';
import type { HttpDeps } from '../http-deps.ts';
import { validatorCompiler } from '../validation.ts';

// Documents the record for the OpenAPI document; the domain checks each record itself
// (usage-records.ts), because a bad record must be refused as 422 naming its index.
const usageBody = {
  type: 'array',
  maxItems: MAX_USAGE_BATCH,
  items: {
    type: 'object',
    required: ['sourceId', 'msisdn', 'kind', 'quantity', 'unit', 'occurredAt'],
    additionalProperties: false,
    properties: {
      sourceId: { type: 'string', minLength: 1, maxLength: 100 },
      msisdn: { type: 'string', minLength: 1, maxLength: 32 },
      kind: { type: 'string', enum: usageKinds },
      quantity: { type: 'integer', minimum: 0 },
      unit: { type: 'string', enum: usageUnits },
      occurredAt: { type: 'string', format: 'date-time' },
      destination: { type: ['string', 'null'], maxLength: 64 },
    },
  },
} as const;

const usageResult = {
  type: 'object',
  properties: { accepted: { type: 'integer' }, duplicates: { type: 'integer' } },
} as const;

// The body passes through as parsed JSON to the use case, which refuses a bad record by its index.
const bodyCheckedByDomain: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route);

export async function adminUsageRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.addHook('onRequest', requireBearer(deps.adminToken));

  app.post<{ Body: unknown }>('/api/v1/admin/usage', {
    schema: {
      tags: ['operator'],
      summary: 'Usage records from mediation (≤ 10,000; idempotent on sourceId; a bad record refuses the batch, naming its index)',
      body: usageBody,
      response: { 200: usageResult },
    },
    validatorCompiler: bodyCheckedByDomain,
  }, async (request) => deps.useCases.rateUsage(request.body));
}
