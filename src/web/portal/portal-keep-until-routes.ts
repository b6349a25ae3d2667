// "Keep my number until…" on the portal: a GET form (works without JavaScript, bookmarkable), the
// planner's answer from the JSON API as a table, its first step one press away from a quote, and
// its repeating renewal one press away from auto-renew (when the auto-renew API is there).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiClient } from './api-client.ts';
import type { KeepUntilJson, LineJson, PlanJson } from './api-types.ts';
import { phone } from './format.ts';
import type { PageContext } from './layout.ts';
import { keepUntilBody, keepUntilHref, type KeepUntilForm, type KeepUntilOffers } from './pages/keep-until-page.ts';
import { errorText, formText, pageContext, queryText, seeOther, sendPage, type PortalSettings, sendApiFailure } from './portal-context.ts';

type Params = { Params: { msisdn: string } };

/** Days before the validity end an auto-renew set from here runs: time for a retry before one-way. */
const AUTO_RENEW_DAYS_BEFORE = 3;

export async function portalKeepUntilRoutes(app: FastifyInstance, { root, settings }: { root: FastifyInstance; settings: PortalSettings }): Promise<void> {
  const ctxOf = pageContext.bind(null, root, settings);
  const offers = (): KeepUntilOffers => ({ autoRenew: root.hasRoute({ method: 'PUT', url: '/api/v1/lines/:msisdn/auto-renew' }) });

  const failed = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, res: { status: number; code: string }): FastifyReply =>
    sendApiFailure(request, reply, ctx, res);

  async function keepPage(request: FastifyRequest, reply: FastifyReply, msisdn: string, form: KeepUntilForm, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const line = await api.get<LineJson>(`/api/v1/lines/${encodeURIComponent(msisdn)}`);
    if (!line.ok) return failed(request, reply, ctx, line);
    const title = ctx.t('keep.title', { msisdn: phone(line.data.msisdn) });
    if (form.date === '') return sendPage(reply, ctx, status, title, keepUntilBody(ctx, line.data, form, undefined, offers()), { active: '/dashboard' });
    const query = new URLSearchParams({ date: form.date, receiveOnly: String(form.receiveOnly), lang: ctx.locale });
    const plan = await api.get<KeepUntilJson>(`/api/v1/lines/${encodeURIComponent(line.data.msisdn)}/keep-until?${query.toString()}`);
    if (plan.ok) return sendPage(reply, ctx, status, title, keepUntilBody(ctx, line.data, form, plan.data, offers()), { active: '/dashboard' });
    if (plan.status === 401 || plan.status === 404) return failed(request, reply, ctx, plan);
    // A bad or past day, or nothing on sale that reaches it: the form again, saying which.
    const error = plan.code === 'INVALID_DATE' || plan.code === 'VALIDATION_FAILED' ? ctx.t('keep.badDate')
      : plan.code === 'PLAN_NOT_FOUND' ? ctx.t('keep.cannot') : errorText(ctx.t, plan.code);
    return sendPage(reply, ctx, plan.status, title, keepUntilBody(ctx, line.data, { ...form, error }, undefined, offers()), { active: '/dashboard' });
  }

  const readForm = (fields: (name: string) => string): KeepUntilForm => ({
    date: fields('date'), receiveOnly: ['true', 'on'].includes(fields('receiveOnly')), autoRenewSet: fields('autoRenew') === 'set',
  });

  app.get<Params>('/lines/:msisdn/keep-until', async (request, reply) =>
    keepPage(request, reply, request.params.msisdn, readForm((name) => queryText(request, name))));

  // The schedule's renewal, repeated by the auto-renew job: from a saved payment method when the
  // customer has one, else from the balance. The cap is one run at list price, so it never refuses.
  app.post<Params>('/lines/:msisdn/keep-until/auto-renew', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const form = readForm((name) => formText(request.body, name));
    const planCode = formText(request.body, 'planCode');
    const months = Number(formText(request.body, 'months'));
    const plans = await api.get<{ items: PlanJson[] }>(`/api/v1/plans?lang=${ctx.locale}`);
    if (!plans.ok) return failed(request, reply, ctx, plans);
    const plan = plans.data.items.find((p) => p.code === planCode);
    if (!plan || !Number.isSafeInteger(months) || months < 1) return keepPage(request, reply, request.params.msisdn, { ...form, error: ctx.t('error.generic') }, 422);
    const methods = await api.get<{ items: { status: string }[] }>('/api/v1/payment-methods');
    const saved = methods.ok && methods.data.items.some((m) => m.status === 'saved');
    const res = await api.put<unknown>(`/api/v1/lines/${encodeURIComponent(request.params.msisdn)}/auto-renew`, {
      mode: 'renew', planCode, months, daysBefore: AUTO_RENEW_DAYS_BEFORE,
      monthlyCap: { amount: plan.monthlyPrice.amount * months, currency: 'AZN' }, source: saved ? 'saved_method' : 'balance',
    });
    if (!res.ok) {
      if (res.status === 401 || res.code === 'LINE_NOT_FOUND') return failed(request, reply, ctx, res);
      return keepPage(request, reply, request.params.msisdn, { ...form, error: errorText(ctx.t, res.code) }, res.status);
    }
    const back = new URLSearchParams({ date: form.date, receiveOnly: String(form.receiveOnly), autoRenew: 'set' });
    return seeOther(reply, `${keepUntilHref(request.params.msisdn)}?${back.toString()}`);
  });
}
