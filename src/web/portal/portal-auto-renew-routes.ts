// Automatic payments on the portal, as plain forms over the JSON API: the page (with the return
// from the provider's card page), saving the setting, cancelling it, and starting to save a card.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseAznAmount } from '../../domain/money.ts';
import { apiClient, type ApiClient } from './api-client.ts';
import type { LineJson, PlanJson } from './api-types.ts';
import { phone } from './format.ts';
import type { PageContext } from './layout.ts';
import {
  autoRenewBody, autoRenewHref, formFrom, type AutoRenewForm, type AutoRenewJson, type AutoRenewPageView, type PaymentMethodJson,
} from './pages/auto-renew-page.ts';
import { errorText, formText, pageContext, queryText, seeOther, sendPage, type PortalSettings, sendApiFailure } from './portal-context.ts';

type Params = { Params: { msisdn: string } };

/** The form's fields turned into the API's body; a number or amount that does not parse is the customer's to fix. */
export function bodyFromForm(form: AutoRenewForm): Record<string, unknown> | 'amount' | 'form' {
  const whole = (text: string, min: number, max: number): number | undefined => {
    const n = /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
    return n >= min && n <= max ? n : undefined;
  };
  const money = (text: string): { amount: number; currency: 'AZN' } | undefined => {
    try {
      const amount = parseAznAmount(text);
      return amount >= 0 ? { amount, currency: 'AZN' } : undefined;
    } catch {
      // Not an amount as written: the page says how to write one.
      return undefined;
    }
  };
  const monthlyCap = money(form.monthlyCap);
  if (!monthlyCap) return 'amount';
  const base = { monthlyCap, source: form.source };
  if (form.kind === 'renew') {
    const months = whole(form.months, 1, 24);
    const daysBefore = whole(form.daysBefore, 0, 30);
    if (months === undefined || daysBefore === undefined || form.planCode === '') return 'form';
    return { ...base, mode: 'renew', planCode: form.planCode, months, daysBefore };
  }
  const amount = money(form.amount);
  if (!amount || amount.amount < 100) return 'amount';
  if (form.kind === 'below') {
    const belowBalance = money(form.belowBalance);
    if (!belowBalance || belowBalance.amount < 1) return 'amount';
    return { ...base, mode: 'top_up', amount, belowBalance };
  }
  const dayOfMonth = whole(form.dayOfMonth, 1, 31);
  if (dayOfMonth === undefined) return 'form';
  return { ...base, mode: 'top_up', amount, dayOfMonth };
}

function formOf(body: unknown): AutoRenewForm {
  const kind = formText(body, 'kind');
  return {
    kind: kind === 'below' || kind === 'monthly' ? kind : 'renew',
    planCode: formText(body, 'planCode'), months: formText(body, 'months'), daysBefore: formText(body, 'daysBefore'),
    amount: formText(body, 'amount'), belowBalance: formText(body, 'belowBalance'), dayOfMonth: formText(body, 'dayOfMonth'),
    monthlyCap: formText(body, 'monthlyCap'), source: formText(body, 'source') === 'saved_method' ? 'saved_method' : 'balance',
  };
}

function apiErrorText(ctx: PageContext, code: string): string {
  switch (code) {
    case 'AUTO_RENEW_OVER_CAP': return ctx.t('ar.errCap');
    case 'AUTO_RENEW_SOURCE_INVALID': return ctx.t('ar.errSource');
    case 'PAYMENT_METHOD_NOT_SAVED': return ctx.t('ar.errNoMethod');
    case 'AMOUNT_BELOW_MINIMUM_TOP_UP': case 'INVALID_AMOUNT': return ctx.t('ar.errAmount');
    case 'PLAN_DURATION_NOT_OFFERED': case 'PLAN_NOT_FOUND': return ctx.t('ar.errPlan');
    case 'VALIDATION_FAILED': return ctx.t('ar.errForm');
    default: return errorText(ctx.t, code);
  }
}

