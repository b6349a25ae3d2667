// The staff console's own session cookie (saxla_staff, path /staff, SameSite=Strict), apart from
// customers' saxla_session, and the hooks that guard every console page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../domain/errors.ts';
import { authenticateStaff, STAFF_ABSOLUTE_MS, type AuthenticatedStaff, type StaffDeps } from '../../../services/staff-auth.ts';
import type { RequestOrigin } from '../../../services/staff-audit.ts';
import type { StaffActor } from '../../../services/staff-scope.ts';
import { isLoopbackRequest, isSameOriginRequest } from '../plugins/customer-session.ts';

export const STAFF_COOKIE = 'saxla_staff';

declare module 'fastify' {
  interface FastifyRequest {
    staffSession: AuthenticatedStaff | null;
  }
}

export function setStaffCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(STAFF_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/staff', secure: !isLoopbackRequest(request), maxAge: STAFF_ABSOLUTE_MS / 1000 });
}

export function clearStaffCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(STAFF_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/staff', secure: !isLoopbackRequest(request) });
}

export function originOf(request: FastifyRequest): RequestOrigin {
  const ua = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof ua === 'string' ? ua : null };
}

export type StaffHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** Loads the session; `stage` says which sessions may pass (pending ones may only enrol). */
export function requireStaff(deps: StaffDeps & { baseUrl?: string }, stage: 'full' | 'pending'): StaffHook {
  return async (request, reply) => {
    if (request.method !== 'GET' && !isSameOriginRequest(request, deps.baseUrl)) {
      throw new DomainError('CSRF_REJECTED', 'this form did not come from a Saxla staff page; reload it and try again');
    }
    const token = request.cookies[STAFF_COOKIE];
    const session = token ? await authenticateStaff(deps, token) : undefined;
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
