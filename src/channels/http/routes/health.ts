// Liveness and readiness for the load balancer and the operator's monitoring.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../http-deps.ts';
import { sendDatabaseUnavailable } from '../plugins/database-unavailable.ts';

/** A readiness probe answers within this, even when the database neither answers nor refuses. */
const READY_TIMEOUT_MS = 2000;

function withinTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${String(ms)} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export async function healthRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  // Up means the process runs: a database outage must not get it restarted.
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      const { engine } = await withinTimeout(deps.useCases.checkDatabase(), READY_TIMEOUT_MS);
      return { status: 'ready', database: engine };
    } catch (error) {
      request.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'not ready: the database does not answer');
      return sendDatabaseUnavailable(request, reply);
    }
  });
}
