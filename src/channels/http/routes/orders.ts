// Orders: open one on a quote (Idempotency-Key), and read it back.
import type { FastifyInstance } from 'fastify';
import { onlinePaymentProviders } from '../../../domain/vocabularies.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { HttpDeps } from '../http-deps.ts';
import { idempotencyKeyHeader } from '../schemas.ts';
import { customerHooks, customerIdOf } from './order-customer.ts';

const orderBody = {
  type: 'object', required: ['quoteId'], additionalProperties: false,
  properties: {
    quoteId: { type: 'string', minLength: 1, maxLength: 64 },
    provider: { type: 'string', enum: onlinePaymentProviders },
  },
} as const;

const orderIdParam = { type: 'object', required: ['orderId'], properties: { orderId: { type: 'string', minLength: 1, maxLength: 64 } } } as const;

export async function orderRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.post<{ Body: { quoteId: string; provider?: string } }>('/api/v1/orders', {
    preHandler: customerHooks(deps),
    schema: { tags: ['orders'], summary: 'Order a quote; answers with the hosted payment page', headers: idempotencyKeyHeader, body: orderBody },
  }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0) {
      throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', 'send an Idempotency-Key header so that pressing "pay" twice makes one order');
    }
    const { result, replayed } = await deps.useCases.createOrder(
      { customerId: customerIdOf(request), quoteId: request.body.quoteId, idempotencyKey: key, ...(request.body.provider ? { provider: request.body.provider } : {}) },
    );
    return reply.code(201).header('Idempotent-Replayed', String(replayed)).send(result);
  });

  app.get<{ Params: { orderId: string } }>('/api/v1/orders/:orderId', {
    preHandler: customerHooks(deps),
    schema: { tags: ['orders'], summary: 'An order and its status', params: orderIdParam },
  }, async (request) => deps.useCases.getOrder(customerIdOf(request), request.params.orderId));
}
