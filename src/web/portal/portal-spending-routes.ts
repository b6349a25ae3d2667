// The spending page on the portal: read through the JSON API (GET …/spending), the budget form
// (PUT or DELETE …/budget) and "this wasn't me" (POST …/spending-alerts/{id}/dispute). Each
// action answers 303 back to the page with what it did, so a reload re-posts nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseAznAmount } from '../../domain/money.ts';
import { errorPageBody } from '../kit/forms.ts';
import { apiClient } from './api-client.ts';
import type { PageContext } from './layout.ts';
import { phone } from './format.ts';
import { spendingBody, spendingHref, type SpendingForm, type SpendingJson } from './pages/spending-page.ts';
import { formText, pageContext, queryText, seeOther, sendPage, type PortalSettings, sendApiFailure } from './portal-context.ts';

type Params = { Params: { msisdn: string } };

/** Manat as typed ("10", "12,50") to qəpik; undefined when it is not a budget the API takes. */
function budgetQepik(text: string): number | undefined {
  try {
    const amount = parseAznAmount(text);
    return amount >= 1 && amount <= 10_000_000 ? amount : undefined;
  } catch {
    // Not an amount as written: the page says how to write one.
    return undefined;
  }
}

export async function portalSpendingRoutes(app: FastifyInstance, { root, settings }: { root: FastifyInstance; settings: PortalSettings }): Promise<void> {
  const ctxOf = pageContext.bind(null, root, settings);

  const failed = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, res: { status: number; code: string }): FastifyReply =>
    sendApiFailure(request, reply, ctx, res);

  async function page(request: FastifyRequest, reply: FastifyReply, msisdn: string, form: SpendingForm, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    const res = await apiClient(root, request).get<SpendingJson>(`/api/v1/lines/${encodeURIComponent(msisdn)}/spending`);
    if (!res.ok) return failed(request, reply, ctx, res);
    return sendPage(reply, ctx, status, ctx.t('spend.title', { msisdn: phone(res.data.msisdn) }), spendingBody(ctx, res.data, form), { active: '/dashboard' });
  }

  app.get<Params>('/lines/:msisdn/spending', async (request, reply) => {
    const done = queryText(request, 'done');
    return page(request, reply, request.params.msisdn, { budget: '', ...(['saved', 'cleared', 'disputed'].includes(done) ? { done } : {}) });
  });

  app.post<Params>('/lines/:msisdn/spending/budget', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const path = `/api/v1/lines/${encodeURIComponent(request.params.msisdn)}/budget`;
    if (formText(request.body, 'action') === 'clear') {
      const res = await api.delete<unknown>(path);
      if (!res.ok) return failed(request, reply, ctx, res);
      return seeOther(reply, `${spendingHref(request.params.msisdn)}?done=cleared`);
    }
    const typed = formText(request.body, 'budget');
    const amount = budgetQepik(typed);
    if (amount === undefined) return page(request, reply, request.params.msisdn, { budget: typed, error: ctx.t('spend.budgetError') }, 422);
    const res = await api.put<unknown>(path, { monthlyBudget: { amount, currency: 'AZN' } });
    if (!res.ok) {
      if (res.status === 401 || res.status === 404) return failed(request, reply, ctx, res);
      return page(request, reply, request.params.msisdn, { budget: typed, error: ctx.t('spend.budgetError') }, res.status);
    }
    return seeOther(reply, `${spendingHref(request.params.msisdn)}?done=saved`);
  });

  app.post<{ Params: { msisdn: string; alertId: string } }>('/lines/:msisdn/spending/alerts/:alertId/dispute', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const id = request.params.alertId;
    // Not an alert's number: no such alert, as for one of another line.
    if (!/^[1-9]\d{0,14}$/.test(id)) return sendPage(reply, ctx, 404, ctx.t('error.title'), errorPageBody(ctx.t('error.notFound')));
    const res = await apiClient(root, request).post<unknown>(`/api/v1/lines/${encodeURIComponent(request.params.msisdn)}/spending-alerts/${id}/dispute`, {});
    if (!res.ok) return failed(request, reply, ctx, res);
    return seeOther(reply, `${spendingHref(request.params.msisdn)}?done=disputed`);
  });
}
