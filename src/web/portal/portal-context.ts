// What every portal handler needs: the page context (language, domain, signed in?), rendering
// with the right status, and mapping the API's error codes to words the customer can act on.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clearSessionCookie, SESSION_COOKIE } from '../../channels/http/plugins/customer-session.ts';
import { errorPageBody } from '../kit/forms.ts';
import { translator, type Translate } from './i18n.ts';
import type { SafeHtml } from '../kit/html.ts';
import { sendHtml } from '../kit/layout.ts';
import { renderPage, type PageContext } from './layout.ts';
import { pageLocale, rememberAskedLocale } from './locale.ts';

export interface PortalSettings {
  /** Leaflet tile URL template; its origin is added to the CSP. */
  readonly tileUrl: string;
  /** The SMS sender ID (SMS_SENDER). */
  readonly smsSender: string;
  /** SAXLA_BASE_URL: its host is the official domain shown on every page. */
  readonly baseUrl: string | undefined;
  /** How long an unpaid order waits before the page says the provider is slow. */
  readonly slowPaymentMs: number;
}

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    // No usable SAXLA_BASE_URL: the page shows the host the browser asked for instead.
    return undefined;
  }
}

export function pageContext(root: FastifyInstance, settings: PortalSettings, request: FastifyRequest, reply: FastifyReply): PageContext {
  rememberAskedLocale(request, reply);
  const locale = pageLocale(request);
  const session = request.cookies[SESSION_COOKIE];
  return {
    locale,
    t: translator(locale),
    url: new URL(request.url, 'http://portal.invalid'),
    signedIn: session !== undefined && session.length > 0,
    demoPhone: root.hasRoute({ method: 'GET', url: '/demo-phone' }),
    domain: hostOf(settings.baseUrl) ?? request.host,
    sender: settings.smsSender,
  };
}

export function sendPage(reply: FastifyReply, ctx: PageContext, status: number, title: string, body: SafeHtml, extra: { head?: SafeHtml; active?: string } = {}): FastifyReply {
  return sendHtml(reply, status, renderPage(ctx, { title, body, ...extra }));
}

/** A 303 keeps the browser from re-posting a form when the customer reloads the next page. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).send();
}

/**
 * What a page shows when the API refused its call: a lapsed session signs in again; anything else
 * is the refusal in the reader's language, with the API's status, and a way back when given.
 */
export function sendApiFailure(
  request: FastifyRequest, reply: FastifyReply, ctx: PageContext, refusal: { readonly status: number; readonly code: string },
  options: { readonly next?: { readonly href: string; readonly label: string }; readonly active?: string } = {},
): FastifyReply {
  if (refusal.status === 401) {
    clearSessionCookie(request, reply);
    return seeOther(reply, '/login');
  }
  const text = refusal.code === 'LINE_NOT_FOUND' ? ctx.t('error.lineNotFound') : refusal.status === 404 ? ctx.t('error.notFound') : errorText(ctx.t, refusal.code);
  return sendPage(reply, ctx, refusal.status, ctx.t('error.title'), errorPageBody(text, options.next), options.active ? { active: options.active } : {});
}

export function errorText(t: Translate, code: string): string {
  switch (code) {
    case 'INVALID_CREDENTIALS': return t('error.credentials');
    case 'CODE_INVALID': case 'CODE_EXPIRED': case 'CODE_TOO_MANY_ATTEMPTS': return t('error.code');
    case 'RATE_LIMITED': return t('error.throttled');
    case 'PASSWORD_TOO_WEAK': return t('error.password');
    case 'INVALID_MSISDN': case 'NOT_AZ_MOBILE': return t('error.phone');
    case 'CSRF_REJECTED': return t('error.form');
    case 'PROMO_NOT_FOUND': case 'PROMO_EXPIRED': case 'PROMO_EXHAUSTED': case 'PROMO_NOT_APPLICABLE': return t('error.promo');
    case 'ORDER_TOTAL_ZERO': return t('error.orderZero');
    case 'LINE_NOT_FOUND': return t('error.lineNotFound');
    case 'TRANSFER_BELOW_MINIMUM': return t('error.transferMin');
    case 'TRANSFER_LEAVES_TOO_LITTLE': return t('error.transferLeft');
    case 'TRANSFER_DAILY_CAP': return t('error.transferCap');
    case 'TRANSFER_RECIPIENT_NOT_ALLOWED': return t('error.transferTo');
    case 'TRANSFER_SAME_LINE': return t('error.transferSame');
    case 'TRANSFER_LINE_CLOSED': return t('error.transferClosed');
    case 'INSUFFICIENT_BALANCE': return t('error.balance');
    case 'LOGIN_LINE_NOT_REMOVABLE': return t('remove.login');
    case 'GROUP_FULL': return t('error.groupFull');
    case 'GROUP_MEMBER_CONFLICT': return t('error.groupMember');
    case 'GROUP_PLAN_NOT_SHARED': return t('error.groupPlan');
    case 'FORBIDDEN': return t('error.forbidden');
    case 'UNAUTHENTICATED': return t('nav.login');
    default: return t('error.generic');
  }
}

/** Reads one field of an urlencoded form body as typed (passwords keep their spaces). */
export function formRaw(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

export function formText(body: unknown, name: string): string {
  return formRaw(body, name).trim();
}

export function queryText(request: FastifyRequest, name: string): string {
  return formText(request.query, name);
}