export async function portalAutoRenewRoutes(app: FastifyInstance, { root, settings }: { root: FastifyInstance; settings: PortalSettings }): Promise<void> {
  const ctxOf = pageContext.bind(null, root, settings);

  const failed = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, res: { status: number; code: string }): FastifyReply =>
    sendApiFailure(request, reply, ctx, res);

  /** The page from the API's answers; `form` and `notice` when a post comes back to it. */
  async function page(request: FastifyRequest, reply: FastifyReply, api: ApiClient, msisdn: string, extra: { form?: AutoRenewForm; notice?: AutoRenewPageView['notice']; status?: number; capError?: string }): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    const line = await api.get<LineJson>(`/api/v1/lines/${encodeURIComponent(msisdn)}`);
    if (!line.ok) return failed(request, reply, ctx, line);
    const path = encodeURIComponent(line.data.msisdn);
    const [plans, setting, methods] = await Promise.all([
      api.get<{ items: PlanJson[] }>(`/api/v1/plans?lang=${ctx.locale}`),
      api.get<AutoRenewJson>(`/api/v1/lines/${path}/auto-renew`),
      api.get<{ items: PaymentMethodJson[]; providers: string[] }>('/api/v1/payment-methods'),
    ]);
    if (!plans.ok) return failed(request, reply, ctx, plans);
    if (!setting.ok && setting.status !== 404) return failed(request, reply, ctx, setting);
    const current = setting.ok ? setting.data : undefined;
    const view: AutoRenewPageView = {
      line: line.data, plans: plans.data.items, setting: current,
      methods: methods.ok ? methods.data.items : [], providers: methods.ok ? methods.data.providers : [],
      form: extra.form ?? formFrom(current, line.data, plans.data.items, ctx.locale),
      ...(extra.notice ? { notice: extra.notice } : {}),
      ...(extra.capError ? { capError: extra.capError } : {}),
    };
    return sendPage(reply, ctx, extra.status ?? 200, ctx.t('ar.title', { msisdn: phone(line.data.msisdn) }), autoRenewBody(ctx, view), { active: '/dashboard' });
  }

  app.get<Params>('/lines/:msisdn/auto-renew', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const methodId = queryText(request, 'method');
    let notice: AutoRenewPageView['notice'];
    if (methodId) {
      // Back from the provider's page: ask it (through the API) what was saved.
      const done = await api.post<PaymentMethodJson & { status: string }>(`/api/v1/payment-methods/${encodeURIComponent(methodId)}/complete`, {});
      notice = !done.ok ? { text: ctx.t('ar.methodFailed'), kind: 'error' }
        : done.data.status === 'saved' ? { text: ctx.t('ar.methodSaved', { label: done.data.label ?? '' }), kind: 'ok' }
          : done.data.status === 'pending' ? { text: ctx.t('ar.methodPending'), kind: 'error' } : { text: ctx.t('ar.methodFailed'), kind: 'error' };
    } else if (queryText(request, 'saved') === '1') {
      notice = { text: ctx.t('ar.saved'), kind: 'ok' };
    } else if (queryText(request, 'removed') === '1') {
      notice = { text: ctx.t('ar.removed'), kind: 'ok' };
    } else if (queryText(request, 'cancelled') === '1') {
      notice = { text: ctx.t('ar.cancelled'), kind: 'ok' };
    }
    return page(request, reply, api, request.params.msisdn, notice ? { notice } : {});
  });

  app.post<Params>('/lines/:msisdn/auto-renew', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const form = formOf(request.body);
    const body = bodyFromForm(form);
    if (body === 'amount' || body === 'form') {
      return page(request, reply, api, request.params.msisdn, { form, status: 422, notice: { text: ctx.t(body === 'amount' ? 'ar.errAmount' : 'ar.errForm'), kind: 'error' } });
    }
    const res = await api.put<AutoRenewJson>(`/api/v1/lines/${encodeURIComponent(request.params.msisdn)}/auto-renew`, body);
    if (res.ok) return seeOther(reply, `${autoRenewHref(request.params.msisdn)}?saved=1`);
    if (res.status === 401 || res.code === 'LINE_NOT_FOUND') return failed(request, reply, ctx, res);
    const text = apiErrorText(ctx, res.code);
    return page(request, reply, api, request.params.msisdn, {
      form, status: res.status, notice: { text, kind: 'error' }, ...(res.code === 'AUTO_RENEW_OVER_CAP' ? { capError: text } : {}),
    });
  });

  app.post<Params>('/lines/:msisdn/auto-renew/cancel', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const res = await apiClient(root, request).delete(`/api/v1/lines/${encodeURIComponent(request.params.msisdn)}/auto-renew`);
    // Already off (a second press) is what the customer wanted too.
    if (!res.ok && !(res.status === 404 && res.code === 'NOT_FOUND')) return failed(request, reply, ctx, res);
    return seeOther(reply, `${autoRenewHref(request.params.msisdn)}?cancelled=1`);
  });

  app.post<{ Params: { msisdn: string; methodId: string } }>('/lines/:msisdn/auto-renew/method/:methodId/remove', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const res = await apiClient(root, request).delete(`/api/v1/payment-methods/${encodeURIComponent(request.params.methodId)}`);
    // Already removed (a second press) is what the customer wanted too.
    if (!res.ok && !(res.status === 404 && res.code === 'NOT_FOUND')) return failed(request, reply, ctx, res);
    return seeOther(reply, `${autoRenewHref(request.params.msisdn)}?removed=1`);
  });

  app.post<Params>('/lines/:msisdn/auto-renew/method', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const line = await api.get<LineJson>(`/api/v1/lines/${encodeURIComponent(request.params.msisdn)}`);
    if (!line.ok) return failed(request, reply, ctx, line);
    const res = await api.post<{ methodId: string; setupUrl: string }>('/api/v1/payment-methods', {
      provider: formText(request.body, 'provider'), returnPath: autoRenewHref(line.data.msisdn),
    });
    if (!res.ok) return failed(request, reply, ctx, res);
    return seeOther(reply, res.data.setupUrl);
  });
}
