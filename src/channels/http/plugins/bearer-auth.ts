// The operator's provisioning API is guarded by one bearer token (SAXLA_ADMIN_TOKEN).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../domain/errors.ts';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export function requireBearer(token: string): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const expected = digest(token);
  return async (request) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    // Comparing digests keeps the comparison constant-time whatever the length sent.
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      throw new DomainError('UNAUTHENTICATED', 'this API needs the operator bearer token (Authorization: Bearer …)');
    }
  };
}
