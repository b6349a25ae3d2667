// A line's statement for its customer: JSON, CSV or PDF of the same figures. Another account's
// line answers 404 like a number Saxla does not know.
import type { FastifyInstance } from 'fastify';
import { customerLanguages } from '../../../domain/vocabularies.ts';
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
  readonly columns?: 'localized' | 'raw';
}

const day = { type: 'string', maxLength: 10, description: 'YYYY-MM-DD, a day in Asia/Baku' } as const;

const statementQuery = {
  type: 'object',
  properties: {
    from: { ...day, description: 'first day (default: 89 days before `to`)' },
    to: { ...day, description: 'last day, inclusive (default: today); at most 366 days in all' },
    format: { type: 'string', enum: ['json', 'csv', 'pdf'], default: 'json' },
    lang: { type: 'string', enum: customerLanguages, description: 'language of the descriptions, the CSV and the PDF (default: the line\'s language)' },
    columns: {
      type: 'string', enum: ['localized', 'raw'], default: 'localized',
      description: 'CSV only. `localized` (default): headers, kinds and descriptions in the statement\'s language, for people. '
        + '`raw`: the stable machine-readable set — headers `date,kind,description,amount,currency,balance_after,valid_until_before,valid_until_after,reference`, '
        + 'kind codes (`top_up`, `payment`, `plan_charge`…, plus `balance_brought_forward` and `closing_balance` rows) and Saxla\'s English note as description',
    },
  },
} as const;

const statementSchema = {
  type: 'object',
  properties: {
    msisdn: { type: 'string' }, language: { type: 'string', enum: customerLanguages, description: 'the language of the descriptions' },
    from: isoDateSchema, to: isoDateSchema,
    openingBalanceAt: { type: 'string', description: 'the moment of the opening balance: the start of `from`, or when this account proved the line if later' },
    openingBalance: moneySchema,
    entries: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'the ledger entry\'s id: what a support case\'s `entryIds` name' },
          at: { type: 'string' }, kind: { type: 'string', description: 'opening_balance, top_up, payment, plan_charge, restore_fee, usage, refund, adjustment' },
          description: { type: 'string', description: 'what happened, in plain words in the statement\'s `language` (e.g. "Renewal: Expat Pack × 3 months")' },
          note: { type: 'string', description: 'Saxla\'s technical note in English, as written with the entry' },
          details: {
            type: 'object', description: 'the facts the description is made of',
            properties: {
              planCode: { type: 'string' }, months: { type: 'integer' }, days: { type: 'integer' },
              payment: { type: 'string', description: 'provider:id of the payment' }, reverses: { type: 'string', enum: ['plan_charge', 'payment', 'top_up'] },
            },
          },
          amount: moneySchema, balanceAfter: moneySchema,
          validUntilBefore: isoDateSchema, validUntilAfter: isoDateSchema,
          reference: { type: ['string', 'null'], description: 'the payment\'s or operator\'s reference, for support' },
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
    const { from, to, format, lang, columns } = request.query;
    // The document is the line's: in its language, unless the reader (the portal: its page language) asks for another.
    const statement = await deps.useCases.getStatement({ customerId: customer.id, msisdn: request.params.msisdn, from, to, lang });
    reply.header('cache-control', 'private, no-store');
    if (format === 'json') return statement;
    const name = `saxla-statement-${statement.msisdn.slice(1)}-${statement.from}-${statement.to}`;
    if (format === 'csv') {
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(renderStatementCsv(statement, columns));
    }
    const pdf = await renderStatementPdf(statement);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
  });
}
