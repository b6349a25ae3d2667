// Balance transfers between the account's lines (and, with groups, to a family member): ask with
// an Idempotency-Key, then confirm with the code sent by SMS to the line the money leaves.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../../domain/errors.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';
import { idempotencyKeyHeader, moneySchema, positiveMoneySchema } from '../schemas.ts';

const msisdn = { type: 'string', minLength: 1, maxLength: 32, description: 'E.164 or national form' } as const;

const transferSchema = {
  type: 'object',
  properties: {
    transferId: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, amount: moneySchema,
    status: { type: 'string', enum: ['pending_code', 'completed'], description: 'pending_code until the code sent to `from` is confirmed' },
    expiresAt: { type: 'string', description: 'when the code stops working (ISO-8601)' },
    completedAt: { type: ['string', 'null'] },
  },
} as const;

const allowanceSchema = {
  type: 'object',
  properties: {
    from: { type: 'string' }, minAmount: moneySchema, minLeftBehind: moneySchema,
    dailyCap: moneySchema, sentToday: moneySchema, mostNow: moneySchema,
  },
} as const;

const transferIdParam = { type: 'object', required: ['transferId'], properties: { transferId: { type: 'string', minLength: 1, maxLength: 64 } } } as const;

export async function transferRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.addHook('onRequest', requireCustomer(deps));
  const tags = ['balance transfers'];

  app.get<{ Querystring: { from: string } }>('/api/v1/transfers/allowance', {
    schema: {
      tags, summary: 'What one of your lines may send today under the policy\'s limits',
      querystring: { type: 'object', required: ['from'], additionalProperties: false, properties: { from: msisdn } },
      response: { 200: allowanceSchema },
    },
  }, async (request) => deps.useCases.getTransferAllowance(customerOf(request).id, request.query.from));

  app.post<{ Body: { from: string; to: string; amount: { amount: number } } }>('/api/v1/transfers', {
    schema: {
      tags,
      summary: 'Ask to move balance from one of your lines to another (a code goes by SMS to `from`)',
      description: 'The recipient is another line on this account (or a member of a group you pay for). The policy\'s minimum amount, '
        + 'minimum left behind and daily cap per sending line are checked now and again on confirmation. Nothing moves until '
        + 'POST /api/v1/transfers/{transferId}/confirm. The same Idempotency-Key with the same body answers the same transfer.',
      headers: idempotencyKeyHeader,
      body: { type: 'object', required: ['from', 'to', 'amount'], additionalProperties: false, properties: { from: msisdn, to: msisdn, amount: positiveMoneySchema } },
      response: { 201: transferSchema },
    },
  }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0) {
      throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', 'send an Idempotency-Key header so that pressing "send" twice asks once');
    }
    const view = await deps.useCases.requestBalanceTransfer({
      customerId: customerOf(request).id, from: request.body.from, to: request.body.to, amount: request.body.amount.amount, idempotencyKey: key,
    });
    return reply.code(201).send(view);
  });

  app.get<{ Params: { transferId: string } }>('/api/v1/transfers/:transferId', {
    schema: { tags, summary: 'One of your transfers', params: transferIdParam, response: { 200: transferSchema } },
  }, async (request) => deps.useCases.getBalanceTransfer(customerOf(request).id, request.params.transferId));

  app.post<{ Params: { transferId: string }; Body: { code: string } }>('/api/v1/transfers/:transferId/confirm', {
    schema: {
      tags,
      summary: 'Confirm with the code sent to the sending line: the balance moves and both lines get an SMS',
      description: 'Idempotent on the transfer: confirming a completed transfer again answers it unchanged. 5 wrong codes end it.',
      params: transferIdParam,
      body: { type: 'object', required: ['code'], additionalProperties: false, properties: { code: { type: 'string', pattern: '^[0-9]{6}$' } } },
      response: { 200: transferSchema },
    },
  }, async (request) => deps.useCases.confirmBalanceTransfer({ customerId: customerOf(request).id, transferId: request.params.transferId, code: request.body.code }));
}
