// Every error leaves as problem+json with a stable code; nothing below channels/ knows HTTP.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorObject } from 'ajv';
import { isDomainError, type ErrorCode, type ErrorDetail } from '../../../domain/errors.ts';
import { locales, type Locale } from '../../../domain/money.ts';
import { describeValidationErrors } from '../validation.ts';
import { PromoRefusedError } from '../../../domain/promo-refusals.ts';
import { problemFor, type Problem } from '../error-map.ts';
import { isDatabaseOutage, sendDatabaseUnavailable } from './database-unavailable.ts';

export function sendProblem(reply: FastifyReply, code: ErrorCode, detail: string, errors: readonly ErrorDetail[] = [], extra: Pick<Problem, 'needs'> = {}): FastifyReply {
  const problem = problemFor(code, detail, errors, extra);
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

const fastifyCodes: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

// "No such page" in every customer language (the type demands each); English is the heading.
const notFoundLines: Readonly<Record<Locale, string>> = {
  az: 'Belə səhifə yoxdur.', en: 'No such page.', ru: 'Такой страницы нет.', zh: '页面不存在。', tr: 'Böyle bir sayfa yok.',
};

// In every language at once: we do not know the visitor's language on an unknown path.
const notFoundPage = '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
  + '<title>Saxla: page not found</title></head><body><main><h1>Page not found</h1>'
  + locales.filter((l) => l !== 'en').map((l) => `<p lang="${l}">${notFoundLines[l]}</p>`).join('')
  + '<p><a href="/">Saxla</a></p></main></body></html>';

export function installProblemErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    // Checked first: a lost connection is not a bug, and the client should come back in a moment.
    if (isDatabaseOutage(error)) {
      request.log.warn({ reason: error.message }, 'database unavailable; answered 503');
      return sendDatabaseUnavailable(request, reply);
    }
    if (error instanceof PromoRefusedError) {
      const { months, amount } = error.needs;
      const needs = { ...(months === undefined ? {} : { months }), ...(amount === undefined ? {} : { minOrder: { amount, currency: 'AZN' as const } }) };
      return sendProblem(reply, error.code, error.message, error.details, Object.keys(needs).length > 0 ? { needs } : {});
    }
    if (isDomainError(error)) {
      return sendProblem(reply, error.code, error.message, error.details);
    }
    if (error.validation) {
      const { unknownField, details } = describeValidationErrors(error.validation as ErrorObject[], error.validationContext ?? 'body');
      const first = details[0]?.message ?? 'the request is not valid';
      return sendProblem(reply, unknownField ? 'UNKNOWN_FIELD' : 'VALIDATION_FAILED', first, details);
    }
    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    if (mapped) return sendProblem(reply, mapped, error.message);
    if (error instanceof SyntaxError || error.statusCode === 400) {
      return sendProblem(reply, 'MALFORMED_BODY', 'the body is not valid JSON');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 'INTERNAL_ERROR', 'something went wrong on our side; nothing was changed');
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // A person who mistyped a portal address gets a page, not JSON; API clients get problem+json.
    if (request.method === 'GET' && !path.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html')) {
      return reply.code(404).type('text/html; charset=utf-8').send(notFoundPage);
    }
    return sendProblem(reply, 'NOT_FOUND', `no route ${request.method} ${path}`);
  });
}
