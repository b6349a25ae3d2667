// Pages behind a session: my numbers, renew → pay → follow the order, history, settings, stores.
// Each reads the same JSON API a phone app would; a missing session sends the customer to log in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseIsoDate } from '../../domain/calendar.ts';
import { appendCheckCode } from '../../domain/check-code.ts';
import { isLocale, qepik, type Locale } from '../../domain/money.ts';
import { formatSmsDate, smsAmount, smsText } from '../../domain/sms-templates.ts';
import { apiClient } from './api-client.ts';
import type { LineJson, OrderJson, PlanJson, QuoteJson, SettingsJson, StatementJson, StoreJson } from './api-types.ts';
import { clockTime, day, phone } from './format.ts';
import { html, trustedHtml } from '../kit/html.ts';
import type { PageContext } from './layout.ts';
import { rememberLocale } from './locale.ts';
import { visitsSection, type VisitJson } from './pages/store-visit-page.ts';
import { historyBody, settingsBody, storesBody, type SettingsView } from './pages/account-pages.ts';
import { lineLanguageField } from './pages/line-language-section.ts';
import { dashboardBody } from './pages/dashboard-page.ts';
import { announcementsFor, offersFor } from './portal-promotions-routes.ts';
import type { AutoRenewJson } from './pages/auto-renew-page.ts';
import type { PackJson } from './pages/packs-panel.ts';
import type { SpendingJson } from './pages/spending-page.ts';
import { expiredQuoteBody, orderBody, waitingHead, type OrderView } from './pages/order-page.ts';
import { quoteBody, renewBody, type RenewForm } from './pages/renew-pages.ts';
import { latinFieldName } from './pages/sms-cost-section.ts';
import { smsCostView } from './sms-cost-data.ts';
import { errorText, formText, pageContext, queryText, seeOther, sendPage, type PortalSettings, sendApiFailure } from './portal-context.ts';
import { promoRefusalText } from './promo-refusal.ts';

type Params = { Params: { msisdn: string } };

/** An example check code for the "SMS to expect": the real one differs per message. */
const EXAMPLE_CHECK_CODE = 'K7QX3M';

