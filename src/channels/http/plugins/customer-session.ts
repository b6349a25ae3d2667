// Customer sessions on the HTTP channel: the saxla_session cookie, the same-origin (CSRF) check,
// and `requireCustomer`, the hook other customer routes put in front of their handlers:
//
//   app.get('/api/v1/orders/:id', { preHandler: requireCustomer(deps) }, async (request) => {
//     const customer = customerOf(request); // { id, language }
//   });
//
// On POST/PUT/PATCH/DELETE it also refuses cross-origin requests (CSRF_REJECTED, 403); with no
// live session it answers UNAUTHENTICATED (401). It works as onRequest or preHandler.
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_ABSOLUTE_MS } from '../../../domain/account-rules.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { Locale } from '../../../domain/money.ts';
import type { StartedSession } from '../../../services/customer-sessions.ts';
import type { HttpDeps } from '../http-deps.ts';
import { cookieMayBeInsecure } from './loopback-request.ts';
import { checkedOncePerPage } from './page-session-check.ts';

export const SESSION_COOKIE = 'saxla_session';

/** Who is signed in: set on the request by requireCustomer. */
export interface AuthenticatedCustomer {
  /** The account's id (a UUID). */
  readonly id: string;
  /** The language the customer chose, for texts and SMS. */
  readonly language: Locale;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Null unless requireCustomer ran before the handler; then always set. Prefer customerOf(request). */
    customer: AuthenticatedCustomer | null;
  }
}

export type CustomerHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Cookie parsing and the request decoration, on the root instance so every route plugin has them. */
export async function installCustomerSessions(app: FastifyInstance): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('customer', null);
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: StartedSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true, sameSite: 'lax', path: '/', secure: !cookieMayBeInsecure(request), maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: !cookieMayBeInsecure(request) });
}

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const token = request.cookies[SESSION_COOKIE];
  return token !== undefined && token.length > 0 ? token : undefined;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function headerText(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Same-origin check against CSRF: Sec-Fetch-Site, when sent, must be same-origin, and Origin,
 * when sent, must be this server (the Host it was asked for, or SAXLA_BASE_URL behind a proxy).
 * Browsers send at least one of them on a POST; a request with neither comes from a non-browser
 * client and is allowed only when it carries no session cookie, the thing a forgery would abuse.
 */
export function isSameOriginRequest(request: FastifyRequest, baseUrl: string | undefined): boolean {
  const site = headerText(request, 'sec-fetch-site');
  const origin = headerText(request, 'origin');
  if (site !== undefined && site !== 'same-origin') return false;
  if (origin !== undefined) {
    const own = new Set([originOf(`${request.protocol}://${request.host}`), baseUrl ? originOf(baseUrl) : undefined]);
    own.delete(undefined);
    if (!own.has(originOf(origin))) return false;
  }
  if (site === undefined && origin === undefined) return sessionTokenOf(request) === undefined;
  return true;
}

export function requireSameOrigin(deps: Pick<HttpDeps, 'baseUrl'>): CustomerHook {
  return async (request) => {
    if (!isSameOriginRequest(request, deps.baseUrl)) {
      throw new DomainError('CSRF_REJECTED', 'this request did not come from a Saxla page; reload the page and try again');
    }
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireCustomer(deps: Pick<HttpDeps, 'useCases' | 'baseUrl'>): CustomerHook {
  const sameOrigin = requireSameOrigin(deps);
  return async (request, reply) => {
    if (!safeMethods.has(request.method)) await sameOrigin(request, reply);
    const token = sessionTokenOf(request);
    const session = token === undefined ? undefined : await checkedOncePerPage(token, () => deps.useCases.authenticateCustomer(token));
    if (!session) throw new DomainError('UNAUTHENTICATED', 'sign in to continue (a session ends after 30 minutes idle or 12 hours)');
    request.customer = { id: session.customerId, language: session.language };
  };
}

/** The signed-in customer; UNAUTHENTICATED if requireCustomer did not run for this route. */
export function customerOf(request: FastifyRequest): AuthenticatedCustomer {
  if (!request.customer) throw new DomainError('UNAUTHENTICATED', 'sign in to continue');
  return request.customer;
}
