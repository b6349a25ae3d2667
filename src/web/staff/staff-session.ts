// The staff console's own session cookie (saxla_staff, path /staff, SameSite=Strict), apart from
// customers' saxla_session, and the hooks that guard every console page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { STAFF_ABSOLUTE_MS, type AuthenticatedStaff } from '../../services/staff-auth.ts';
import type { StaffUseCases } from '../../services/staff-use-cases.ts';
import type { RequestOrigin } from '../../services/staff-audit.ts';
import type { StaffActor } from '../../services/staff-scope.ts';
import { cookieMayBeInsecure } from '../../channels/http/plugins/loopback-request.ts';

export const STAFF_COOKIE = 'saxla_staff';

declare module 'fastify' {
  interface FastifyRequest {
    staffSession: AuthenticatedStaff | null;
  }
}

function originOfUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    // Not a URL (a forged or broken header): it names no origin, so it matches none of ours.
    return undefined;
  }
}
/** Secure by the one cookie rule (loopback-request.ts): never decided by the Host header alone. */
export function setStaffCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(STAFF_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/staff', secure: !cookieMayBeInsecure(request), maxAge: STAFF_ABSOLUTE_MS / 1000 });
}

export function clearStaffCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(STAFF_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/staff', secure: !cookieMayBeInsecure(request) });
}

function headerText(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The console's CSRF rule, stricter than the customers': every POST must prove it came from a
 * console page. Sec-Fetch-Site, when sent, must say same-origin; Origin, when sent, must be this
 * server (its Host as requested, or SAXLA_BASE_URL's origin behind a proxy); with neither header
 * the request is refused, whether or not it carries a staff cookie (sign-in has none yet).
 */
export function isStaffSameOrigin(request: FastifyRequest, baseUrl: string | undefined): boolean {
  const site = headerText(request, 'sec-fetch-site');
  const origin = headerText(request, 'origin');
  if (site === undefined && origin === undefined) return false;
  if (site !== undefined && site !== 'same-origin') return false;
  if (origin !== undefined) {
    const own = [originOfUrl(`${request.protocol}://${request.host}`), originOfUrl(baseUrl)];
    const from = originOfUrl(origin);
    if (from === undefined || !own.includes(from)) return false;
  }
  return true;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An onRequest hook for the whole console: refuses a cross-site POST before its body is read. */
export function requireStaffSameOrigin(baseUrl: string | undefined): (request: FastifyRequest) => Promise<void> {
  return async (request) => {
    if (!safeMethods.has(request.method) && !isStaffSameOrigin(request, baseUrl)) {
      throw new DomainError('CSRF_REJECTED', 'this form did not come from a Saxla staff page; reload it and try again');
    }
  };
}

export function originOf(request: FastifyRequest): RequestOrigin {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua : null };
}

export type StaffHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Loads the session; `stage` says which sessions may pass (pending ones may only enrol). */
export function requireStaff(deps: { readonly useCases: Pick<StaffUseCases, 'authenticateStaff'>; readonly baseUrl?: string }, stage: 'full' | 'pending'): StaffHook {
  const sameOrigin = requireStaffSameOrigin(deps.baseUrl);
  return async (request, reply) => {
    // Also the console's onRequest hook; kept here so a route outside that plugin stays guarded.
    await sameOrigin(request);
    const token = request.cookies[STAFF_COOKIE];
    const session = token ? await deps.useCases.authenticateStaff(token) : undefined;
    if (!session || session.stage !== stage) {
      if (request.method === 'GET') {
        await reply.redirect(session?.stage === 'pending' ? '/staff/enrol' : '/staff/login');
        return;
      }
      throw new DomainError(session ? 'TOTP_REQUIRED' : 'UNAUTHENTICATED', 'sign in with your password and authenticator code');
    }
    request.staffSession = session;
  };
}

export function actorOf(request: FastifyRequest): StaffActor {
  if (!request.staffSession) throw new DomainError('UNAUTHENTICATED', 'sign in to the staff console');
  return { staff: request.staffSession.staff, origin: originOf(request) };
}
