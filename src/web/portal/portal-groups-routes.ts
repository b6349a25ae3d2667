// Family groups in the portal (issue 13), over the same JSON API a phone app uses: start a group,
// invite numbers, join with a code (typed by the member or passed to the payer), take a number
// out, renew everyone in one order (the quote page, then /orders as for any renewal).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiClient } from './api-client.ts';
import type { LineJson, PlanJson, QuoteJson } from './api-types.ts';
import { phone } from './format.ts';
import type { PageContext } from './layout.ts';
import { codeFieldOf, groupBody, groupsListBody, removeMemberBody, type GroupForm, type GroupJson } from './pages/groups-pages.ts';
import { quoteBody } from './pages/renew-pages.ts';
import { errorText, formText, pageContext, seeOther, sendPage, type PortalSettings, sendApiFailure } from './portal-context.ts';

type GroupParams = { Params: { groupId: string } };
type MemberParams = { Params: { groupId: string; msisdn: string } };

export async function portalGroupsRoutes(app: FastifyInstance, { root, settings }: { root: FastifyInstance; settings: PortalSettings }): Promise<void> {
  const ctxOf = pageContext.bind(null, root, settings);
  const page = { active: '/groups' } as const;

  const failed = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, res: { status: number; code: string }): FastifyReply =>
    sendApiFailure(request, reply, ctx, res, { next: { href: '/groups', label: ctx.t('groups.title') }, active: page.active });

  async function listPage(request: FastifyRequest, reply: FastifyReply, error?: string, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    if (!ctx.signedIn) return seeOther(reply, '/login');
    const api = apiClient(root, request);
    const groups = await api.get<{ items: GroupJson[] }>(`/api/v1/groups?lang=${ctx.locale}`);
    if (!groups.ok) return failed(request, reply, ctx, groups);
    const plans = await api.get<{ items: PlanJson[] }>(`/api/v1/plans?lang=${ctx.locale}`);
    if (!plans.ok) return failed(request, reply, ctx, plans);
    const family = plans.data.items.filter((p) => p.kind === 'family');
    return sendPage(reply, ctx, status, ctx.t('groups.title'), groupsListBody(ctx, groups.data.items, family, error), page);
  }

  /** The group's page; `form` carries a notice or an error from the action just taken. */
  async function groupPage(request: FastifyRequest, reply: FastifyReply, groupId: string, form: GroupForm, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    if (!ctx.signedIn) return seeOther(reply, '/login');
    const api = apiClient(root, request);
    const group = await api.get<GroupJson>(`/api/v1/groups/${encodeURIComponent(groupId)}?lang=${ctx.locale}`);
    if (!group.ok) return failed(request, reply, ctx, group);
    const lines = await api.get<{ items: LineJson[] }>('/api/v1/lines');
    if (!lines.ok) return failed(request, reply, ctx, lines);
    const own = new Set(lines.data.items.map((l) => l.msisdn));
    return sendPage(reply, ctx, status, group.data.name ?? group.data.planName, groupBody(ctx, group.data, own, form), page);
  }

  app.get('/groups', async (request, reply) => listPage(request, reply));

  app.post('/groups', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const name = formText(request.body, 'name');
    const res = await apiClient(root, request).post<{ groupId: string }>('/api/v1/groups', { planCode: formText(request.body, 'planCode'), ...(name ? { name } : {}) });
    if (res.ok) return seeOther(reply, `/groups/${encodeURIComponent(res.data.groupId)}`);
    if (res.status === 401) return failed(request, reply, ctx, res);
    return listPage(request, reply, errorText(ctx.t, res.code), res.status);
  });

  app.get<GroupParams>('/groups/:groupId', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const notice = (key: 'invited' | 'joined' | 'removed'): string | undefined => {
      const msisdn = formText(request.query, key);
      return msisdn ? ctx.t(`group.${key}`, { msisdn: phone(msisdn) }) : undefined;
    };
    const text = notice('invited') ?? notice('joined') ?? notice('removed');
    return groupPage(request, reply, request.params.groupId, text ? { notice: text } : {});
  });

  app.post<GroupParams>('/groups/:groupId/invite', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const { groupId } = request.params;
    const msisdn = formText(request.body, 'msisdn');
    const res = await apiClient(root, request).post<{ msisdn: string }>(`/api/v1/groups/${encodeURIComponent(groupId)}/members`, { msisdn });
    if (res.ok) return seeOther(reply, `/groups/${encodeURIComponent(groupId)}?invited=${encodeURIComponent(res.data.msisdn)}`);
    if (res.status === 401 || res.status === 404) return failed(request, reply, ctx, res);
    const error = res.code === 'VALIDATION_FAILED' ? ctx.t('error.phone') : errorText(ctx.t, res.code);
    return groupPage(request, reply, groupId, { error, inviteNumber: msisdn }, res.status);
  });

  app.post<MemberParams>('/groups/:groupId/members/:msisdn/consent', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const { groupId, msisdn } = request.params;
    const code = formText(request.body, codeFieldOf(msisdn));
    const res = await apiClient(root, request).post<GroupJson>(
      `/api/v1/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(msisdn)}/consent?lang=${ctx.locale}`, { code });
    if (res.ok) return seeOther(reply, `/groups/${encodeURIComponent(groupId)}?joined=${encodeURIComponent(msisdn)}`);
    if (res.status === 401 || res.status === 404) return failed(request, reply, ctx, res);
    const error = res.code === 'VALIDATION_FAILED' ? ctx.t('error.code') : errorText(ctx.t, res.code);
    return groupPage(request, reply, groupId, { error }, res.status);
  });

  // Taking a number out: a question first (a GET never changes anything), then the POST.
  app.get<MemberParams>('/groups/:groupId/members/:msisdn/remove', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    if (!ctx.signedIn) return seeOther(reply, '/login');
    const { groupId, msisdn } = request.params;
    const api = apiClient(root, request);
    // Reading the group first: a stranger gets the same 404 as for a group that does not exist.
    const group = await api.get<GroupJson>(`/api/v1/groups/${encodeURIComponent(groupId)}`);
    if (!group.ok) return failed(request, reply, ctx, group);
    const lines = await api.get<{ items: LineJson[] }>('/api/v1/lines');
    if (!lines.ok) return failed(request, reply, ctx, lines);
    const own = lines.data.items.some((l) => l.msisdn === msisdn);
    return sendPage(reply, ctx, 200, own ? ctx.t('group.leave') : ctx.t('group.removeTitle', { msisdn: phone(msisdn) }), removeMemberBody(ctx, groupId, msisdn, own), page);
  });

  app.post<MemberParams>('/groups/:groupId/members/:msisdn/remove', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const { groupId, msisdn } = request.params;
    const res = await apiClient(root, request).delete<{ msisdn: string; reason: 'left' | 'removed' }>(
      `/api/v1/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(msisdn)}`);
    if (!res.ok) return failed(request, reply, ctx, res);
    // Whoever left no longer sees the group: back to the list; the payer stays on the group.
    return seeOther(reply, res.data.reason === 'left' ? '/groups' : `/groups/${encodeURIComponent(groupId)}?removed=${encodeURIComponent(res.data.msisdn)}`);
  });

  app.post<GroupParams>('/groups/:groupId/renew', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const { groupId } = request.params;
    const months = Number(formText(request.body, 'months'));
    const res = await apiClient(root, request).post<QuoteJson>(`/api/v1/groups/${encodeURIComponent(groupId)}/quotes?lang=${ctx.locale}`, { months });
    if (res.ok) {
      const first = res.data.items[0];
      return sendPage(reply, ctx, 200, ctx.t('quote.title'), quoteBody(ctx, res.data, { msisdn: first?.msisdn ?? '', ...(first?.planCode ? { planCode: first.planCode } : {}), months }, {
        changeHref: `/groups/${encodeURIComponent(groupId)}`, changeLabel: ctx.t('group.back'),
      }), page);
    }
    if (res.status === 401 || res.status === 404) return failed(request, reply, ctx, res);
    return groupPage(request, reply, groupId, { error: errorText(ctx.t, res.code) }, res.status);
  });
}
