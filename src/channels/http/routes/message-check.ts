// GET /api/v1/messages/check: the public "is this SMS ours?" checker the portal shows.
import type { FastifyInstance } from 'fastify';
import { DomainError, isDomainError } from '../../../domain/errors.ts';
import { parseCheckCodeInput } from '../../../domain/message-check.ts';
import { parseMsisdn, type Msisdn } from '../../../domain/msisdn.ts';
import type { HttpDeps } from '../http-deps.ts';
import { problemSchema } from '../schemas.ts';

const querystring = {
  type: 'object',
  required: ['msisdn', 'code'],
  additionalProperties: false,
  properties: {
    msisdn: { type: 'string', minLength: 1, maxLength: 32, description: 'E.164 or national form' },
    code: { type: 'string', minLength: 1, maxLength: 16, description: 'the check code on the last line of the SMS' },
  },
} as const;

const resultSchema = {
  type: 'object',
  required: ['genuine'],
  properties: {
    genuine: { type: 'boolean' },
    sentAt: { type: 'string', description: 'ISO-8601 with offset' },
    kind: { type: 'string' },
  },
} as const;

/** A number that is not an Azerbaijani mobile is a bad request here, like a malformed code. */
function readMsisdn(text: string): Msisdn {
  try {
    return parseMsisdn(text);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new DomainError('VALIDATION_FAILED', `msisdn: ${error.message}`, [{ path: 'querystring/msisdn', code: error.code, message: error.message }]);
  }
}

export async function messageCheckRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.get<{ Querystring: { msisdn: string; code: string } }>('/api/v1/messages/check', {
    schema: {
      tags: ['public'], summary: 'Whether Saxla sent an SMS with this check code to this number (rate-limited)',
      querystring, response: { 200: resultSchema, 400: problemSchema, 429: problemSchema },
    },
  }, async (request, reply) => {
    const msisdn = readMsisdn(request.query.msisdn);
    const code = parseCheckCodeInput(request.query.code);
    try {
      return await deps.useCases.checkMessage({ msisdn, code, address: request.ip });
    } catch (error) {
      if (isDomainError(error) && error.code === 'RATE_LIMITED') void reply.header('retry-after', '3600');
      throw error;
    }
  });
}
