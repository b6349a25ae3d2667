// A number's SIM cards in the portal (issue 13, multi-SIM), over the JSON API: the list, adding a
// SIM with the code sent to the number, removing one after a question.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorPageBody } from '../kit/forms.ts';
import { apiClient } from './api-client.ts';
import { phone } from './format.ts';
import type { PageContext } from './layout.ts';
import { removeSimBody, simCodeBody, simsBody, type SimJson } from './pages/sims-pages.ts';
import { errorText, formText, pageContext, seeOther, sendPage, type PortalSettings, sendApiFailure } from './portal-context.ts';

type Params = { Params: { msisdn: string } };
type SimParams = { Params: { msisdn: string; simId: string } };

function simError(ctx: PageContext, code: string): string {
  switch (code) {
    case 'INVALID_ICCID': case 'VALIDATION_FAILED': return ctx.t('error.iccid');
    case 'ICCID_IN_USE': return ctx.t('error.iccidInUse');
    case 'SIM_LIMIT_REACHED': return ctx.t('error.simLimit');
    case 'GROUP_PLAN_NOT_SHARED': return ctx.t('error.simPlan');
    default: return errorText(ctx.t, code);
  }
}

export async function portalSimsRoutes(app: FastifyInstance, { root, settings }: { root: FastifyInstance; settings: PortalSettings }): Promise<void> {
  const ctxOf = pageContext.bind(null, root, settings);
  const page = { active: '/dashboard' } as const;
  const api = (msisdn: string): string => `/api/v1/lines/${encodeURIComponent(msisdn)}/sims`;

  const failed = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, res: { status: number; code: string }): FastifyReply =>
    sendApiFailure(request, reply, ctx, res, { next: { href: '/dashboard', label: ctx.t('nav.dashboard') }, active: page.active });

  async function listPage(request: FastifyRequest, reply: FastifyReply, msisdn: string, form: { iccid?: string; error?: string; notice?: string }, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    if (!ctx.signedIn) return seeOther(reply, '/login');
    const res = await apiClient(root, request).get<{ items: SimJson[] }>(api(msisdn));
    if (!res.ok) return failed(request, reply, ctx, res);
    return sendPage(reply, ctx, status, ctx.t('sims.title', { msisdn: phone(msisdn) }), simsBody(ctx, msisdn, res.data.items, form), page);
  }

  app.get<Params>('/lines/:msisdn/sims', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    // Only fixed words are echoed after a redirect, never text from the link.
    const notice = formText(request.query, 'added') ? ctx.t('sims.added') : formText(request.query, 'removed') ? ctx.t('sims.removed') : undefined;
    return listPage(request, reply, request.params.msisdn, notice ? { notice } : {});
  });

  app.post<Params>('/lines/:msisdn/sims', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const { msisdn } = request.params;
    const iccid = formText(request.body, 'iccid');
    const res = await apiClient(root, request).post<{ message: string }>(api(msisdn), { iccid });
    if (res.ok) return sendPage(reply, ctx, 200, ctx.t('sims.codeTitle', { msisdn: phone(msisdn) }), simCodeBody(ctx, msisdn), page);
    if (res.status === 401 || res.status === 404) return failed(request, reply, ctx, res);
    return listPage(request, reply, msisdn, { iccid, error: simError(ctx, res.code) }, res.status);
  });

  app.post<Params>('/lines/:msisdn/sims/verify', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const { msisdn } = request.params;
    const res = await apiClient(root, request).post<{ items: SimJson[] }>(`${api(msisdn)}/verify`, { code: formText(request.body, 'code') });
    if (res.ok) return seeOther(reply, `/lines/${encodeURIComponent(msisdn)}/sims?added=1`);
    if (res.status === 401 || res.status === 404) return failed(request, reply, ctx, res);
    const error = res.code === 'VALIDATION_FAILED' ? ctx.t('error.code') : simError(ctx, res.code);
    return sendPage(reply, ctx, res.status, ctx.t('sims.codeTitle', { msisdn: phone(msisdn) }), simCodeBody(ctx, msisdn, error), page);
  });

  // Removing: a question first (a GET never changes anything), then the POST.
  app.get<SimParams>('/lines/:msisdn/sims/:simId/remove', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    if (!ctx.signedIn) return seeOther(reply, '/login');
    const { msisdn, simId } = request.params;
    const res = await apiClient(root, request).get<{ items: SimJson[] }>(api(msisdn));
    if (!res.ok) return failed(request, reply, ctx, res);
    const sim = res.data.items.find((s) => s.simId === simId);
    if (!sim) return sendPage(reply, ctx, 404, ctx.t('error.title'), errorPageBody(ctx.t('error.notFound'), { href: `/lines/${encodeURIComponent(msisdn)}/sims`, label: ctx.t('cta.sims') }), page);
    return sendPage(reply, ctx, 200, ctx.t('sims.removeTitle', { last4: sim.iccidLast4 }), removeSimBody(ctx, msisdn, sim), page);
  });

  app.post<SimParams>('/lines/:msisdn/sims/:simId/remove', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const { msisdn, simId } = request.params;
    const res = await apiClient(root, request).delete<{ items: SimJson[] }>(`${api(msisdn)}/${encodeURIComponent(simId)}`);
    if (!res.ok) return failed(request, reply, ctx, res);
    return seeOther(reply, `/lines/${encodeURIComponent(msisdn)}/sims?removed=1`);
  });
}
