// When a cookie may go without Secure: only in demo mode, over plain http, to a loopback host,
// with no https SAXLA_BASE_URL (a developer's own machine). Behind a proxy the Host header alone
// proves nothing (a same-host proxy often forwards to 127.0.0.1), so the request's protocol as
// Fastify sees it (TRUST_PROXY) and the configured base URL decide too. Apart from the session
// plugin so pages can ask it without importing the plugin.
import type { FastifyInstance, FastifyRequest } from 'fastify';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export interface CookieSecurity {
  readonly mode: 'demo' | 'production';
  readonly baseUrl: string | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    cookieSecurity: CookieSecurity;
  }
}

/** Once, on the root instance: every route and page plugin reads it through request.server. */
export function installCookieSecurity(app: FastifyInstance, security: CookieSecurity): void {
  app.decorate('cookieSecurity', security);
}

export function isLoopbackRequest(request: FastifyRequest): boolean {
  const host = request.hostname.toLowerCase();
  return loopbackHosts.has(host) || host.endsWith('.localhost');
}

export function cookieMayBeInsecure(request: FastifyRequest): boolean {
  const security: CookieSecurity | undefined = request.server.cookieSecurity;
  if (!security || security.mode === 'production' || security.baseUrl?.startsWith('https:')) return false;
  return request.protocol === 'http' && isLoopbackRequest(request);
}

function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * A caller on this machine: the socket is loopback — an address a trusted proxy forwards can be
 * claimed by anyone behind it — and so is every address a proxy on this machine forwarded, else a
 * same-host proxy would make every public caller look local.
 */
export function isLocalCaller(request: FastifyRequest): boolean {
  const forwarded = request.headers['x-forwarded-for'];
  const forwardedAddresses = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  return isLoopbackAddress(request.socket.remoteAddress) && forwardedAddresses.every(isLoopbackAddress);
}
