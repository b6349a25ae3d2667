// A line's spending (GET /api/v1/lines/{msisdn}/spending), its monthly budget (PUT/DELETE
// …/budget) and "this wasn't me" on an anomaly alert (POST …/spending-alerts/{id}/dispute).
// Customer session only; a line or alert of someone else answers 404 like one that does not exist.
import type { FastifyInstance } from 'fastify';
import { anomalyKinds, type SpendingAlert as StoredAlert } from '../../../domain/spending-anomalies.ts';
import { spendingKinds } from '../../../domain/spending.ts';
import type { LineSpending } from '../../../services/line-spending.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';
import { isoDateSchema, moneySchema, msisdnParam, positiveMoneySchema } from '../schemas.ts';

const nullableMoney = { ...moneySchema, type: ['object', 'null'] } as const;

const alertSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: anomalyKinds },
    day: isoDateSchema,
    amount: moneySchema,
    causes: {
      type: 'array', description: 'the ledger entries (type entry) or usage records (type usage) that caused it',
      items: {
        type: 'object',
        properties: {
          type: { type: 'string', enum: ['entry', 'usage'] }, id: { type: 'integer' }, sourceId: { type: 'string' }, kind: { type: 'string' },
          destination: { type: ['string', 'null'] }, amount: moneySchema, day: isoDateSchema,
        },
      },
    },
    moreCauses: { type: 'integer', description: 'causes beyond those listed' },
    createdAt: { type: 'string' },
    disputedAt: { type: ['string', 'null'], description: 'when the customer said "this wasn\'t me"' },
  },
} as const;

const viewSchema = {
  type: 'object',
  properties: {
    msisdn: { type: 'string' },
    budget: { ...nullableMoney, description: 'the monthly budget; null when none is set' },
    alertAt: { ...nullableMoney, description: 'the spend at which the 80 % SMS goes' },
    months: {
      type: 'array', description: 'this Baku calendar month first, then the 12 before it',
      items: {
        type: 'object',
        properties: {
          month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
          byKind: { type: 'object', description: `spent by kind: ${spendingKinds.join(', ')}`, additionalProperties: moneySchema },
          total: { ...moneySchema, description: 'what counts against the budget (money leaving the balance)' },
          paidIn: { ...moneySchema, description: 'top-ups and payments, not counted against the budget' },
        },
      },
    },
    alerts: { type: 'array', items: alertSchema },
  },
} as const;

const money = (amount: number) => ({ amount, currency: 'AZN' as const });

function alertJson(a: StoredAlert) {
  return {
    id: a.id, kind: a.kind, day: a.day, amount: money(a.amount), moreCauses: a.moreCauses,
    causes: a.causes.map((c) => ({ ...c, amount: money(c.amount) })),
    createdAt: a.createdAt.toISOString(), disputedAt: a.disputedAt?.toISOString() ?? null,
  };
}

function viewJson(s: LineSpending) {
  return {
    msisdn: s.msisdn, budget: s.budget === null ? null : money(s.budget), alertAt: s.alertAt === null ? null : money(s.alertAt),
    months: s.months.map((m) => ({
      month: m.month, total: money(m.total), paidIn: money(m.paidIn),
      byKind: Object.fromEntries(Object.entries(m.byKind).map(([k, v]) => [k, money(v)])),
    })),
    alerts: s.alerts.map(alertJson),
  };
}

type Params = { Params: { msisdn: string } };

export async function spendingRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.addHook('onRequest', requireCustomer(deps));
  const tags = ['spending'];

  app.get<Params>('/api/v1/lines/:msisdn/spending', {
    schema: { tags, summary: 'Spending this month and the 12 before by kind, the budget, the latest anomaly alerts', params: msisdnParam, response: { 200: viewSchema } },
  }, async (request) => viewJson(await deps.useCases.getLineSpending(customerOf(request).id, request.params.msisdn)));

  app.put<Params & { Body: { monthlyBudget: { amount: number } } }>('/api/v1/lines/:msisdn/budget', {
    schema: {
      tags, summary: 'Set the monthly budget: an SMS when 80 % of it is spent (once a month)', params: msisdnParam,
      body: {
        type: 'object', required: ['monthlyBudget'], additionalProperties: false,
        properties: { monthlyBudget: { ...positiveMoneySchema, properties: { ...positiveMoneySchema.properties, amount: { type: 'integer', minimum: 1, maximum: 10_000_000 } } } },
      },
      response: { 200: viewSchema },
    },
  }, async (request) => viewJson(await deps.useCases.setLineBudget(customerOf(request).id, request.params.msisdn, request.body.monthlyBudget.amount)));

  app.delete<Params>('/api/v1/lines/:msisdn/budget', {
    schema: { tags, summary: 'Clear the monthly budget', params: msisdnParam, response: { 200: viewSchema } },
  }, async (request) => viewJson(await deps.useCases.setLineBudget(customerOf(request).id, request.params.msisdn, null)));

  app.post<{ Params: { msisdn: string; alertId: number } }>('/api/v1/lines/:msisdn/spending-alerts/:alertId/dispute', {
    schema: {
      tags, summary: '"This wasn\'t me": records a dispute of the alert\'s charges (once; the support case takes it from there)',
      params: { type: 'object', required: ['msisdn', 'alertId'], properties: { ...msisdnParam.properties, alertId: { type: 'integer', minimum: 1, maximum: 9_007_199_254_740_991 } } },
      response: { 200: alertSchema },
    },
  }, async (request) => alertJson(await deps.useCases.disputeSpendingAlert(customerOf(request).id, request.params.msisdn, request.params.alertId)));
}
