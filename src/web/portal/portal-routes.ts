// The customer portal: server-rendered pages in four languages, our own static files and the
// vendored Leaflet. Helmet (CSP and friends) is registered inside this plugin's encapsulated
// context, so it guards the HTML and assets only; the JSON API stays without it (it halves their
// throughput and protects nothing a browser renders).
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../../channels/http/http-deps.ts';
import { requireSameOrigin } from '../../channels/http/plugins/customer-session.ts';
import { isDatabaseOutage, sendDatabaseUnavailable } from '../../channels/http/plugins/database-unavailable.ts';
import { clientErrorStatus } from '../../channels/http/plugins/request-hardening.ts';
import { errorPageBody } from '../kit/forms.ts';
import { portalCustomerRoutes } from './portal-customer-routes.ts';
import { DEFAULT_TILE_URL, pageContext, sendPage, type PortalSettings } from './portal-context.ts';
import { portalPublicRoutes } from './portal-public-routes.ts';
import { portalTopUpRoutes } from './portal-top-up-routes.ts';
import { portalKeepUntilRoutes } from './portal-keep-until-routes.ts';
import { portalAutoRenewRoutes } from './portal-auto-renew-routes.ts';
import { portalAccountsRoutes } from './portal-accounts-routes.ts';
import { portalGroupsRoutes } from './portal-groups-routes.ts';
import { portalSimsRoutes } from './portal-sims-routes.ts';
import { portalSupportRoutes } from './portal-support-routes.ts';
import { portalVisitRoutes } from './portal-visit-routes.ts';
import { portalSpendingRoutes } from './portal-spending-routes.ts';
import { portalPromotionsRoutes } from './portal-promotions-routes.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface PortalOptions {
  readonly deps: HttpDeps;
  readonly tileUrl?: string;
  readonly smsSender?: string;
  readonly slowPaymentMs?: number;
}

function originOf(url: string): string {
  try {
    return new URL(url.replace(/\{[a-z]\}/g, 'a')).origin;
  } catch {
    // config.ts already refused a bad MAP_TILE_URL; an unparseable one simply adds no CSP origin.
    return '';
  }
}

// Hosted payment pages the pay form redirects to: CSP form-action also governs that redirect.
const paymentHosts = ['https://checkout.stripe.com', 'https://www.paypal.com', 'https://www.sandbox.paypal.com'];

export async function portalRoutes(app: FastifyInstance, options: PortalOptions): Promise<void> {
  const { deps } = options;
  const settings: PortalSettings = {
    tileUrl: options.tileUrl ?? DEFAULT_TILE_URL,
    smsSender: options.smsSender ?? 'Saxla',
    baseUrl: deps.baseUrl,
    slowPaymentMs: options.slowPaymentMs ?? 3 * 60 * 1000,
  };
  const tileOrigin = originOf(settings.tileUrl);
  // The root instance answers the portal's in-process API calls and knows every route.
  const root = app;

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(tileOrigin ? [tileOrigin] : [])],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'", ...paymentHosts],
        frameAncestors: ["'none'"],
      },
    },
    // Pages link to the provider's hosted page; keep the Referer to our origin only.
    referrerPolicy: { policy: 'same-origin' },
  });
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody, { bodyLimit: 8192 });
  await app.register(fastifyStatic, { root: join(repoRoot, 'web', 'portal'), prefix: '/assets/portal/', decorateReply: false, maxAge: '1h' });
  await app.register(fastifyStatic, { root: join(repoRoot, 'node_modules', 'leaflet', 'dist'), prefix: '/assets/leaflet/', decorateReply: false, maxAge: '1d' });

  // Every portal form is same-origin only (CSRF), checked before the body is read.
  const sameOrigin = requireSameOrigin(deps);
  app.addHook('onRequest', async (request, reply) => {
    if (request.method === 'POST') await sameOrigin(request, reply);
  });
  app.setErrorHandler(async (error, request, reply) => {
    if (isDatabaseOutage(error)) return sendDatabaseUnavailable(request, reply);
    const ctx = pageContext(root, settings, request, reply);
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    // A refusal (a bad form, a too large one, a forbidden static path) keeps its 4xx; only bugs are 500.
    const status = clientErrorStatus(error);
    if (status === undefined) request.log.error({ err: error }, 'portal page failed');
    const text = code === 'CSRF_REJECTED' ? ctx.t('error.form')
      : status === 404 ? ctx.t('error.notFound')
        : status === 429 ? ctx.t('error.throttled')
          : status === 400 || status === 413 || status === 415 ? ctx.t('error.badRequest') : ctx.t('error.generic');
    return sendPage(reply, ctx, status ?? 500, ctx.t('error.title'), errorPageBody(text));
  });

  await app.register(portalPublicRoutes, { root, settings });
  await app.register(portalCustomerRoutes, { root, settings, now: () => deps.now() });
  await app.register(portalTopUpRoutes, { root, settings, policy: deps.policy });
  await app.register(portalKeepUntilRoutes, { root, settings });
  await app.register(portalAutoRenewRoutes, { root, settings });
  await app.register(portalAccountsRoutes, { root, settings });
  await app.register(portalGroupsRoutes, { root, settings });
  await app.register(portalSimsRoutes, { root, settings });
  await app.register(portalSpendingRoutes, { root, settings });
  await app.register(portalPromotionsRoutes, { root, settings });
  await app.register(portalSupportRoutes, { root, settings, now: () => deps.now() });
  await app.register(portalVisitRoutes, { root, settings, now: () => deps.now() });
}
