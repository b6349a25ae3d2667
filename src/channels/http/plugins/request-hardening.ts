// Bad input anywhere is the caller's 4xx, never our 500: text holding U+0000 (PostgreSQL refuses
// it), forms with more fields than any of our forms has, and URLs that do not decode.
import type { FastifyInstance, FastifyRequest, FastifyServerOptions } from 'fastify';
import { DomainError, isDomainError, type ErrorCode, type ErrorDetail } from '../../../domain/errors.ts';
import { MAX_INPUT_DEPTH, countFormValues, findTextInputProblem } from '../../../domain/text-input.ts';
import { httpStatusFor } from '../error-map.ts';
import { sendProblem } from './problem-errors.ts';

/** Our largest form (the staff sale) has a few dozen fields; a parse is already capped by bodyLimit. */
export const MAX_FORM_FIELDS = 200;

/**
 * A DomainError that also carries its HTTP status, so handlers that map by statusCode alone (the
 * USSD route answers END texts) see a refusal, not a bug.
 */
class RequestRefused extends DomainError {
  readonly statusCode: number;

  constructor(code: ErrorCode, message: string, details: readonly ErrorDetail[] = []) {
    super(code, message, details);
    this.statusCode = httpStatusFor(code);
  }
}

function isForm(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

function refuseNul(part: 'body' | 'querystring' | 'params', value: unknown): void {
  const problem = findTextInputProblem(value);
  if (problem === undefined) return;
  const where = problem.path === '' ? part : problem.path;
  const message = problem.kind === 'nul'
    ? `${where} contains a NUL character (U+0000), which is not allowed`
    : `${where} is nested more than ${MAX_INPUT_DEPTH} levels deep; no request of ours is`;
  throw new RequestRefused('VALIDATION_FAILED', message, [{ path: problem.path === '' ? part : `${part}/${problem.path}`, message }]);
}

/** Checks every matched route's parsed input before its schema and handler see it. */
export function installRequestHardening(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    refuseNul('params', request.params);
    refuseNul('querystring', request.query);
    if (isForm(request) && typeof request.body === 'object' && request.body !== null) {
      const fields = countFormValues(request.body);
      if (fields > MAX_FORM_FIELDS) {
        throw new RequestRefused('TOO_MANY_FIELDS', `the form has ${fields} fields; at most ${MAX_FORM_FIELDS} are accepted`);
      }
    }
    refuseNul('body', request.body);
  });
}

/**
 * Fastify's own refusals before routing (a path that does not URL-decode, an over-long path
 * parameter) as problem+json like every other error, instead of its plain JSON.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, request, reply) => {
  request.log.info({ code: error.code, url: request.url }, 'request refused before routing');
  void sendProblem(reply, 'MALFORMED_REQUEST', error.code === 'FST_ERR_BAD_URL'
    ? 'the URL is not validly percent-encoded UTF-8'
    : 'the request cannot be routed: a part of its path is malformed or too long');
};

/** The 4xx status an error stands for (a refusal, not a bug), or undefined: for handlers that answer with pages. */
export function clientErrorStatus(error: unknown): number | undefined {
  const status = isDomainError(error)
    ? httpStatusFor(error.code)
    : (typeof error === 'object' && error !== null && 'statusCode' in error ? error.statusCode : undefined);
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
