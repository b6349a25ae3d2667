// Builds the Fastify app from its dependencies; tests drive it with inject() without a port.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import type { HttpDeps } from './http-deps.ts';
import { installCustomerSessions } from './plugins/customer-session.ts';
import { installCookieSecurity } from './plugins/loopback-request.ts';
import { installMetrics } from './plugins/metrics.ts';
import { installProblemErrors } from './plugins/problem-errors.ts';
import { frameworkErrors, installRequestHardening } from './plugins/request-hardening.ts';
import { validatorCompiler } from './validation.ts';
import { runWithRequestId } from '../../request-context.ts';
import { continueInSpan, endRequestSpan, startRequestSpan, type Span } from '../../tracing.ts';
import { faviconRoutes } from '../../web/kit/favicon.ts';
import { manatFontRoutes } from '../../web/kit/manat-font.ts';
import { portalRoutes } from '../../web/portal/portal-routes.ts';
import { adminLinesRoutes } from './routes/admin-lines.ts';
import { adminUsageRoutes } from './routes/admin-usage.ts';
import { authRoutes } from './routes/auth.ts';
import { customerLinesRoutes } from './routes/customer-lines.ts';
import { transferRoutes } from './routes/transfers.ts';
import { caseRoutes } from './routes/cases.ts';
import { groupRoutes } from './routes/groups.ts';
import { lineSimRoutes } from './routes/line-sims.ts';
import { demoPhoneRoutes } from './routes/demo-phone.ts';
import { healthRoutes } from './routes/health.ts';
import { keepUntilRoutes } from './routes/keep-until.ts';
import { messageCheckRoutes } from './routes/message-check.ts';
import { planRoutes } from './routes/plans.ts';
import { promotionRoutes } from './routes/promotions.ts';
import { sellingRoutes } from './routes/selling.ts';
import { settingsRoutes } from './routes/settings.ts';
import { smsOptionsRoutes } from './routes/sms-options.ts';
import { autoRenewRoutes } from './routes/auto-renew.ts';
import { spendingRoutes } from './routes/spending.ts';
import { statementRoutes } from './routes/statements.ts';
import { storeRoutes } from './routes/stores.ts';
import { receiptRoutes } from './routes/receipts.ts';
import { reassignedRoutes } from './routes/reassigned.ts';
import { counterRoutes } from '../../web/staff/counter-setup.ts';
import { refuseSimulatorsInProduction } from '../../services/choose-counter-payments.ts';
import { ussdRoutes } from '../ussd/ussd-route.ts';

export interface BuildAppOptions {
  readonly logger?: FastifyServerOptions['logger'];
  /** A logger made before the app (saxla serve logs while it waits for the database); wins over `logger`. */
  readonly loggerInstance?: FastifyBaseLogger;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For sets request.ip (rate limits, audit, USSD loopback rule). */
  readonly trustProxy?: string;
}

export async function buildApp(deps: HttpDeps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.loggerInstance ? { loggerInstance: options.loggerInstance } : { logger: options.logger ?? false }),
    trustProxy: options.trustProxy ? options.trustProxy.split(',').map((entry) => entry.trim()) : false,
    bodyLimit: 1024 * 1024 * 4,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    frameworkErrors,
    // Long path parameters reach their route, whose schema refuses them after any per-address limit
    // has counted them (the receipt verifier counts malformed numbers); find-my-way stops at 100.
    routerOptions: { maxParamLength: 2048 },
  });
  app.setValidatorCompiler(validatorCompiler);
  // Everything this request causes — log lines, SMS written to the outbox — carries its id.
  // With OTEL_EXPORTER_OTLP_ENDPOINT, each request is a span too, its transactions nested under it.
  const spans = new WeakMap<object, Span>();
  app.addHook('onRequest', (request, _reply, done) => runWithRequestId(request.id, () => {
    const span = startRequestSpan(request.method, request.routeOptions.url ?? '(unmatched)');
    spans.set(request, span);
    continueInSpan(span, done);
  }));
  app.addHook('onResponse', async (request, reply) => {
    const span = spans.get(request);
    if (span) endRequestSpan(span, reply.statusCode);
  });
  installProblemErrors(app);
  installRequestHardening(app);
  installMetrics(app, { mode: deps.mode, token: deps.metricsToken, readOperations: deps.useCases.readOperationsGauges });
  // One rule for every cookie (session, console, language): Secure unless a demo on a developer's machine.
  installCookieSecurity(app, { mode: deps.mode, baseUrl: deps.baseUrl });
  await installCustomerSessions(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Saxla API', version: '1', description: 'Keeps prepaid Azerbaijani numbers alive.' },
      components: { securitySchemes: { operatorToken: { type: 'http', scheme: 'bearer' }, apiKey: { type: 'http', scheme: 'bearer', description: 'an API key from `saxla create-api-key` or the staff console' } } },
    },
  });
  await app.register(healthRoutes, { deps });
  await app.register(faviconRoutes);
  await app.register(manatFontRoutes);
  await app.register(adminLinesRoutes, { deps });
  await app.register(adminUsageRoutes, { deps });
  await app.register(authRoutes, { deps });
  await app.register(customerLinesRoutes, { deps });
  await app.register(transferRoutes, { deps });
  await app.register(groupRoutes, { deps });
  await app.register(caseRoutes, { deps });
  await app.register(lineSimRoutes, { deps });
  await app.register(keepUntilRoutes, { deps });
  await app.register(statementRoutes, { deps });
  await app.register(settingsRoutes, { deps });
  await app.register(smsOptionsRoutes, { deps });
  await app.register(autoRenewRoutes, { deps });
  await app.register(spendingRoutes, { deps });
  await app.register(planRoutes, { deps });
  await app.register(promotionRoutes, { deps });
  await app.register(storeRoutes, { deps });
  // Receipts verify and the QR webhook (when a QR adapter is in use), then the staff console under
  // /staff (its own CSP and cookie).
  const counter = deps.counterPayments ?? {};
  refuseSimulatorsInProduction(deps.mode, counter);
  await app.register(receiptRoutes, { deps: { useCases: deps.useCases, qrWebhook: counter.qr !== undefined } });
  await app.register(counterRoutes, { deps });
  await app.register(ussdRoutes, { deps });
  await app.register(messageCheckRoutes, { deps });
  await app.register(reassignedRoutes, { deps });
  // The demo phone shows every SMS, one-time codes included: demo mode only.
  if (deps.demoPhone && deps.mode !== 'production') await app.register(demoPhoneRoutes, { deps, inbox: deps.demoPhone });
  if (deps.payments) await app.register(sellingRoutes, { deps, payments: deps.payments });
  // The customer portal (HTML) last: its helmet stays inside its own context.
  await app.register(portalRoutes, { deps, ...(deps.mapTileUrl ? { tileUrl: deps.mapTileUrl } : {}), ...(deps.smsSender ? { smsSender: deps.smsSender } : {}) });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
