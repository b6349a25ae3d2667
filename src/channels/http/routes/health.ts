// Liveness and readiness for the load balancer and the operator's monitoring.
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../http-deps.ts';
import { sendProblem } from '../plugins/problem-errors.ts';

export async function healthRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await deps.db.query('select 1');
      return { status: 'ready', database: deps.db.engine };
    } catch {
      return sendProblem(reply, 'DATABASE_LOCKED', 'the database does not answer');
    }
  });
}
