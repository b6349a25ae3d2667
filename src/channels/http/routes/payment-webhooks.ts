// POST /api/v1/payments/webhooks/{provider}. Signatures are computed over the exact bytes the
// provider sent, so this scope keeps the raw body instead of parsing JSON.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../http-deps.ts';

export async function paymentWebhookRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  // Encapsulated: only this plugin's routes see bodies as raw buffers.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 512 * 1024 }, (_request, body, done) => {
    done(null, body);
  });

  app.post<{ Params: { provider: string }; Body: Buffer }>('/api/v1/payments/webhooks/:provider', {
    schema: {
      tags: ['payments'],
      summary: "A provider's signed notification: 2xx for every authentic event, 400 for a bad or stale signature",
      params: { type: 'object', required: ['provider'], properties: { provider: { type: 'string', maxLength: 20 } } },
    },
  }, async (request) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const outcome = await deps.useCases.handlePaymentWebhook(request.params.provider, raw, request.headers, request.log);
    return { received: true, ...outcome };
  });
}
