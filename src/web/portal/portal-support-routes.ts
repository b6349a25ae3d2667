// Support on the portal through the JSON API: GET/POST /api/v1/cases, GET /api/v1/cases/{id},
// POST /api/v1/cases/{id}/messages. Each form answers 303, so a reload re-posts nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addDays, operatorDay, type Instant } from '../../domain/calendar.ts';
import { apiClient, type ApiClient } from './api-client.ts';
import type { LineJson, StatementJson } from './api-types.ts';
import type { PageContext } from './layout.ts';
import { caseBody, supportBody, type CaseDetailJson, type CaseForm, type CaseSummaryJson, type PickableEntry } from './pages/support-page.ts';
import { errorText, formRaw, formText, pageContext, queryText, seeOther, sendPage, type PortalSettings, sendApiFailure } from './portal-context.ts';

type Params = { Params: { caseId: string } };

/** Checkbox values: one string, several, or none. */
function formList(body: unknown, name: string): string[] {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string' && /^\d{1,16}$/.test(v)).slice(0, 20);
}

/** The number's entries of this month and the last, newest first, to tick. */
async function pickableEntries(api: ApiClient, msisdn: string, now: Instant): Promise<PickableEntry[]> {
  const today = operatorDay(now);
  const from = `${addDays(today, -40).slice(0, 7)}-01`;
  const res = await api.get<StatementJson>(`/api/v1/lines/${encodeURIComponent(msisdn)}/statement?from=${from}&to=${today}`);
  if (!res.ok) return [];
  return res.data.entries.flatMap((e) => (e.id ? [{ id: e.id, at: e.at, description: e.description, amount: e.amount }] : [])).reverse().slice(0, 30);
}

export async function portalSupportRoutes(app: FastifyInstance, { root, settings, now }: { root: FastifyInstance; settings: PortalSettings; now: () => Instant }): Promise<void> {
  const ctxOf = pageContext.bind(null, root, settings);

  const failed = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, res: { status: number; code: string }): FastifyReply =>
    sendApiFailure(request, reply, ctx, res);

  async function supportPage(request: FastifyRequest, reply: FastifyReply, form: CaseForm, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    if (!ctx.signedIn) return seeOther(reply, '/login');
    const api = apiClient(root, request);
    const [cases, lines, stores] = await Promise.all([
      api.get<{ items: CaseSummaryJson[] }>('/api/v1/cases'),
      api.get<{ items: LineJson[] }>('/api/v1/lines'),
      api.get<{ callCentre?: { phone: string } | null }>('/api/v1/stores'),
    ]);
    if (!cases.ok) return failed(request, reply, ctx, cases);
    if (!lines.ok) return failed(request, reply, ctx, lines);
    const numbers = lines.data.items.map((l) => l.msisdn);
    const msisdn = form.msisdn && numbers.includes(form.msisdn) ? form.msisdn : undefined;
    const entries = msisdn ? await pickableEntries(api, msisdn, now()) : [];
    const callCentre = stores.ok ? stores.data.callCentre?.phone ?? null : null;
    const { msisdn: _dropped, ...rest } = form;
    return sendPage(reply, ctx, status, ctx.t('support.title'), supportBody(ctx, numbers, cases.data.items, entries, { ...rest, ...(msisdn ? { msisdn } : {}) }, callCentre), { active: '/support' });
  }

  app.get('/support', async (request, reply) => {
    const sent = queryText(request, 'sent');
    return supportPage(request, reply, { msisdn: queryText(request, 'msisdn'), ...(/^S-[0-9A-F]{8}$/.test(sent) ? { sent } : {}) });
  });

  app.post('/support', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const form: CaseForm = {
      category: formText(request.body, 'category'), msisdn: formText(request.body, 'msisdn'), text: formRaw(request.body, 'text').slice(0, 4000),
      entryIds: formList(request.body, 'entryIds'),
    };
    const text = (form.text ?? '').trim();
    if (text.length === 0 || [...text].length > 2000) return supportPage(request, reply, { ...form, error: ctx.t('support.textError') }, 422);
    const res = await apiClient(root, request).post<CaseSummaryJson>('/api/v1/cases', {
      category: form.category, text, ...(form.msisdn ? { msisdn: form.msisdn } : {}), ...(form.entryIds && form.entryIds.length > 0 ? { entryIds: form.entryIds } : {}),
    });
    if (!res.ok) {
      if (res.status === 401) return failed(request, reply, ctx, res);
      return supportPage(request, reply, { ...form, error: errorText(ctx.t, res.code) }, res.status);
    }
    return seeOther(reply, `/support?sent=${encodeURIComponent(res.data.ref)}`);
  });

  async function casePage(request: FastifyRequest<Params>, reply: FastifyReply, error?: string, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    if (!ctx.signedIn) return seeOther(reply, '/login');
    const res = await apiClient(root, request).get<CaseDetailJson>(`/api/v1/cases/${encodeURIComponent(request.params.caseId)}`);
    if (!res.ok) return failed(request, reply, ctx, res);
    return sendPage(reply, ctx, status, ctx.t('support.caseTitle', { ref: res.data.ref }), caseBody(ctx, res.data, error), { active: '/support' });
  }

  app.get<Params>('/support/:caseId', async (request, reply) => casePage(request, reply));

  app.post<Params>('/support/:caseId', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const text = formRaw(request.body, 'text').trim();
    if (text.length === 0 || [...text].length > 2000) return casePage(request, reply, ctx.t('support.textError'), 422);
    const res = await apiClient(root, request).post<CaseDetailJson>(`/api/v1/cases/${encodeURIComponent(request.params.caseId)}/messages`, { text });
    if (!res.ok) {
      if (res.status === 409) return casePage(request, reply, undefined, 409);
      return failed(request, reply, ctx, res);
    }
    return seeOther(reply, `/support/${encodeURIComponent(request.params.caseId)}`);
  });
}
