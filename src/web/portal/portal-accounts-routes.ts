// Several numbers on one account (issue 13), over the same JSON API a phone app uses: add a number
// with a code sent to it, remove one, renew several in one order, move balance between them.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '../../domain/errors.ts';
import { parseAznAmount, type Qepik } from '../../domain/money.ts';
import { parseMsisdn } from '../../domain/msisdn.ts';
import { errorPageBody } from '../kit/forms.ts';
import { apiClient } from './api-client.ts';
import type { LineJson, PlanJson, QuoteJson } from './api-types.ts';
import { phone } from './format.ts';
import type { PageContext } from './layout.ts';
import {
  addLineBody, addLineCodeBody, removeLineBody, renewSeveralBody, severalHref, transferBody, transferCodeBody, transferDoneBody,
  type SeveralForm, type TransferAllowanceJson, type TransferForm, type TransferJson,
} from './pages/accounts-pages.ts';
import { quoteBody } from './pages/renew-pages.ts';
import { errorText, formText, pageContext, seeOther, sendPage, type PortalSettings, sendApiFailure } from './portal-context.ts';

type Params = { Params: { msisdn: string } };

/** Every value of a repeated form or query field (checkboxes), as typed. */
function allValues(source: unknown, name: string): string[] {
  if (typeof source !== 'object' || source === null) return [];
  const value = (source as Record<string, unknown>)[name];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

function readAmount(text: string): Qepik | undefined {
  try {
    const amount = parseAznAmount(text);
    return amount > 0 ? amount : undefined;
  } catch (error) {
    // Only "not an amount" becomes the form's message; anything else is a bug and goes up.
    if (isDomainError(error) && error.code === 'INVALID_AMOUNT') return undefined;
    throw error;
  }
}

export async function portalAccountsRoutes(app: FastifyInstance, { root, settings }: { root: FastifyInstance; settings: PortalSettings }): Promise<void> {
  const ctxOf = pageContext.bind(null, root, settings);

  const failed = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, res: { status: number; code: string }): FastifyReply =>
    sendApiFailure(request, reply, ctx, res, { next: { href: '/dashboard', label: ctx.t('nav.dashboard') } });

  const page = { active: '/dashboard' } as const;

  // Adding a number: the number, then the code that number received.
  app.get('/lines/add', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    if (!ctx.signedIn) return seeOther(reply, '/login');
    return sendPage(reply, ctx, 200, ctx.t('link.title'), addLineBody(ctx, {}), page);
  });

  app.post('/lines/add', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const msisdn = formText(request.body, 'msisdn');
    const res = await apiClient(root, request).post<{ message: string }>('/api/v1/lines/link', { msisdn });
    if (res.ok) {
      return sendPage(reply, ctx, 200, ctx.t('link.title'), addLineCodeBody(ctx, normalise(msisdn)), page);
    }
    if (res.status === 401) return failed(request, reply, ctx, res);
    const error = res.code === 'VALIDATION_FAILED' ? ctx.t('error.phone') : errorText(ctx.t, res.code);
    return sendPage(reply, ctx, res.status, ctx.t('link.title'), addLineBody(ctx, { msisdn, error }), page);
  });

  app.post('/lines/add/verify', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const msisdn = formText(request.body, 'msisdn');
    const res = await apiClient(root, request).post<LineJson>(`/api/v1/lines/link/verify?lang=${ctx.locale}`, { msisdn, code: formText(request.body, 'code') });
    if (res.ok) return seeOther(reply, `/dashboard?added=${encodeURIComponent(res.data.msisdn)}`);
    if (res.status === 401) return failed(request, reply, ctx, res);
    return sendPage(reply, ctx, res.status, ctx.t('link.title'), addLineCodeBody(ctx, normalise(msisdn), ctx.t('error.code')), page);
  });

  // Removing: a question first (a GET never changes anything), then the POST.
  app.get<Params>('/lines/:msisdn/remove', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const line = await api.get<LineJson>(`/api/v1/lines/${encodeURIComponent(request.params.msisdn)}`);
    if (!line.ok) return failed(request, reply, ctx, line);
    // The API lists the login number first: no question is asked whose only answer is a refusal.
    const lines = await api.get<{ items: LineJson[] }>('/api/v1/lines');
    if (lines.ok && lines.data.items[0]?.msisdn === line.data.msisdn) {
      return sendPage(reply, ctx, 200, ctx.t('remove.title', { msisdn: phone(line.data.msisdn) }), errorPageBody(ctx.t('remove.login'), { href: '/dashboard', label: ctx.t('nav.dashboard') }), page);
    }
    return sendPage(reply, ctx, 200, ctx.t('remove.title', { msisdn: phone(line.data.msisdn) }), removeLineBody(ctx, line.data.msisdn), page);
  });

  app.post<Params>('/lines/:msisdn/remove', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const res = await apiClient(root, request).delete<unknown>(`/api/v1/lines/${encodeURIComponent(request.params.msisdn)}/link`);
    if (!res.ok) return failed(request, reply, ctx, res);
    return seeOther(reply, `/dashboard?removed=${encodeURIComponent(normalise(request.params.msisdn))}`);
  });

  // Renewing several: lines + one plan + months → one quote with the multi-line discount → /orders.
  async function severalPage(request: FastifyRequest, reply: FastifyReply, form: SeveralForm, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const lines = await api.get<{ items: LineJson[] }>(`/api/v1/lines?lang=${ctx.locale}`);
    if (!lines.ok) return failed(request, reply, ctx, lines);
    const plans = await api.get<{ items: PlanJson[] }>(`/api/v1/plans?lang=${ctx.locale}`);
    if (!plans.ok) return failed(request, reply, ctx, plans);
    return sendPage(reply, ctx, status, ctx.t('several.title'), renewSeveralBody(ctx, lines.data.items, plans.data.items, form), page);
  }

  app.get('/renew-several', async (request, reply) => {
    const months = Number(formText(request.query, 'months'));
    const plan = formText(request.query, 'plan');
    return severalPage(request, reply, { msisdns: allValues(request.query, 'msisdn'), ...(plan ? { planCode: plan } : {}), ...(months > 0 ? { months } : {}) });
  });

  app.post('/renew-several/quote', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const form: SeveralForm = {
      msisdns: allValues(request.body, 'msisdn'), planCode: formText(request.body, 'planCode'), months: Number(formText(request.body, 'months')),
    };
    if (form.msisdns.length === 0) return severalPage(request, reply, { ...form, error: ctx.t('several.none') }, 422);
    const res = await apiClient(root, request).post<QuoteJson>(`/api/v1/quotes?lang=${ctx.locale}`, {
      items: form.msisdns.map((msisdn) => ({ msisdn, planCode: form.planCode, months: form.months })),
    });
    if (res.ok) {
      const first = form.msisdns[0] ?? '';
      return sendPage(reply, ctx, 200, ctx.t('quote.title'), quoteBody(ctx, res.data, { msisdn: first, ...(form.planCode ? { planCode: form.planCode } : {}), ...(form.months ? { months: form.months } : {}) }, {
        changeHref: severalHref(form), changeLabel: ctx.t('several.change'),
      }), page);
    }
    if (res.status === 401 || res.code === 'LINE_NOT_FOUND') return failed(request, reply, ctx, res);
    return severalPage(request, reply, { ...form, error: errorText(ctx.t, res.code) }, res.status);
  });

  // Moving balance: the form (with what each line may send), the code, the result.
  async function transferPage(request: FastifyRequest, reply: FastifyReply, form: TransferForm, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const lines = await api.get<{ items: LineJson[] }>(`/api/v1/lines?lang=${ctx.locale}`);
    if (!lines.ok) return failed(request, reply, ctx, lines);
    const open = lines.data.items.filter((l) => l.status !== 'quarantine' && l.status !== 'recyclable');
    if (open.length < 2) {
      return sendPage(reply, ctx, status, ctx.t('transfer.title'), errorPageBody(ctx.t('transfer.needTwo'), { href: '/lines/add', label: ctx.t('dash.add') }), page);
    }
    const allowances = await Promise.all(open.map((l) => api.get<TransferAllowanceJson>(`/api/v1/transfers/allowance?from=${encodeURIComponent(l.msisdn)}`)));
    const known = allowances.flatMap((a) => (a.ok ? [a.data] : []));
    return sendPage(reply, ctx, status, ctx.t('transfer.title'), transferBody(ctx, open, known, form, randomUUID()), page);
  }

  app.get('/transfer', async (request, reply) => transferPage(request, reply, {}));

  app.post('/transfer', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const form: TransferForm = { from: formText(request.body, 'from'), to: formText(request.body, 'to'), amount: formText(request.body, 'amount') };
    const amount = readAmount(form.amount ?? '');
    if (amount === undefined) return transferPage(request, reply, { ...form, amountError: ctx.t('transfer.badAmount') }, 422);
    // The form's own key: a double press or a reload asks for one transfer and one code.
    const key = `portal-${formText(request.body, 'key') || randomUUID()}`;
    const res = await apiClient(root, request).post<TransferJson>('/api/v1/transfers', { from: form.from, to: form.to, amount: { amount, currency: 'AZN' } }, { 'idempotency-key': key });
    if (res.ok) return seeOther(reply, `/transfer/${encodeURIComponent(res.data.transferId)}`);
    if (res.status === 401 || res.code === 'LINE_NOT_FOUND') return failed(request, reply, ctx, res);
    return transferPage(request, reply, { ...form, error: errorText(ctx.t, res.code) }, res.status);
  });

  app.get<{ Params: { transferId: string } }>('/transfer/:transferId', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const res = await apiClient(root, request).get<TransferJson>(`/api/v1/transfers/${encodeURIComponent(request.params.transferId)}`);
    if (!res.ok) return failed(request, reply, ctx, res);
    if (res.data.status === 'completed') return sendPage(reply, ctx, 200, ctx.t('transfer.doneTitle'), transferDoneBody(ctx, res.data), page);
    return sendPage(reply, ctx, 200, ctx.t('transfer.codeTitle'), transferCodeBody(ctx, res.data), page);
  });

  app.post<{ Params: { transferId: string } }>('/transfer/:transferId/confirm', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const api = apiClient(root, request);
    const path = `/api/v1/transfers/${encodeURIComponent(request.params.transferId)}`;
    const res = await api.post<TransferJson>(`${path}/confirm`, { code: formText(request.body, 'code') });
    if (res.ok) return seeOther(reply, `/transfer/${encodeURIComponent(res.data.transferId)}`);
    if (res.status === 401 || res.status === 404) return failed(request, reply, ctx, res);
    const transfer = await api.get<TransferJson>(path);
    if (!transfer.ok) return failed(request, reply, ctx, transfer);
    const code = res.code === 'VALIDATION_FAILED' ? 'CODE_INVALID' : res.code;
    return sendPage(reply, ctx, res.status, ctx.t('transfer.codeTitle'), transferCodeBody(ctx, transfer.data, errorText(ctx.t, code)), page);
  });
}

/** The number as the API will answer it (E.164), for the next page's form; as typed if it does not parse. */
function normalise(text: string): string {
  try {
    return parseMsisdn(text);
  } catch (error) {
    // Not a number: the API has said so already or will; the form keeps what was typed.
    if (isDomainError(error)) return text;
    throw error;
  }
}
