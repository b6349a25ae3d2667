// Prometheus metrics at GET /metrics: the process's own (requests by route and status with latency
// histograms, event loop, memory) and, read from the database at each scrape, orders and SMS by
// state, the outbox's depth and the pool's waits. With SAXLA_METRICS_TOKEN the scraper sends it as
// a bearer token; without one, demo mode answers callers on this machine and production mounts nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OperationsReading } from '../../../services/read-operations-gauges.ts';
import { requireBearer } from './bearer-auth.ts';
import { isLocalCaller } from './loopback-request.ts';
import { DomainError } from '../../../domain/errors.ts';

export interface MetricsOptions {
  readonly mode: 'demo' | 'production';
  /** SAXLA_METRICS_TOKEN. */
  readonly token: string | undefined;
  readonly readOperations: () => Promise<OperationsReading>;
}

/** A scrape that waits longer than this for the database reports it down instead of hanging. */
const DATABASE_READ_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${String(ms)} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export function installMetrics(app: FastifyInstance, options: MetricsOptions): void {
  if (!options.token && options.mode === 'production') return;
  // One registry per app (not prom-client's global one): tests build many apps in one process.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'saxla_' });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({ name: 'saxla_http_requests_total', help: 'HTTP requests answered, by route template and status', labelNames, registers: [registry] });
  const latency = new Histogram({
    name: 'saxla_http_request_duration_seconds', help: 'Time to answer an HTTP request, by route template and status', labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });
  const databaseUp = new Gauge({ name: 'saxla_database_up', help: '1 when the database answered this scrape, else 0', registers: [registry] });
  const orders = new Gauge({ name: 'saxla_orders', help: 'Orders (renewals, top-ups) created in the last 24 h, by state', labelNames: ['state'], registers: [registry] });
  const sms = new Gauge({ name: 'saxla_sms', help: 'SMS written in the last 24 h, by state', labelNames: ['state'], registers: [registry] });
  const segments = new Gauge({ name: 'saxla_sms_segments', help: 'SMS parts of the messages written in the last 24 h, by state', labelNames: ['state'], registers: [registry] });
  const outboxDue = new Gauge({ name: 'saxla_sms_outbox_due', help: 'Queued SMS whose time has come', registers: [registry] });
  const outboxWaiting = new Gauge({ name: 'saxla_sms_outbox_waiting', help: 'Queued SMS waiting for their time (reminders held over quiet hours)', registers: [registry] });
  const poolConnections = new Gauge({ name: 'saxla_db_pool_connections', help: 'Database pool connections, by state', labelNames: ['state'], registers: [registry] });
  const poolWaiting = new Gauge({ name: 'saxla_db_pool_waiting', help: 'Requests waiting for a database connection', registers: [registry] });

  app.addHook('onResponse', async (request, reply) => {
    // The route's template, never the raw URL: one series per route, not one per msisdn.
    const labels = { method: request.method, route: request.routeOptions.url ?? '(unmatched)', status_code: String(reply.statusCode) };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });

  const readDatabase = async (request: FastifyRequest): Promise<void> => {
    orders.reset();
    sms.reset();
    segments.reset();
    try {
      const reading = await withTimeout(options.readOperations(), DATABASE_READ_TIMEOUT_MS);
      databaseUp.set(1);
      for (const row of reading.ordersByState) orders.set({ state: row.state }, row.count);
      for (const row of reading.smsByState) {
        sms.set({ state: row.state }, row.count);
        segments.set({ state: row.state }, row.segments);
      }
      outboxDue.set(reading.outboxDue);
      outboxWaiting.set(reading.outboxWaiting);
      if (reading.pool) {
        poolConnections.set({ state: 'total' }, reading.pool.total);
        poolConnections.set({ state: 'idle' }, reading.pool.idle);
        poolWaiting.set(reading.pool.waiting);
      }
    } catch (error) {
      // The scrape still answers with the process's own figures: an outage is what it must show.
      databaseUp.set(0);
      request.log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'metrics: the database did not answer');
    }
  };

  const bearer = options.token ? requireBearer(options.token) : undefined;
  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (bearer) return bearer(request, reply);
    if (!isLocalCaller(request)) throw new DomainError('FORBIDDEN', 'without SAXLA_METRICS_TOKEN, /metrics answers callers on this machine only');
  };
  app.get('/metrics', { schema: { hide: true }, onRequest: guard }, async (request, reply) => {
    await readDatabase(request);
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
