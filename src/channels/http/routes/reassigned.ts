// GET /api/v1/reassigned?msisdn=&since=YYYY-MM-DD with an API key: `{msisdn, reassigned}` and
// nothing else. The key is checked before anything else (401), then its budget (429 with
// Retry-After), then the query (400); the use case audits every call made with a valid key.
import type { FastifyInstance } from 'fastify';
import type { UseCases } from '../../../services/use-cases.ts';
import { ApiKeyRateLimited } from '../../../services/check-reassigned.ts';

export async function reassignedRoutes(app: FastifyInstance, { deps }: { deps: { useCases: Pick<UseCases, 'checkReassigned'> } }): Promise<void> {
  app.get<{ Querystring: { msisdn?: string; since?: string } }>('/api/v1/reassigned', {
    schema: {
      tags: ['reassigned'],
      summary: 'Whether a number changed hands since a day (bearer: an API key from the operator); 600 calls a minute per key',
      security: [{ apiKey: [] }],
      // Checked by the use case, not here, so a malformed call is counted and audited like any other.
      querystring: {
        type: 'object',
        properties: {
          msisdn: { type: 'string', description: 'E.164 (+994501234567) or national (0501234567)' },
          since: { type: 'string', description: 'YYYY-MM-DD, a day in Asia/Baku, not in the future' },
        },
      },
      response: {
        200: {
          type: 'object', additionalProperties: false, required: ['msisdn', 'reassigned'],
          properties: { msisdn: { type: 'string' }, reassigned: { type: 'boolean' } },
        },
      },
    },
  }, async (request, reply) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    try {
      return await deps.useCases.checkReassigned({ apiKey: match?.[1], msisdn: request.query.msisdn, since: request.query.since });
    } catch (error) {
      if (error instanceof ApiKeyRateLimited) void reply.header('retry-after', String(error.retryAfterSeconds));
      throw error;
    }
  });
}
