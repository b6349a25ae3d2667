// GET /api/v1/receipts/{number}/verify (public), and the QR provider's webhook, handled by the same
// handlePaymentWebhook as every provider (its adapter is the counter's, not a customer's choice).
import type { FastifyInstance } from 'fastify';
import { isDomainError } from '../../../domain/errors.ts';
import type { UseCases } from '../../../services/use-cases.ts';
import { requestLocale } from './plans.ts';

export interface ReceiptRouteDeps {
  readonly useCases: Pick<UseCases, 'countReceiptCheck' | 'verifyReceipt' | 'handleQrWebhook'>;
  /** A QR acquirer (or its demo simulator) is in use; without one there is no QR webhook route. */
  readonly qrWebhook: boolean;
}

export async function receiptRoutes(app: FastifyInstance, { deps }: { deps: ReceiptRouteDeps }): Promise<void> {
  app.get<{ Params: { number: string } }>('/api/v1/receipts/:number/verify', {
    schema: {
      tags: ['stores'], summary: 'Checks a printed receipt: genuine → its details; unknown → 404; over 60 a minute from one address → 429',
      params: { type: 'object', required: ['number'], properties: { number: { type: 'string', minLength: 1, maxLength: 40 } } },
      response: {
        200: {
          type: 'object',
          properties: {
            genuine: { type: 'boolean', enum: [true] }, number: { type: 'string' },
            amount: { type: 'object', properties: { amount: { type: 'integer', description: 'qəpik' }, currency: { type: 'string', enum: ['AZN'] } } },
            issuedAt: { type: 'string', description: 'ISO-8601 with the Baku offset' },
            store: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string', description: 'in ?lang= or Accept-Language' }, city: { type: 'string' } } },
            numberEnding: { type: 'string', description: 'the last two digits of the number the sale was for' },
            language: { type: 'string', description: 'the receipt\'s language; the human check page is /receipts/{number}' },
            voided: { type: 'boolean' },
          },
        },
      },
    },
    // Before validation, so a malformed number spends the caller's budget like any other guess.
    preValidation: async (request, reply) => {
      try {
        await deps.useCases.countReceiptCheck(request.ip);
      } catch (error) {
        if (isDomainError(error) && error.code === 'RATE_LIMITED') void reply.header('retry-after', '60');
        throw error;
      }
    },
  }, async (request) => deps.useCases.verifyReceipt(request.params.number, requestLocale(request)));

  if (deps.qrWebhook) await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_request, body, done) => {
      done(null, body);
    });
    scope.post<{ Body: Buffer }>('/api/v1/payments/webhooks/qr', {
      schema: { tags: ['payments'], summary: "The QR provider's signed notifications (counter QR payments)" },
    }, async (request) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const outcome = await deps.useCases.handleQrWebhook(raw, request.headers, request.log);
      return { received: true, ...outcome };
    });
  });
}
