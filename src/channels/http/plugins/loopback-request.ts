// Whether a request came to a loopback host (development): the only case where a cookie may go
// without Secure. Apart from the session plugin so pages can ask it without importing the plugin.
import type { FastifyRequest } from 'fastify';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackRequest(request: FastifyRequest): boolean {
  const host = request.hostname.toLowerCase();
  return loopbackHosts.has(host) || host.endsWith('.localhost');
}
