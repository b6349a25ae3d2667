// Booking a store visit from the portal, through the same API (and so the same DB-exclusive
// booking) as any client: GET /api/v1/stores, …/slots, POST /api/v1/appointments, …/reschedule,
// …/cancel. Every form answers 303 to the dashboard, or the store page again with what went wrong.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { operatorDay, type Instant } from '../../domain/calendar.ts';
import { errorPageBody } from '../kit/forms.ts';
import { apiClient } from './api-client.ts';
import type { PageContext } from './layout.ts';
import { storeVisitBody, visitPurposes, type SlotJson, type StoreDetailJson, type VisitForm, type VisitJson, type VisitPurpose } from './pages/store-visit-page.ts';
import { formText, pageContext, queryText, seeOther, sendPage, type PortalSettings, sendApiFailure } from './portal-context.ts';

type StoreParams = { Params: { storeId: string } };
type StoresJson = { items: StoreDetailJson[]; callCentre?: { phone: string } | null };

const visitErrors: Readonly<Record<string, 'visit.full' | 'visit.tooMany' | 'visit.unavailable'>> = {
  SLOT_FULL: 'visit.full', TOO_MANY_APPOINTMENTS: 'visit.tooMany', SLOT_UNAVAILABLE: 'visit.unavailable',
};

function isPurpose(value: string): value is VisitPurpose {
  return (visitPurposes as readonly string[]).includes(value);
}

export async function portalVisitRoutes(app: FastifyInstance, { root, settings, now }: { root: FastifyInstance; settings: PortalSettings; now: () => Instant }): Promise<void> {
  const ctxOf = pageContext.bind(null, root, settings);

  const failed = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, res: { status: number; code: string }): FastifyReply =>
    sendApiFailure(request, reply, ctx, res);

  async function storePage(request: FastifyRequest<StoreParams>, reply: FastifyReply, asked: { purpose: string; date: string; move: string; error?: string }, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const stores = await api.get<StoresJson>(`/api/v1/stores?lang=${ctx.locale}`);
    if (!stores.ok) return failed(request, reply, ctx, stores);
    const store = stores.data.items.find((s) => s.id === request.params.storeId);
    if (!store) return sendPage(reply, ctx, 404, ctx.t('error.title'), errorPageBody(ctx.t('error.notFound')));
    const today = operatorDay(now());
    // Moving keeps the visit's purpose; the page then asks only for a day and a time.
    let move: string | undefined;
    let purpose: VisitPurpose = isPurpose(asked.purpose) && store.services.includes(asked.purpose) ? asked.purpose : (visitPurposes.find((p) => store.services.includes(p)) ?? 'other');
    if (asked.move && ctx.signedIn) {
      const mine = await api.get<{ items: VisitJson[] }>('/api/v1/appointments');
      const visit = mine.ok ? mine.data.items.find((v) => v.appointmentId === asked.move) : undefined;
      if (visit) {
        move = visit.appointmentId;
        purpose = visit.purpose;
      }
    }
    const date = /^\d{4}-\d{2}-\d{2}$/.test(asked.date) && asked.date >= today ? asked.date : '';
    let slots: SlotJson[] | undefined;
    if (date) {
      const res = await api.get<{ items: SlotJson[] }>(`/api/v1/stores/${encodeURIComponent(store.id)}/slots?date=${date}`);
      if (res.ok) slots = res.data.items;
    }
    const form: VisitForm = { purpose, date: date || today, ...(move ? { move } : {}), ...(asked.error ? { error: asked.error } : {}) };
    return sendPage(reply, ctx, status, store.name, storeVisitBody(ctx, store, today, form, slots, stores.data.callCentre?.phone ?? null), { active: '/stores' });
  }

  app.get<StoreParams>('/stores/:storeId', async (request, reply) => storePage(request, reply, {
    purpose: queryText(request, 'purpose'), date: queryText(request, 'date'), move: queryText(request, 'move'),
  }));

  app.post<StoreParams>('/stores/:storeId/visits', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    if (!ctx.signedIn) return seeOther(reply, '/login');
    const slotStart = formText(request.body, 'slotStart');
    const purpose = formText(request.body, 'purpose');
    const move = formText(request.body, 'move');
    const api = apiClient(root, request);
    const res = move
      ? await api.post<VisitJson>(`/api/v1/appointments/${encodeURIComponent(move)}/reschedule`, { slotStart, storeId: request.params.storeId })
      : await api.post<VisitJson>('/api/v1/appointments', { storeId: request.params.storeId, slotStart, purpose });
    if (!res.ok) {
      const key = visitErrors[res.code];
      if (res.status === 401 || !key) return failed(request, reply, ctx, res);
      return storePage(request, reply, { purpose, date: slotStart.slice(0, 10), move, error: ctx.t(key) }, res.status);
    }
    return seeOther(reply, `/dashboard?visit=booked&at=${encodeURIComponent(res.data.slotStart)}#visits`);
  });

  app.post<{ Params: { appointmentId: string } }>('/visits/:appointmentId/cancel', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    if (!ctx.signedIn) return seeOther(reply, '/login');
    const res = await apiClient(root, request).post<VisitJson>(`/api/v1/appointments/${encodeURIComponent(request.params.appointmentId)}/cancel`, {});
    if (!res.ok) return failed(request, reply, ctx, res);
    return seeOther(reply, '/dashboard?visit=cancelled#visits');
  });
}
