// Pages anyone may open: home, security (the SMS checker), register, verify, log in, reset.
import type { FastifyInstance } from 'fastify';
import { isLocale } from '../../domain/money.ts';
import { clearSessionCookie } from '../../channels/http/plugins/customer-session.ts';
import { apiClient, forwardCookies } from './api-client.ts';
import { loginBody, registerBody, resetBody, verifyBody, type AuthForm } from './pages/auth-pages.ts';
import { homeBody, securityBody, type CheckOutcome } from './pages/public-pages.ts';
import { announcementsBlock } from './pages/promotions-page.ts';
import { announcementsFor } from './portal-promotions-routes.ts';
import { html } from '../kit/html.ts';
import { receiptBody, type ReceiptCheckJson, type ReceiptOutcome } from './pages/receipt-page.ts';
import type { Translate } from './i18n.ts';
import { errorText, formRaw, formText, pageContext, queryText, seeOther, sendPage, type PortalSettings } from './portal-context.ts';

interface CheckJson {
  readonly genuine: boolean;
  readonly sentAt?: string;
}

/** The error of a code-and-password form, marking the password field when the password was refused. */
function formError(t: Translate, code: string): Pick<AuthForm, 'error' | 'errorField'> {
  return { error: errorText(t, code), errorField: code === 'PASSWORD_TOO_WEAK' ? 'password' : 'code' };
}

