// The operator's refund of an order (bearer SAXLA_ADMIN_TOKEN, Idempotency-Key).
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../../domain/errors.ts';
import { requireBearer } from '../plugins/bearer-auth.ts';
import type { HttpDeps } from '../http-deps.ts';
import { idempotencyKeyHeader } from '../schemas.ts';

export async function adminOrderRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.addHook('onRequest', requireBearer(deps.adminToken));

  app.post<{ Params: { orderId: string }; Body: { reason: string } }>('/api/v1/admin/orders/:orderId/refund', {
    schema: {
      tags: ['operator'],
      summary: 'Refund an order: ledger reversed, unused extension pulled back, money sent back through the provider',
      headers: idempotencyKeyHeader,
      params: { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string', minLength: 1, maxLength: 64 } } },
      body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 200 } } },
    },
  }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0) throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', 'send an Idempotency-Key header so a retried refund is applied once');
    // A refund is keyed on the order itself: whatever key a retry carries, it reverses once.
    const { result, replayed } = await deps.useCases.refundOrder(
      { orderId: request.params.orderId, reason: request.body.reason, idempotencyKey: `admin:${key}` }, request.log,
    );
    return reply.code(200).header('Idempotent-Replayed', String(replayed)).send(result);
  });
}
