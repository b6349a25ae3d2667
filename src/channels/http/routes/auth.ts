// Customer accounts: register with a code by SMS (the password is chosen with the code), sign in
// and out, reset a password. Answers that
// could tell whether a number has an account are the same for every number.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { customerLanguages } from '../../../domain/vocabularies.ts';
import { formatInstant } from '../../../domain/calendar.ts';
import type { Locale } from '../../../domain/money.ts';
import type { StartedSession } from '../../../services/customer-sessions.ts';
import type { HttpDeps } from '../http-deps.ts';
import { clearSessionCookie, requireSameOrigin, sessionTokenOf, setSessionCookie } from '../plugins/customer-session.ts';

const phone = { type: 'string', minLength: 1, maxLength: 32, description: 'E.164 (+994501234567) or national (0501234567)' } as const;
// The domain allows 10–128 characters; the schema only bounds the body.
const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const code = { type: 'string', pattern: '^[0-9]{6}$', description: 'the 6 digits from the SMS' } as const;
const language = { type: 'string', enum: customerLanguages } as const;

const strictBody = <P extends Record<string, unknown>>(properties: P) => ({
  type: 'object', required: Object.keys(properties), additionalProperties: false, properties,
} as const);

// Clients written before the password moved to verify still send one: accepted, never used.
const registerBody = {
  type: 'object', required: ['phone', 'language'], additionalProperties: false,
  properties: { phone, language, password: { ...password, description: 'ignored: the password is chosen at /auth/verify' } },
} as const;

const neutralSchema = { type: 'object', properties: { message: { type: 'string' } } } as const;
const signedInSchema = {
  type: 'object',
  properties: { signedIn: { type: 'boolean' }, language: { type: 'string' }, sessionExpiresAt: { type: 'string' } },
} as const;

const CODE_SENT = 'If this number can use a Saxla account, a 6-digit code is on its way by SMS. It is valid for 10 minutes.';

function signIn(request: FastifyRequest, reply: FastifyReply, session: StartedSession): { signedIn: true; language: Locale; sessionExpiresAt: string } {
  setSessionCookie(request, reply, session);
  return { signedIn: true, language: session.language, sessionExpiresAt: formatInstant(session.expiresAt) };
}

export async function authRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  const sameOrigin = requireSameOrigin(deps);
  const tags = ['accounts'];

  app.post<{ Body: { phone: string; language: Locale; password?: string } }>('/api/v1/auth/register', {
    onRequest: sameOrigin,
    schema: { tags, summary: 'Start an account: a code goes by SMS to the number', body: registerBody, response: { 202: neutralSchema } },
  }, async (request, reply) => {
    // A password sent here is ignored: it is chosen with the code, by whoever holds the SIM.
    await deps.useCases.registerCustomer({ phone: request.body.phone, language: request.body.language, address: request.ip });
    return reply.code(202).send({ message: CODE_SENT });
  });

  app.post<{ Body: { phone: string; code: string; password: string } }>('/api/v1/auth/verify', {
    onRequest: sameOrigin,
    schema: { tags, summary: 'Prove the number with the SMS code and choose the password: the account is created and signed in', body: strictBody({ phone, code, password }), response: { 200: signedInSchema } },
  }, async (request, reply) => {
    const session = await deps.useCases.verifyRegistration({ ...request.body, address: request.ip });
    return signIn(request, reply, session);
  });

  app.post<{ Body: { phone: string; password: string } }>('/api/v1/auth/login', {
    onRequest: sameOrigin,
    schema: { tags, summary: 'Sign in: sets the session cookie', body: strictBody({ phone, password }), response: { 200: signedInSchema } },
  }, async (request, reply) => {
    const previousToken = sessionTokenOf(request);
    const session = await deps.useCases.logIn({ ...request.body, address: request.ip, ...(previousToken ? { previousToken } : {}) });
    return signIn(request, reply, session);
  });

  app.post('/api/v1/auth/logout', {
    onRequest: sameOrigin,
    schema: { tags, summary: 'End the session' },
  }, async (request, reply) => {
    const token = sessionTokenOf(request);
    if (token) await deps.useCases.logOut(token);
    clearSessionCookie(request, reply);
    return reply.code(204).send();
  });

  app.post<{ Body: { phone: string } }>('/api/v1/auth/password-reset', {
    onRequest: sameOrigin,
    schema: { tags, summary: 'Send a password-reset code by SMS', body: strictBody({ phone }), response: { 202: neutralSchema } },
  }, async (request, reply) => {
    await deps.useCases.requestPasswordReset({ ...request.body, address: request.ip });
    return reply.code(202).send({ message: CODE_SENT });
  });

  app.post<{ Body: { phone: string; code: string; password: string } }>('/api/v1/auth/password-reset/confirm', {
    onRequest: sameOrigin,
    schema: { tags, summary: 'Set a new password with the SMS code; every other session ends', body: strictBody({ phone, code, password }), response: { 200: signedInSchema } },
  }, async (request, reply) => {
    const session = await deps.useCases.resetPassword({ ...request.body, address: request.ip });
    return signIn(request, reply, session);
  });
}
