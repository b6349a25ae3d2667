// JSON schemas shared by routes (also published in the OpenAPI document).
export const moneySchema = {
  type: 'object',
  required: ['amount', 'currency'],
  additionalProperties: false,
  properties: {
    amount: { type: 'integer', description: 'whole qəpik (1 AZN = 100)' },
    currency: { type: 'string', const: 'AZN' },
  },
} as const;

export const positiveMoneySchema = {
  ...moneySchema,
  properties: { ...moneySchema.properties, amount: { type: 'integer', minimum: 1, maximum: 100_000_000 } },
} as const;

export const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' },
    code: { type: 'string' }, detail: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const;

export const isoDateSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'calendar day in Asia/Baku' } as const;

export const countdownSchema = {
  type: 'object',
  properties: {
    daysUntilOneWay: { type: 'integer' }, daysUntilSuspended: { type: 'integer' }, daysUntilNumberLost: { type: 'integer' },
    oneWayFrom: isoDateSchema, suspendedFrom: isoDateSchema, quarantineFrom: isoDateSchema, numberLostFrom: isoDateSchema,
  },
} as const;

export const idempotencyKeyHeader = {
  type: 'object',
  properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' } },
} as const;

export const msisdnParam = {
  type: 'object',
  required: ['msisdn'],
  properties: { msisdn: { type: 'string', minLength: 1, maxLength: 32, description: 'E.164 (+994501234567, URL-encoded) or national (0501234567)' } },
} as const;
