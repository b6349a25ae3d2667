// Errors under /staff answer a person with a console page in their language, with the status the
// app's one table gives the code (a bad ?date= is 422, a foreign store's sale 403). A client that
// asks for JSON only, and a database outage (the app's 503 with Retry-After), go to the app's own
// handler instead.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError, type ErrorCode } from '../../domain/errors.ts';
import { httpStatusFor, problemFor } from '../../channels/http/error-map.ts';
import { isDatabaseOutage } from '../../channels/http/plugins/database-unavailable.ts';
import { errorPageBody } from '../kit/forms.ts';
import { page, sendPage, staffText } from './staff-layout.ts';
import { staffErrorText } from './staff-i18n.ts';

const statusCodes: Readonly<Record<number, ErrorCode>> = { 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/** What went wrong as a code and its English detail, or undefined for a bug. */
function refusalOf(error: FastifyError): { code: ErrorCode; detail: string } | undefined {
  if (isDomainError(error)) return { code: error.code, detail: error.message };
  if (error.validation) return { code: 'VALIDATION_FAILED', detail: error.message };
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return { code: statusCodes[status] ?? 'MALFORMED_REQUEST', detail: error.message };
  return undefined;
}

function wantsJsonOnly(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('json') && !accept.includes('text/html');
}

const signInCodes: ReadonlySet<ErrorCode> = new Set(['UNAUTHENTICATED', 'TOTP_REQUIRED']);

function sendErrorPage(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, detail: string): FastifyReply {
  const text = staffText(request);
  const signedIn = request.staffSession !== null;
  const next = signInCodes.has(code) || !signedIn
    ? { href: '/staff/login', label: text.t('errorPage.signIn') }
    : { href: '/staff', label: text.t('errorPage.back') };
  return sendPage(reply, page(text, text.t('errorPage.title'), errorPageBody(staffErrorText(text.locale, code, detail), next), { signedIn }), httpStatusFor(code));
}

export function installStaffErrorPages(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    // Rethrown errors reach the app's handler: problem+json, or its outage answer.
    if (wantsJsonOnly(request) || isDatabaseOutage(error)) throw error;
    const refusal = refusalOf(error);
    if (!refusal) request.log.error({ err: error }, 'staff console request failed');
    return sendErrorPage(request, reply, refusal?.code ?? 'INTERNAL_ERROR', refusal?.detail ?? 'something went wrong on our side; nothing was changed');
  });
}

/** Unknown /staff addresses: the console's own 404 page (register in a plugin with prefix /staff). */
export async function staffNotFoundPage(scope: FastifyInstance): Promise<void> {
  scope.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (wantsJsonOnly(request)) return reply.code(404).type('application/problem+json').send(problemFor('NOT_FOUND', `no route ${request.method} ${path}`));
    return sendErrorPage(request, reply, 'NOT_FOUND', 'there is no such console page');
  });
}