export async function portalPublicRoutes(app: FastifyInstance, { root, settings }: { root: FastifyInstance; settings: PortalSettings }): Promise<void> {
  const ctxOf = pageContext.bind(null, root, settings);

  app.get('/', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const announcements = await announcementsFor(apiClient(root, request), ctx);
    return sendPage(reply, ctx, 200, ctx.t('home.title'), html`${announcementsBlock(ctx, announcements)}${homeBody(ctx)}`, { active: '/' });
  });

  app.get('/security', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const form = { msisdn: queryText(request, 'msisdn'), code: queryText(request, 'code').toUpperCase() };
    let outcome: CheckOutcome = { kind: 'none' };
    if (form.msisdn && form.code) {
      const query = new URLSearchParams({ msisdn: form.msisdn, code: form.code });
      const res = await apiClient(root, request).get<CheckJson>(`/api/v1/messages/check?${query}`);
      if (res.ok) outcome = res.data.genuine && res.data.sentAt ? { kind: 'genuine', sentAt: res.data.sentAt } : { kind: 'not_genuine' };
      else if (res.missingRoute) outcome = { kind: 'unavailable' };
      else if (res.status === 422 || res.status === 400) outcome = { kind: 'not_genuine' };
      else outcome = { kind: 'error', message: errorText(ctx.t, res.code) };
    }
    return sendPage(reply, ctx, 200, ctx.t('sec.title'), securityBody(ctx, form, outcome), { active: '/security' });
  });

  // What a receipt's QR code opens. The JSON check answers (same 60 a minute per address, as the
  // page asks it with the visitor's address); the page only says it in words.
  app.get<{ Params: { number: string } }>('/receipts/:number', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const number = request.params.number.slice(0, 40);
    const res = await apiClient(root, request).get<ReceiptCheckJson>(`/api/v1/receipts/${encodeURIComponent(number)}/verify?lang=${ctx.locale}`);
    let outcome: ReceiptOutcome;
    let status = 200;
    if (res.ok) outcome = { kind: 'genuine', receipt: res.data };
    else if (res.status === 429) {
      outcome = { kind: 'throttled' };
      status = 429;
      void reply.header('retry-after', '60');
    } else if (res.status === 404 || res.status === 400) {
      outcome = { kind: 'not_ours', number };
      status = 404;
    } else throw new Error(`receipt check answered ${res.status} ${res.code}`);
    // A shop assistant's phone may keep the page; whether a receipt is voided can change.
    void reply.header('cache-control', 'no-store');
    return sendPage(reply, ctx, status, ctx.t('receipt.title'), receiptBody(ctx, outcome));
  });

  app.get('/register', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    return sendPage(reply, ctx, 200, ctx.t('register.title'), registerBody(ctx, {}), { active: '/register' });
  });

  app.post('/register', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const phone = formText(request.body, 'phone');
    const language = formText(request.body, 'language');
    const res = await apiClient(root, request).post('/api/v1/auth/register', { phone, language: isLocale(language) ? language : ctx.locale });
    if (res.ok) return seeOther(reply, `/verify?${new URLSearchParams({ phone })}`);
    return sendPage(reply, ctx, res.status, ctx.t('register.title'), registerBody(ctx, { phone, error: errorText(ctx.t, res.code) }));
  });

  app.get('/verify', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    return sendPage(reply, ctx, 200, ctx.t('verify.title'), verifyBody(ctx, { phone: queryText(request, 'phone'), action: '/verify' }));
  });

  app.post('/verify', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const phone = formText(request.body, 'phone');
    // The password is chosen here, with the code: only whoever holds the SIM can set it.
    const res = await apiClient(root, request).post('/api/v1/auth/verify', {
      phone, code: formText(request.body, 'code'), password: formRaw(request.body, 'password'),
    });
    if (res.ok) {
      forwardCookies(reply, res.response);
      return seeOther(reply, '/dashboard');
    }
    return sendPage(reply, ctx, res.status, ctx.t('verify.title'), verifyBody(ctx, { phone, action: '/verify', ...formError(ctx.t, res.code) }));
  });

  app.get('/login', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    return sendPage(reply, ctx, 200, ctx.t('login.title'), loginBody(ctx, {}), { active: '/login' });
  });

  app.post('/login', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const phone = formText(request.body, 'phone');
    const res = await apiClient(root, request).post('/api/v1/auth/login', { phone, password: formRaw(request.body, 'password') });
    if (res.ok) {
      forwardCookies(reply, res.response);
      return seeOther(reply, '/dashboard');
    }
    // Throttled sign-ins point to the way that always works: a code by SMS (reset) proves the SIM.
    const error = res.code === 'RATE_LIMITED' ? ctx.t('login.throttled') : errorText(ctx.t, res.code);
    return sendPage(reply, ctx, res.status, ctx.t('login.title'), loginBody(ctx, { phone, error }));
  });

  app.post('/logout', async (request, reply) => {
    const res = await apiClient(root, request).post('/api/v1/auth/logout', {});
    if (res.ok) forwardCookies(reply, res.response);
    else clearSessionCookie(request, reply);
    return seeOther(reply, '/');
  });

  app.get('/reset', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    return sendPage(reply, ctx, 200, ctx.t('reset.title'), resetBody(ctx, {}));
  });

  app.post('/reset', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const phone = formText(request.body, 'phone');
    const res = await apiClient(root, request).post('/api/v1/auth/password-reset', { phone });
    if (res.ok) return seeOther(reply, `/reset/confirm?${new URLSearchParams({ phone })}`);
    return sendPage(reply, ctx, res.status, ctx.t('reset.title'), resetBody(ctx, { phone, error: errorText(ctx.t, res.code) }));
  });

  app.get('/reset/confirm', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    return sendPage(reply, ctx, 200, ctx.t('reset.confirmTitle'), verifyBody(ctx, { phone: queryText(request, 'phone'), action: '/reset/confirm' }));
  });

  app.post('/reset/confirm', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const phone = formText(request.body, 'phone');
    const res = await apiClient(root, request).post('/api/v1/auth/password-reset/confirm', {
      phone, code: formText(request.body, 'code'), password: formRaw(request.body, 'password'),
    });
    if (res.ok) {
      forwardCookies(reply, res.response);
      return seeOther(reply, '/dashboard');
    }
    return sendPage(reply, ctx, res.status, ctx.t('reset.confirmTitle'), verifyBody(ctx, { phone, action: '/reset/confirm', ...formError(ctx.t, res.code) }));
  });
}
