// Who owns the quotes and orders a request makes: the signed-in customer. Quotes and orders of
// other accounts, and lines the customer has not proven, answer 404 like things that do not exist.
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { CustomerId } from '../../../services/customer-scope.ts';
import type { HttpDeps } from '../http-deps.ts';
import { customerOf, requireCustomer } from '../plugins/customer-session.ts';

/** The hooks in front of every customer route: a live session, and same-origin for writes. */
export function customerHooks(deps: HttpDeps): preHandlerAsyncHookHandler[] {
  return [requireCustomer(deps)];
}

/** The signed-in customer's id. */
export function customerIdOf(request: FastifyRequest): CustomerId {
  return customerOf(request).id;
}
