// "Keep my number until…" on the portal: a GET form (works without JavaScript, bookmarkable), the
// planner's answer from the JSON API as a table, and its first step one press away from a quote.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clearSessionCookie } from '../../channels/http/plugins/customer-session.ts';
import { errorPageBody } from '../kit/forms.ts';
import { apiClient, type ApiResult } from './api-client.ts';
import type { KeepUntilJson, LineJson } from './api-types.ts';
import { phone } from './format.ts';
import type { PageContext } from './layout.ts';
import { keepUntilBody, type KeepUntilForm } from './pages/keep-until-page.ts';
import { errorText, pageContext, queryText, seeOther, sendPage, type PortalSettings } from './portal-context.ts';

type Params = { Params: { msisdn: string } };

export async function portalKeepUntilRoutes(app: FastifyInstance, { root, settings }: { root: FastifyInstance; settings: PortalSettings }): Promise<void> {
  const ctxOf = pageContext.bind(null, root, settings);

  function failed(request: FastifyRequest, reply: FastifyReply, ctx: PageContext, res: Extract<ApiResult<unknown>, { ok: false }>): FastifyReply {
    if (res.status === 401) {
      clearSessionCookie(request, reply);
      return seeOther(reply, '/login');
    }
    const text = res.code === 'LINE_NOT_FOUND' ? ctx.t('error.lineNotFound') : res.status === 404 ? ctx.t('error.notFound') : errorText(ctx.t, res.code);
    return sendPage(reply, ctx, res.status, ctx.t('error.title'), errorPageBody(text));
  }

  app.get<Params>('/lines/:msisdn/keep-until', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const line = await api.get<LineJson>(`/api/v1/lines/${encodeURIComponent(request.params.msisdn)}`);
    if (!line.ok) return failed(request, reply, ctx, line);
    const form: KeepUntilForm = { date: queryText(request, 'date'), receiveOnly: ['true', 'on'].includes(queryText(request, 'receiveOnly')) };
    const title = ctx.t('keep.title', { msisdn: phone(line.data.msisdn) });
    if (form.date === '') return sendPage(reply, ctx, 200, title, keepUntilBody(ctx, line.data, form, undefined), { active: '/dashboard' });
    const query = new URLSearchParams({ date: form.date, receiveOnly: String(form.receiveOnly), lang: ctx.locale });
    const plan = await api.get<KeepUntilJson>(`/api/v1/lines/${encodeURIComponent(line.data.msisdn)}/keep-until?${query.toString()}`);
    if (plan.ok) return sendPage(reply, ctx, 200, title, keepUntilBody(ctx, line.data, form, plan.data), { active: '/dashboard' });
    if (plan.status === 401 || plan.status === 404) return failed(request, reply, ctx, plan);
    // A bad or past day, or nothing on sale that reaches it: the form again, saying which.
    const error = plan.code === 'INVALID_DATE' || plan.code === 'VALIDATION_FAILED' ? ctx.t('keep.badDate')
      : plan.code === 'PLAN_NOT_FOUND' ? ctx.t('keep.cannot') : errorText(ctx.t, plan.code);
    return sendPage(reply, ctx, plan.status, title, keepUntilBody(ctx, line.data, { ...form, error }, undefined), { active: '/dashboard' });
  });
}
