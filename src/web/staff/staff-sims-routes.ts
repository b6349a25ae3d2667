// A multi-SIM number's SIM cards at the counter (issue 13): listed by the ICCID's last 4 digits,
// one added by its ICCID after the number's ID check at this store, one removed; both audited and
// told to the number by SMS (the use cases do that).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buttonForm, field, hidden, submitButton } from '../kit/forms.ts';
import { html } from '../kit/html.ts';
import type { StaffConsoleDeps } from './staff-console-deps.ts';
import { formAction, page, sendPage, staffText } from './staff-layout.ts';
import { actorOf, requireStaff } from './staff-session.ts';

type Params = { Params: { msisdn: string } };
/** The outcome travels in the redirect as a key, never as free text shown on the page. */
const notices = { added: 'sims.added', removed: 'sims.removed' } as const;
const isNotice = (value: string | undefined): value is keyof typeof notices => value !== undefined && Object.hasOwn(notices, value);

export async function staffSimsRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  const full = requireStaff(deps, 'full');
  const simsPath = (msisdn: string): string => `/staff/lines/${encodeURIComponent(msisdn)}/sims`;

  const render = async (request: FastifyRequest, msisdn: string, error?: string, notice?: string): Promise<string> => {
    const text = staffText(request);
    const { t } = text;
    const sims = await deps.useCases.listSimsAtCounter(actorOf(request), msisdn);
    const rows = sims.map((s) => html`<tr><td>${s.main ? t('sims.main') : t('sims.extra')}</td><td>${t('sims.ending', { last4: s.iccidLast4 })}</td>
<td>${s.simId ? buttonForm(`${simsPath(msisdn)}/remove`, t('sims.remove'), hidden('simId', s.simId)) : ''}</td></tr>`);
    return page(text, t('sims.title', { msisdn }), html`<p>${t('sims.intro')}</p>
<table><tbody>${rows}</tbody></table>
<form method="post" action="${simsPath(msisdn)}">${field({ id: 'iccid', label: t('sims.iccid'), inputmode: 'numeric', autocomplete: 'off', maxlength: 32 })}${submitButton(t('sims.add'))}</form>
<p><a href="/staff/lines?q=${encodeURIComponent(msisdn)}">${t('line.back')}</a></p>`, { signedIn: true, ...(error ? { error } : {}), ...(notice ? { notice } : {}) });
  };

  app.get<Params & { Querystring: { notice?: string } }>('/staff/lines/:msisdn/sims', { preHandler: full }, async (request, reply) => {
    const notice = request.query.notice;
    return sendPage(reply, await render(request, request.params.msisdn, undefined, isNotice(notice) ? staffText(request).t(notices[notice]) : undefined));
  });

  app.post<Params & { Body: Record<string, string | undefined> }>('/staff/lines/:msisdn/sims', { preHandler: full }, async (request, reply) => {
    const { msisdn } = request.params;
    return formAction(reply, async () => {
      await deps.useCases.addSimAtCounter(actorOf(request), { msisdn, iccid: request.body.iccid ?? '' });
      return `${simsPath(msisdn)}?notice=added`;
    }, async (message) => render(request, msisdn, message));
  });

  app.post<Params & { Body: Record<string, string | undefined> }>('/staff/lines/:msisdn/sims/remove', { preHandler: full }, async (request, reply) => {
    const { msisdn } = request.params;
    return formAction(reply, async () => {
      await deps.useCases.removeSimAtCounter(actorOf(request), { msisdn, simId: request.body.simId ?? '' });
      return `${simsPath(msisdn)}?notice=removed`;
    }, async (message) => render(request, msisdn, message));
  });
}
