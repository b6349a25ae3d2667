// Who owns the quotes and orders a request makes. Customer sessions (plugins/customer-session.ts,
// requireCustomer) are being built alongside; until they are wired in, these routes run without a
// session and the services get no customer id. Wiring them is this file alone.
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { CustomerId } from '../../../services/customer-scope.ts';
import type { HttpDeps } from '../http-deps.ts';

/** The hooks in front of every customer route (requireCustomer(deps) once sessions land). */
export function customerHooks(_deps: HttpDeps): preHandlerAsyncHookHandler[] {
  return [];
}

/** The signed-in customer's id (customerOf(request).id once sessions land). */
export function customerIdOf(_request: FastifyRequest): CustomerId {
  return null;
}
