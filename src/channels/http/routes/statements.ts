// A line's statement for its customer: JSON, CSV or PDF of the same figures. Another account's
// line answers 404 like a number Saxla does not know.
import type { FastifyInstance } from 'fastify';
import { customerLanguages } from '../../../domain/vocabularies.ts';
import { isLocale } from '../../../domain/money.ts';
import { renderStatementCsv } from '../../../services/render-statement-csv.ts';
import { renderStatementPdf } from '../../../services/render-statement-pdf.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';
import { isoDateSchema, moneySchema, msisdnParam } from '../schemas.ts';

interface StatementQuery {
  readonly from?: string;
  readonly to?: string;
  readonly format: 'json' | 'csv' | 'pdf';
  readonly lang?: string;
}

const day = { type: 'string', maxLength: 10, description: 'YYYY-MM-DD, a day in Asia/Baku' } as const;

const statementQuery = {
  type: 'object',
  properties: {
    from: { ...day, description: 'first day (default: 89 days before `to`)' },
    to: { ...day, description: 'last day, inclusive (default: today); at most 366 days in all' },
    format: { type: 'string', enum: ['json', 'csv', 'pdf'], default: 'json' },
    lang: { type: 'string', enum: customerLanguages, description: 'PDF language (default: the account\'s)' },
  },
} as const;

const statementSchema = {
  type: 'object',
  properties: {
    msisdn: { type: 'string' }, from: isoDateSchema, to: isoDateSchema,
    openingBalanceAt: { type: 'string', description: 'the moment of the opening balance: the start of `from`, or when this account proved the line if later' },
    openingBalance: moneySchema,
    entries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          at: { type: 'string' }, kind: { type: 'string' }, description: { type: 'string' }, amount: moneySchema, balanceAfter: moneySchema,
          validUntilBefore: isoDateSchema, validUntilAfter: isoDateSchema, reference: { type: ['string', 'null'] },
        },
      },
    },
    closingBalance: moneySchema,
    usageTotals: {
      type: 'array',
      description: 'usage that happened in the period, per kind (quantity in the kind\'s unit; charged: beyond the packs)',
      items: {
        type: 'object',
        properties: { kind: { type: 'string' }, unit: { type: 'string' }, quantity: { type: 'integer' }, records: { type: 'integer' }, charged: moneySchema },
      },
    },
  },
} as const;

export async function statementRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.get<{ Params: { msisdn: string }; Querystring: StatementQuery }>('/api/v1/lines/:msisdn/statement', {
    onRequest: requireCustomer(deps),
    schema: {
      tags: ['customer lines'], summary: 'Itemised history of one of this account\'s lines, as JSON, CSV or PDF',
      params: msisdnParam, querystring: statementQuery,
      response: { 200: statementSchema },
    },
  }, async (request, reply) => {
    const customer = customerOf(request);
    const { from, to, format, lang } = request.query;
    const statement = await deps.useCases.getStatement({ customerId: customer.id, msisdn: request.params.msisdn, from, to });
    reply.header('cache-control', 'private, no-store');
    if (format === 'json') return statement;
    const name = `saxla-statement-${statement.msisdn.slice(1)}-${statement.from}-${statement.to}`;
    if (format === 'csv') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(renderStatementCsv(statement));
    }
    const pdf = await renderStatementPdf(statement, { locale: isLocale(lang) ? lang : customer.language });
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
  });
}
