// The operator's provisioning surface: lines in, line state out, cash and partner top-ups.
import type { FastifyInstance } from 'fastify';
import { lineStatuses } from '../../../domain/lifecycle.ts';
import { customerLanguages } from '../../../domain/vocabularies.ts';
import { DomainError } from '../../../domain/errors.ts';
import { qepik } from '../../../domain/money.ts';
import { parseMsisdn } from '../../../domain/msisdn.ts';
import { requireBearer } from '../plugins/bearer-auth.ts';
import type { HttpDeps } from '../http-deps.ts';
import { countdownSchema, idempotencyKeyHeader, isoDateSchema, moneySchema, msisdnParam, positiveMoneySchema } from '../schemas.ts';

const lineViewSchema = {
  type: 'object',
  properties: {
    msisdn: { type: 'string' }, iccid: { type: 'string' },
    status: { type: 'string', enum: lineStatuses },
    balance: moneySchema, validUntil: isoDateSchema, plan: { type: ['string', 'null'] },
    language: { type: 'string' }, countdown: countdownSchema,
  },
} as const;

const provisionBody = {
  type: 'array',
  minItems: 1,
  maxItems: 10000,
  items: {
    type: 'object',
    required: ['msisdn', 'iccid', 'balance', 'validUntil'],
    additionalProperties: false,
    properties: {
      msisdn: { type: 'string', minLength: 1, maxLength: 32 },
      iccid: { type: 'string', minLength: 1, maxLength: 22 },
      balance: { ...moneySchema, properties: { ...moneySchema.properties, amount: { type: 'integer', minimum: 0 } } },
      validUntil: isoDateSchema,
      planCode: { type: ['string', 'null'], maxLength: 40 },
      language: { type: 'string', enum: customerLanguages },
    },
  },
} as const;

interface ProvisionItem {
  msisdn: string; iccid: string; balance: { amount: number }; validUntil: string; planCode?: string | null; language?: string;
}

export async function adminLinesRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.addHook('onRequest', requireBearer(deps.adminToken));

  app.post<{ Body: ProvisionItem[] }>('/api/v1/admin/lines', {
    schema: { tags: ['operator'], summary: 'Provision lines (idempotent on msisdn; one bad row refuses all)', body: provisionBody },
  }, async (request, reply) => {
    const result = await deps.useCases.provisionLines(request.body.map((item, i) => ({
      row: i + 1, msisdn: item.msisdn, iccid: item.iccid, balance: item.balance.amount, validUntil: item.validUntil,
      planCode: item.planCode ?? null, language: item.language ?? null,
    })));
    return reply.code(result.created > 0 ? 201 : 200).send(result);
  });

  app.get<{ Params: { msisdn: string } }>('/api/v1/admin/lines/:msisdn', {
    schema: { tags: ['operator'], summary: 'A line with its stage and countdown', params: msisdnParam, response: { 200: lineViewSchema } },
  }, async (request) => deps.useCases.getLine(parseMsisdn(request.params.msisdn)));

  app.post<{ Params: { msisdn: string }; Body: { amount: { amount: number }; reference: string } }>('/api/v1/admin/lines/:msisdn/top-ups', {
    schema: {
      tags: ['operator'],
      summary: 'A cash or partner top-up; validity from the band table',
      params: msisdnParam,
      headers: idempotencyKeyHeader,
      body: {
        type: 'object', required: ['amount', 'reference'], additionalProperties: false,
        properties: { amount: positiveMoneySchema, reference: { type: 'string', minLength: 1, maxLength: 100 } },
      },
    },
  }, async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0) {
      throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', 'send an Idempotency-Key header so a retried top-up is applied once');
    }
    const { result, replayed } = await deps.useCases.topUpLine({
      msisdn: parseMsisdn(request.params.msisdn),
      amount: qepik(request.body.amount.amount),
      reference: request.body.reference,
      idempotencyKey: `admin:${key}`,
      source: 'operator',
    });
    return reply.code(replayed ? 200 : 201).header('Idempotent-Replayed', String(replayed)).send(result);
  });
}
