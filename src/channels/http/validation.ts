// Request validation at the edge. Bodies are checked strictly (no type coercion, unknown fields
// refused); query strings and path parameters are text and may be coerced to numbers.
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { ErrorDetail } from '../../domain/errors.ts';

// ajv-formats ships CommonJS with a default export that TypeScript sees one level deep.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const strict = addFormats(new Ajv({ allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: false, strict: false }));
const coercing = addFormats(new Ajv({ allErrors: true, coerceTypes: true, removeAdditional: false, useDefaults: true, strict: false }));

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? strict : coercing;
  return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
};

/** Turns ajv's findings into details that name the field (and the row, for arrays of rows). */
export function describeValidationErrors(errors: readonly ErrorObject[], part: string): { unknownField: boolean; details: ErrorDetail[] } {
  let unknownField = false;
  const details = errors.map((e): ErrorDetail => {
    let path = e.instancePath || '';
    let message = e.message ?? 'is not valid';
    if (e.keyword === 'additionalProperties') {
      unknownField = true;
      const extra = String((e.params as { additionalProperty?: unknown }).additionalProperty);
      path = `${path}/${extra}`;
      message = 'is not a known field';
    }
    const rowMatch = /^\/(\d+)(?:\/|$)/.exec(path);
    return rowMatch
      ? { path: `${part}${path}`, row: Number(rowMatch[1]) + 1, message: `row ${Number(rowMatch[1]) + 1}: ${path.replace(/^\/\d+\/?/, '') || 'row'} ${message}` }
      : { path: `${part}${path}`, message: `${path.replace(/^\//, '') || part} ${message}` };
  });
  return { unknownField, details };
}