export async function portalCustomerRoutes(app: FastifyInstance, { root, settings, now }: { root: FastifyInstance; settings: PortalSettings; now: () => number }): Promise<void> {
  const ctxOf = pageContext.bind(null, root, settings);

  /** The API said "who are you?": forget the stale cookie and go to log in. Otherwise an error page. */
  const failed = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, res: { status: number; code: string }): FastifyReply =>
    sendApiFailure(request, reply, ctx, res);

  app.get('/dashboard', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    // Plans named in the page's language, whichever language the account signed up in.
    const res = await api.get<{ items: LineJson[] }>(`/api/v1/lines?lang=${ctx.locale}`);
    if (!res.ok) return failed(request, reply, ctx, res);
    const lines = res.data.items;
    const linePath = (line: LineJson, part: string): string => `/api/v1/lines/${encodeURIComponent(line.msisdn)}/${part}`;
    // The panels' reads do not depend on each other: asked together, the page waits for the
    // slowest, not for their sum (the delegate's requests share the pool like any client's).
    const [autoRenewRes, usage, spent, offers, announcements, visits] = await Promise.all([
      Promise.all(lines.map((line) => api.get<AutoRenewJson>(linePath(line, 'auto-renew')))),
      Promise.all(lines.map((line) => api.get<{ items: PackJson[] }>(linePath(line, 'usage')))),
      Promise.all(lines.map((line) => api.get<SpendingJson>(linePath(line, 'spending')))),
      offersFor(api, ctx),
      announcementsFor(api, ctx),
      api.get<{ items: VisitJson[] }>('/api/v1/appointments'),
    ]);
    // Each line's automatic payments for its panel: off on 404, no panel if the API cannot say.
    const autoRenew = new Map<string, AutoRenewJson | null>();
    lines.forEach((line, i) => {
      const ar = autoRenewRes[i];
      if (ar?.ok) autoRenew.set(line.msisdn, ar.data);
      else if (ar?.status === 404 && !ar.missingRoute) autoRenew.set(line.msisdn, null);
    });
    // What is left in each line's packs; a line whose packs cannot be read just shows none.
    const packs = new Map(lines.flatMap((line, i) => { const u = usage[i]; return u?.ok ? [[line.msisdn, u.data.items] as const] : []; }));
    // This month's spending and any unusual charge still unanswered; a line that cannot say shows no panel.
    const spending = new Map(lines.flatMap((line, i) => { const sp = spent[i]; return sp?.ok ? [[line.msisdn, sp.data] as const] : []; }));
    // After adding or removing a number (a redirect here), say so.
    // Only a number is ever echoed, so a crafted link cannot put other words on the page.
    const numberIn = (name: string): string => { const v = queryText(request, name); return /^\+994\d{9}$/.test(v) ? v : ''; };
    const added = numberIn('added');
    const removed = numberIn('removed');
    const notice = added ? ctx.t('link.added', { msisdn: phone(added) }) : removed ? ctx.t('remove.done', { msisdn: phone(removed) }) : undefined;
    // What this account can use now, and the operator's notices.
    const promotions = { offers, announcements };
    // Upcoming store visits, with the stores named in the page's language.
    const stores = visits.ok && visits.data.items.length > 0 ? await api.get<{ items: StoreJson[] }>(`/api/v1/stores?lang=${ctx.locale}`) : undefined;
    const storeNames = new Map(stores?.ok ? stores.data.items.map((st) => [st.id, st.name] as const) : []);
    const visit = queryText(request, 'visit');
    const visitNotice = visit === 'cancelled' ? ctx.t('visit.cancelled')
      : visit === 'booked' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(queryText(request, 'at')) ? ctx.t('visit.booked', { date: day(queryText(request, 'at'), ctx.locale), time: clockTime(queryText(request, 'at')) }) : undefined;
    const body = html`${dashboardBody(ctx, lines, autoRenew, packs, notice, spending, promotions)}${visitsSection(ctx, visits.ok ? visits.data.items : [], storeNames, visitNotice)}`;
    return sendPage(reply, ctx, 200, ctx.t('dash.title'), body, { active: '/dashboard' });
  });

  async function renewPage(request: FastifyRequest, reply: FastifyReply, form: RenewForm, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const line = await api.get<LineJson>(`/api/v1/lines/${encodeURIComponent(form.msisdn)}`);
    if (!line.ok) return failed(request, reply, ctx, line);
    const plans = await api.get<{ items: PlanJson[] }>(`/api/v1/plans?lang=${ctx.locale}`);
    if (!plans.ok) return failed(request, reply, ctx, plans);
    const msisdn = line.data.msisdn;
    const planCode = form.planCode ?? line.data.plan ?? undefined;
    return sendPage(reply, ctx, status, ctx.t('renew.title', { msisdn: phone(msisdn) }), renewBody(ctx, plans.data.items, { ...form, msisdn, ...(planCode ? { planCode } : {}) }));
  }

  app.get<Params>('/lines/:msisdn/renew', async (request, reply) => {
    const months = Number(queryText(request, 'months'));
    const plan = queryText(request, 'plan');
    const promo = queryText(request, 'promo');
    return renewPage(request, reply, { msisdn: request.params.msisdn, ...(plan ? { planCode: plan } : {}), ...(months > 0 ? { months } : {}), ...(promo ? { promoCode: promo } : {}) });
  });

  app.post<Params>('/lines/:msisdn/quote', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const promoCode = formText(request.body, 'promoCode');
    const form: RenewForm = {
      msisdn: request.params.msisdn, planCode: formText(request.body, 'planCode'), months: Number(formText(request.body, 'months')),
      ...(promoCode ? { promoCode } : {}),
    };
    // In the page's language: the plan and discount names on the quote are the customer's words.
    const res = await apiClient(root, request).post<QuoteJson>(`/api/v1/quotes?lang=${ctx.locale}`, {
      msisdn: form.msisdn, planCode: form.planCode, months: form.months, ...(promoCode ? { promoCode } : {}),
    });
    if (res.ok) return sendPage(reply, ctx, 200, ctx.t('quote.title'), quoteBody(ctx, res.data, form));
    if (res.status === 401 || res.status === 404) return failed(request, reply, ctx, res);
    const error = (promoCode ? promoRefusalText(ctx, res.code, promoCode, res.response) : undefined) ?? errorText(ctx.t, res.code);
    return renewPage(request, reply, { ...form, error }, res.status);
  });

  app.post('/orders', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const quoteId = formText(request.body, 'quoteId');
    const back = { msisdn: formText(request.body, 'msisdn'), planCode: formText(request.body, 'planCode'), months: Number(formText(request.body, 'months')) };
    // The key is the quote's: a double press, a reload or "back" and pay again reopen the same
    // order and its payment page, never a second charge. "Try again" after a declined card names
    // the failed order, so it opens one new order on the same quote (same price, same promo code).
    const retryOf = formText(request.body, 'retryOf');
    const key = retryOf ? `portal-${quoteId}-after-${retryOf}` : `portal-${quoteId}`;
    const res = await apiClient(root, request).post<OrderJson>('/api/v1/orders', { quoteId }, { 'idempotency-key': key });
    if (res.ok) {
      if (res.data.status === 'pending_payment' && res.data.paymentUrl) return seeOther(reply, res.data.paymentUrl);
      return seeOther(reply, `/orders/${encodeURIComponent(res.data.orderId)}`);
    }
    if (res.code === 'QUOTE_EXPIRED') return sendPage(reply, ctx, 409, ctx.t('order.expiredTitle'), expiredQuoteBody(ctx, back, formText(request.body, 'topUp') === '1'));
    return failed(request, reply, ctx, res);
  });

  app.get<{ Params: { orderId: string } }>('/orders/:orderId', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const res = await api.get<OrderJson>(`/api/v1/orders/${encodeURIComponent(request.params.orderId)}`);
    if (!res.ok) return failed(request, reply, ctx, res);
    const order = res.data;
    let view: OrderView;
    switch (order.status) {
      case 'pending_payment':
      case 'paid': {
        const created = order.createdAt ? Date.parse(order.createdAt) : Number.NaN;
        view = { kind: 'waiting', order, slow: order.status === 'pending_payment' && now() - created > settings.slowPaymentMs };
        return sendPage(reply, ctx, 200, ctx.t(view.slow ? 'order.timeoutTitle' : 'order.waitTitle'), orderBody(ctx, view), { head: waitingHead(order.orderId) });
      }
      case 'activated': {
        const item = order.items?.[0];
        const line = item ? await api.get<LineJson>(`/api/v1/lines/${encodeURIComponent(item.msisdn)}`) : undefined;
        if (!item || !line?.ok) {
          view = { kind: 'done', order, msisdn: item?.msisdn ?? '', validUntil: '', smsExample: '' };
        } else {
          // The SMS as it will arrive: in the line's language, which may not be this page's.
          const smsLanguage = line.data.language;
          const plans = await api.get<{ items: PlanJson[] }>(`/api/v1/plans?lang=${smsLanguage}`);
          const planName = plans.ok ? plans.data.items.find((p) => p.code === item.planCode)?.name : undefined;
          view = { kind: 'done', order, msisdn: item.msisdn, validUntil: line.data.validUntil, smsLanguage, smsExample: smsExample(smsLanguage, item, planName, order, line.data) };
        }
        break;
      }
      case 'failed': {
        const holds = order.quoteExpiresAt ? Date.parse(order.quoteExpiresAt) > now() : false;
        view = { kind: 'declined', order, quoteHolds: holds };
        break;
      }
      case 'expired': view = { kind: 'expired', order }; break;
      case 'refunded': view = { kind: 'refunded', order }; break;
    }
    return sendPage(reply, ctx, 200, ctx.t('order.title', { id: order.orderId }), orderBody(ctx, view));
  });

  app.get<Params>('/lines/:msisdn/history', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const line = await api.get<LineJson>(`/api/v1/lines/${encodeURIComponent(request.params.msisdn)}`);
    if (!line.ok) return failed(request, reply, ctx, line);
    const msisdn = line.data.msisdn;
    const from = queryText(request, 'from');
    const to = queryText(request, 'to');
    // The page's language for the entries' descriptions, like the page around them.
    const query = new URLSearchParams({ format: 'json', lang: ctx.locale });
    if (from) query.set('from', from);
    if (to) query.set('to', to);
    const res = await api.get<StatementJson>(`/api/v1/lines/${encodeURIComponent(msisdn)}/statement?${query.toString()}`);
    const periodError = !res.ok && res.status === 400;
    if (!res.ok && !res.missingRoute && !periodError) return failed(request, reply, ctx, res);
    return sendPage(reply, ctx, periodError ? 400 : 200, ctx.t('history.title', { msisdn: phone(msisdn) }),
      historyBody(ctx, { msisdn, statement: res.ok ? res.data : undefined, from, to, periodError }));
  });

  async function settingsPage(request: FastifyRequest, reply: FastifyReply, view: Omit<SettingsView, 'settings'>, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    const res = await apiClient(root, request).get<SettingsJson>('/api/v1/settings');
    if (!res.ok && res.status === 401) return failed(request, reply, ctx, res);
    // Like the reminders, the SMS sections are left out (not the page) when their API cannot answer.
    const sms = await smsCostView(apiClient(root, request));
    const lines = await apiClient(root, request).get<{ items: LineJson[] }>(`/api/v1/lines?lang=${ctx.locale}`);
    return sendPage(reply, ctx, status, ctx.t('settings.title'), settingsBody(ctx, {
      ...view, settings: res.ok ? res.data : undefined, ...(sms.ok ? { sms: sms.view } : {}), ...(lines.ok ? { lines: lines.data.items } : {}),
    }), { active: '/settings' });
  }

  app.get('/settings', async (request, reply) => settingsPage(request, reply, { saved: queryText(request, 'saved') === '1' }));

  app.post('/settings', async (request, reply) => {
    const language = formText(request.body, 'language');
    if (isLocale(language)) rememberLocale(request, reply, language);
    return seeOther(reply, `/settings?saved=1${isLocale(language) ? `&lang=${language}` : ''}`);
  });

  // Unchecked boxes are absent from a form post: absent means "off", as the browser meant it.
  app.post('/settings/reminders', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const checked = (name: string): boolean => formText(request.body, name) === 'on';
    const email = formText(request.body, 'email');
    // The flags the API offers are the policy's reminder days: ask which, then send each one.
    const current = await apiClient(root, request).get<SettingsJson>('/api/v1/settings');
    if (!current.ok) return failed(request, reply, ctx, current);
    const reminders = Object.fromEntries(Object.keys(current.data.reminders).map((name) => [name, checked(name)]));
    const res = await apiClient(root, request).put<SettingsJson>('/api/v1/settings', { reminders, email: email === '' ? null : email });
    if (res.ok) return seeOther(reply, '/settings?saved=1');
    if (res.code === 'INVALID_EMAIL' || res.code === 'VALIDATION_FAILED') return settingsPage(request, reply, { saved: false, email, emailError: true }, res.status);
    return failed(request, reply, ctx, res);
  });

  // One choice per number; only the numbers whose language changed are sent, so an untouched
  // number does not overwrite what another account holding it chose meanwhile.
  app.post('/settings/line-languages', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const current = await api.get<{ items: LineJson[] }>('/api/v1/lines');
    if (!current.ok) return failed(request, reply, ctx, current);
    for (const line of current.data.items) {
      const language = formText(request.body, lineLanguageField(line.msisdn));
      if (!isLocale(language) || language === line.language) continue;
      const res = await api.put(`/api/v1/lines/${encodeURIComponent(line.msisdn)}/language`, { language });
      if (!res.ok) return failed(request, reply, ctx, res);
    }
    return seeOther(reply, '/settings?saved=1#sms-language-h');
  });

  // One box per number; an unchecked box is absent from the post, which means "off".
  app.post('/settings/sms', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const current = await smsCostView(api);
    if (!current.ok) return failed(request, reply, ctx, current);
    for (const line of current.view.lines) {
      const azLatin = formText(request.body, latinFieldName(line.msisdn)) === 'on';
      if (azLatin === line.azLatin) continue;
      const res = await api.put(`/api/v1/lines/${encodeURIComponent(line.msisdn)}/sms-options`, { azLatin });
      if (!res.ok) return failed(request, reply, ctx, res);
    }
    return seeOther(reply, '/settings?saved=1#sms-cost-h');
  });

  app.get('/stores', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const near = queryText(request, 'near');
    const query = new URLSearchParams({ lang: ctx.locale });
    if (/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/.test(near)) query.set('near', near);
    const res = await apiClient(root, request).get<{ items: StoreJson[]; callCentre?: { phone: string } | null }>(`/api/v1/stores?${query}`);
    if (!res.ok && !res.missingRoute) return failed(request, reply, ctx, res);
    return sendPage(reply, ctx, 200, ctx.t('stores.title'), storesBody(ctx, res.ok ? res.data.items : undefined, settings.tileUrl, res.ok ? res.data.callCentre?.phone ?? null : null), {
      active: '/stores',
      ...(res.ok ? { head: storesHead } : {}),
    });
  });
}

// Leaflet only on the stores page, so the dashboard carries no map code.
const storesHead = trustedHtml('<link rel="stylesheet" href="/assets/leaflet/leaflet.css">\n<script src="/assets/leaflet/leaflet.js" defer></script>\n<script src="/assets/portal/stores-map.js" defer></script>');

/** The confirmation SMS this order will bring, as the SMS channel writes it. */
function smsExample(locale: Locale, item: NonNullable<OrderJson['items']>[number], planName: string | undefined, order: OrderJson, line: LineJson): string {
  const amount = smsAmount(qepik(order.total?.amount ?? 0));
  const validUntil = formatSmsDate(parseIsoDate(line.validUntil), locale);
  // A top-up (no plan) brings the top-up confirmation, with the balance as it is now.
  const text = item.planCode === null
    ? smsText('top_up_confirmation', locale, { amount, msisdn: item.msisdn, balance: smsAmount(qepik(line.balance.amount)), validUntil })
    : smsText('renewal_confirmation', locale, { msisdn: item.msisdn, plan: planName ?? item.planCode, months: item.months ?? 0, amount, validUntil });
  return appendCheckCode(text, EXAMPLE_CHECK_CODE, locale);
}
