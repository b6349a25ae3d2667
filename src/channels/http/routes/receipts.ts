// GET /api/v1/receipts/{number}/verify (public), and the QR provider's webhook, handled by the same
// handlePaymentWebhook as every provider (its adapter is the counter's, not a customer's choice).
import type { FastifyInstance } from 'fastify';
import { handlePaymentWebhook } from '../../../services/handle-payment-webhook.ts';
import { verifyReceipt } from '../../../services/issue-receipt.ts';
import { countReceiptCheck } from '../../../services/receipt-check-limit.ts';
import { isDomainError } from '../../../domain/errors.ts';
import type { ValidityPolicy } from '../../../domain/policy.ts';
import type { Instant } from '../../../domain/calendar.ts';
import type { Database } from '../../../db/database.ts';
import type { CounterPaymentAdapter } from '../../../payments/counter-payment.ts';
import { requestLocale } from './plans.ts';

export interface ReceiptRouteDeps {
  readonly db: Database;
  /** SAXLA_SECRET: the verifier's per-address counter keys on an HMAC of the address. */
  readonly secret: string;
  readonly now: () => Instant;
  readonly policy: ValidityPolicy;
  /** The QR acquirer (or its demo simulator); absent: no QR webhook route. */
  readonly qr?: CounterPaymentAdapter;
}

export async function receiptRoutes(app: FastifyInstance, { deps }: { deps: ReceiptRouteDeps }): Promise<void> {
  app.get<{ Params: { number: string } }>('/api/v1/receipts/:number/verify', {
    schema: {
      tags: ['stores'], summary: 'Checks a printed receipt: genuine → its details; unknown → 404; over 60 a minute from one address → 429',
      params: { type: 'object', required: ['number'], properties: { number: { type: 'string', minLength: 1, maxLength: 40 } } },
    },
    // Before validation, so a malformed number spends the caller's budget like any other guess.
    preValidation: async (request, reply) => {
      try {
        await countReceiptCheck(deps, request.ip, deps.now());
      } catch (error) {
        if (isDomainError(error) && error.code === 'RATE_LIMITED') void reply.header('retry-after', '60');
        throw error;
      }
    },
  }, async (request) => verifyReceipt(deps.db, request.params.number, requestLocale(request)));

  const qr = deps.qr;
  if (qr) await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (_request, body, done) => {
      done(null, body);
    });
    scope.post<{ Body: Buffer }>('/api/v1/payments/webhooks/qr', {
      schema: { tags: ['payments'], summary: "The QR provider's signed notifications (counter QR payments)" },
    }, async (request) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const outcome = await handlePaymentWebhook({ db: deps.db, now: deps.now, policy: deps.policy, providers: { qr }, logger: request.log }, 'qr', raw, request.headers);
      return { received: true, ...outcome };
    });
  });
}
