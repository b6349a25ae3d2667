// POST /ussd: the gateway's callback for *101#. Form-encoded sessionId, serviceCode, phoneNumber
// and text (other fields ignored); the answer is text/plain starting "CON " or "END ". The menus
// live in domain/ussd-menu.ts; this file only checks the caller and the fields, and maps errors.
import { createHash, timingSafeEqual } from 'node:crypto';
import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError, type ErrorCode } from '../../domain/errors.ts';
import type { Locale } from '../../domain/money.ts';
import { parseMsisdn } from '../../domain/msisdn.ts';
import type { HttpDeps } from '../http/http-deps.ts';
import { DATABASE_RETRY_AFTER_S, isDatabaseOutage } from '../http/plugins/database-unavailable.ts';
import { isLocalCaller } from '../http/plugins/loopback-request.ts';
import { ussdEndText } from './ussd-end-texts.ts';

/** A real request is a few hundred bytes; anything near this is not from a gateway. */
export const USSD_BODY_LIMIT = 2048;
const MAX_TEXT_LENGTH = 1024;
const sessionIdPattern = /^[\x21-\x7e]{1,128}$/;

function sendScreen(reply: FastifyReply, end: boolean, text: string, status = 200): FastifyReply {
  return reply.code(status).type('text/plain; charset=utf-8').send(`${end ? 'END' : 'CON'} ${text}`);
}

function sendRefusal(reply: FastifyReply, code: ErrorCode, language: Locale | null, status = 200): FastifyReply {
  return sendScreen(reply, true, ussdEndText(code, language), status);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares digests, so neither the content nor the length of the secret leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * With a gateway secret, only the secret counts. Without one (demo mode only: production refuses
 * to start so), only a caller on this machine (isLocalCaller).
 */
export function callerTrusted(request: FastifyRequest, secret: string | undefined, mode: 'demo' | 'production'): boolean {
  if (secret !== undefined && secret.length > 0) {
    const given = request.headers['x-gateway-secret'];
    return typeof given === 'string' && sameSecret(given, secret);
  }
  if (mode === 'production') return false;
  return isLocalCaller(request);
}

interface UssdFields {
  readonly sessionId: string;
  readonly serviceCode: string;
  readonly phoneNumber: string;
  readonly text: string;
}

function readFields(body: unknown): UssdFields | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Record<string, unknown>;
  const { sessionId, serviceCode, phoneNumber, text } = b;
  if (typeof sessionId !== 'string' || !sessionIdPattern.test(sessionId)) return undefined;
  if (typeof serviceCode !== 'string' || serviceCode.length === 0 || serviceCode.length > 32) return undefined;
  if (typeof phoneNumber !== 'string' || typeof text !== 'string' || text.length > MAX_TEXT_LENGTH) return undefined;
  return { sessionId, serviceCode, phoneNumber, text };
}

export async function ussdRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  // Registered inside this plugin, so form bodies are accepted here only.
  await app.register(formbody, { bodyLimit: USSD_BODY_LIMIT });
  const secret = deps.ussdGatewaySecret;

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!callerTrusted(request, secret, deps.mode)) return sendRefusal(reply, 'FORBIDDEN', null, 403);
    return undefined;
  });

  // Gateways show what we send: every failure is an END text, never problem+json.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendRefusal(reply, 'VALIDATION_FAILED', null, 400);
    // The database is away: the caller is asked to dial again shortly, and nothing was changed.
    if (isDatabaseOutage(error)) return sendRefusal(reply.header('retry-after', String(DATABASE_RETRY_AFTER_S)), 'DATABASE_UNAVAILABLE', null, 503);
    request.log.error({ err: error }, 'USSD request failed');
    return sendRefusal(reply, 'INTERNAL_ERROR', null, 500);
  });

  app.post('/ussd', { bodyLimit: USSD_BODY_LIMIT, schema: { hide: true } }, async (request, reply) => {
    const fields = readFields(request.body);
    if (!fields) return sendRefusal(reply, 'VALIDATION_FAILED', null, 400);
    let msisdn;
    try {
      msisdn = parseMsisdn(fields.phoneNumber);
    } catch (error) {
      if (isDomainError(error)) return sendRefusal(reply, 'INVALID_MSISDN', null, 400);
      throw error;
    }
    const answer = await deps.useCases.answerUssd({ sessionId: fields.sessionId, msisdn, text: fields.text });
    return answer.kind === 'screen' ? sendScreen(reply, answer.end, answer.text) : sendRefusal(reply, answer.code, answer.language);
  });
}
