// Top up any amount from the portal: choose → quote (days bought, new end) → the same /orders pay
// form as renewals. Reads and writes through the JSON API like every other portal page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '../../domain/errors.ts';
import { parseAznAmount } from '../../domain/money.ts';
import { onlineTopUpChoices } from '../../domain/online-top-up.ts';
import type { ValidityPolicy } from '../../domain/policy.ts';
import { apiClient } from './api-client.ts';
import type { LineJson, QuoteJson } from './api-types.ts';
import { money, phone } from './format.ts';
import type { PageContext } from './layout.ts';
import { topUpBody, topUpQuoteBody, type TopUpForm, type TopUpLimitsView } from './pages/top-up-page.ts';
import { errorText, formText, pageContext, sendPage, type PortalSettings, sendApiFailure } from './portal-context.ts';

type Params = { Params: { msisdn: string } };

export interface TopUpRouteOptions {
  readonly root: FastifyInstance;
  readonly settings: PortalSettings;
  /** The band table and online limits in force: the choices the page offers. */
  readonly policy: ValidityPolicy;
}

/** The amount the form asks for, in qəpik: a typed amount wins over the chosen band. */
export function formAmount(body: unknown): number | 'unreadable' {
  const other = formText(body, 'otherAmount');
  const choice = formText(body, 'amount');
  if (other !== '' || choice === 'other') {
    try {
      return parseAznAmount(other);
    } catch (error) {
      if (isDomainError(error)) return 'unreadable';
      throw error;
    }
  }
  return /^\d{1,9}$/.test(choice) ? Number(choice) : 'unreadable';
}

export async function portalTopUpRoutes(app: FastifyInstance, { root, settings, policy }: TopUpRouteOptions): Promise<void> {
  const ctxOf = pageContext.bind(null, root, settings);
  const limits: TopUpLimitsView = {
    minAmount: policy.onlineTopUp.minAmount, maxAmount: policy.onlineTopUp.maxAmount, choices: onlineTopUpChoices(policy),
  };

  const failed = (request: FastifyRequest, reply: FastifyReply, ctx: PageContext, res: { status: number; code: string }): FastifyReply =>
    sendApiFailure(request, reply, ctx, res);

  async function formPage(request: FastifyRequest, reply: FastifyReply, form: TopUpForm, status = 200): Promise<FastifyReply> {
    const ctx = ctxOf(request, reply);
    const line = await apiClient(root, request).get<LineJson>(`/api/v1/lines/${encodeURIComponent(form.msisdn)}`);
    if (!line.ok) return failed(request, reply, ctx, line);
    return sendPage(reply, ctx, status, ctx.t('topUp.title', { msisdn: phone(line.data.msisdn) }), topUpBody(ctx, line.data, limits, form), { active: '/dashboard' });
  }

  app.get<Params>('/lines/:msisdn/top-up', async (request, reply) => formPage(request, reply, { msisdn: request.params.msisdn }));

  app.post<Params>('/lines/:msisdn/top-up', async (request, reply) => {
    const ctx = ctxOf(request, reply);
    const { locale, t } = ctx;
    const other = formText(request.body, 'otherAmount');
    const form: TopUpForm = { msisdn: request.params.msisdn, choice: other === '' ? formText(request.body, 'amount') : 'other', other };
    const amount = formAmount(request.body);
    const range = { min: money({ amount: limits.minAmount, currency: 'AZN' }, locale), max: money({ amount: limits.maxAmount, currency: 'AZN' }, locale) };
    if (amount === 'unreadable') return formPage(request, reply, { ...form, error: t('topUp.badAmount', range) }, 422);
    const api = apiClient(root, request);
    const res = await api.post<QuoteJson>('/api/v1/quotes', { msisdn: form.msisdn, topUpAmount: { amount, currency: 'AZN' } });
    if (!res.ok) {
      if (res.status === 401 || res.status === 404) return failed(request, reply, ctx, res);
      const error = res.code === 'AMOUNT_BELOW_MINIMUM_TOP_UP' || res.code === 'AMOUNT_ABOVE_MAXIMUM_TOP_UP' || res.code === 'VALIDATION_FAILED'
        ? t('topUp.badAmount', range)
        : errorText(t, res.code);
      return formPage(request, reply, { ...form, error }, res.status);
    }
    const line = await api.get<LineJson>(`/api/v1/lines/${encodeURIComponent(form.msisdn)}`);
    if (!line.ok) return failed(request, reply, ctx, line);
    return sendPage(reply, ctx, 200, t('quote.title'), topUpQuoteBody(ctx, res.data, line.data), { active: '/dashboard' });
  });
}
