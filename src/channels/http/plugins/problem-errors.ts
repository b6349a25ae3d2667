// Every error leaves as problem+json with a stable code; nothing below channels/ knows HTTP.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorObject } from 'ajv';
import { isDomainError, type ErrorCode, type ErrorDetail } from '../../../domain/errors.ts';
import { describeValidationErrors } from '../validation.ts';
import { problemFor } from '../error-map.ts';

export function sendProblem(reply: FastifyReply, code: ErrorCode, detail: string, errors: readonly ErrorDetail[] = []): FastifyReply {
  const problem = problemFor(code, detail, errors);
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

const fastifyCodes: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

export function installProblemErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
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
  app.setNotFoundHandler((request, reply) => sendProblem(reply, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
}
