// The staff console under /staff: its own cookie, a same-origin proof on every POST, a strict CSP
// (no scripts, no third parties) on these HTML routes only, errors as console pages, form bodies,
// and the counter's card-terminal and QR adapters.
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { staffApiKeyRoutes } from './staff-api-key-routes.ts';
import { staffAuthRoutes } from './staff-auth-routes.ts';
import type { StaffConsoleDeps } from './staff-console-deps.ts';
import { staffCounterRoutes } from './staff-counter-routes.ts';
import { installStaffErrorPages, staffNotFoundPage } from './staff-errors.ts';
import { rememberStaffLocale } from './staff-i18n.ts';
import { staffReportRoutes } from './staff-report-routes.ts';
import { staffSimsRoutes } from './staff-sims-routes.ts';
import { staffOperationsRoutes } from './staff-operations-routes.ts';
import { requireStaffSameOrigin } from './staff-session.ts';
import { staffSupportRoutes } from './staff-support-routes.ts';
import { staffTeamRoutes } from './staff-team-routes.ts';
import { staffPromotionRoutes } from './staff-promotion-routes.ts';

export async function staffConsole(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  app.decorateRequest('staffSession', null);
  installStaffErrorPages(app);
  // Every console POST, sign-in and enrolment included, proves it came from a console page.
  app.addHook('onRequest', requireStaffSameOrigin(deps.baseUrl));
  // ?lang= on any console page (even one that redirects to the sign-in) is kept for the next ones.
  app.addHook('onRequest', rememberStaffLocale);
  // Registered inside this plugin, so these headers apply to /staff pages and nothing else.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'"], fontSrc: ["'self'"], scriptSrc: ["'none'"], formAction: ["'self'"],
        frameAncestors: ["'none'"], baseUri: ["'none'"], objectSrc: ["'none'"],
      },
    },
    // Not no-referrer: with it browsers send `Origin: null` on the forms' POSTs and the CSRF check
    // refuses them. same-origin still keeps console URLs (numbers, ICCIDs) from other sites.
    referrerPolicy: { policy: 'same-origin' },
  });
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) await app.register(formbody, { bodyLimit: 16384 });
  await app.register(staffAuthRoutes, { deps });
  await app.register(staffCounterRoutes, { deps });
  await app.register(staffSimsRoutes, { deps });
  await app.register(staffReportRoutes, { deps });
  await app.register(staffOperationsRoutes, { deps });
  await app.register(staffTeamRoutes, { deps });
  await app.register(staffPromotionRoutes, { deps });
  await app.register(staffApiKeyRoutes, { deps });
  await app.register(staffSupportRoutes, { deps });
  await app.register(staffNotFoundPage, { prefix: '/staff' });
}
