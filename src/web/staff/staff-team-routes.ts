// Staff accounts in the console: managers see and add the agents of their store, an admin any
// account. The one-time password is shown once, on the page that answers the creation; the new
// holder sets up the authenticator (QR) and a password of their own at first sign-in.
import type { FastifyInstance } from 'fastify';
import { STAFF_NAME_MAX } from '../../domain/staff-name.ts';
import { isOneOf, staffRoles } from '../../domain/vocabularies.ts';
import type { StaffActor } from '../../services/staff-scope.ts';
import { buttonForm, field, select, submitButton } from '../kit/forms.ts';
import { html, type SafeHtml } from '../kit/html.ts';
import { translateHtml } from '../kit/translator.ts';
import type { StaffConsoleDeps } from './staff-console-deps.ts';
import { wordFor } from './staff-i18n.ts';
import { formAction, headRow, page, sendPage, staffText, type StaffText } from './staff-layout.ts';
import { actorOf, requireStaff } from './staff-session.ts';

type Form = Record<string, string | undefined>;

export async function staffTeamRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  const full = requireStaff(deps, 'full');

  const teamPage = async (text: StaffText, actor: StaffActor, options: { error?: string; notice?: string; created?: SafeHtml } = {}): Promise<string> => {
    const { t } = text;
    const team = await deps.useCases.listTeam(actor);
    const stores = await deps.useCases.counterStoreNames(text.locale);
    const rows = team.map((s) => html`<tr><td>${s.name ?? '—'}</td><td>${s.phone}</td><td>${wordFor(t, 'role', s.role)}</td><td>${s.storeId === null ? t('team.allStores') : stores.get(s.storeId) ?? s.storeId}</td>
<td>${t(s.active ? (s.totpEnrolled ? 'team.active' : 'team.notSignedIn') : 'team.deactivated')}</td>
<td>${s.active && s.id !== actor.staff.id ? buttonForm(`/staff/team/${s.id}/deactivate`, t('team.deactivate')) : ''}</td></tr>`);
    const isAdmin = actor.staff.role === 'admin';
    const roles = (isAdmin ? staffRoles : ['agent'] as const).map((r) => ({ value: r, label: wordFor(t, 'role', r) }));
    const storeChoice = isAdmin
      ? select('storeId', t('team.storeSelect'), (await deps.useCases.listTeamStores(actor, text.locale)).map((store) => ({ value: store.id, label: store.name })))
      : html`<p>${t('team.storeFixed', { store: actor.staff.storeId === null ? '' : stores.get(actor.staff.storeId) ?? actor.staff.storeId })}</p>`;
    const heads = headRow(t, ['team.name', 'team.phone', 'team.role', 'team.store', 'team.state', 'team.action']);
    return page(text, t('team.title'), html`${options.created ?? ''}
<table><thead>${heads}</thead><tbody>${rows}</tbody></table>
<form method="post" action="/staff/team"><h2>${t('team.add')}</h2>
${field({ id: 'name', label: t('team.newName'), autocomplete: 'off', maxlength: STAFF_NAME_MAX })}
${field({ id: 'phone', label: t('team.newPhone'), type: 'tel', autocomplete: 'off' })}
${select('role', t('team.role'), roles)}${storeChoice}
${submitButton(t('team.create'))}</form>`, { signedIn: true, ...(options.error ? { error: options.error } : {}), ...(options.notice ? { notice: options.notice } : {}) });
  };

  app.get('/staff/team', { preHandler: full }, async (request, reply) => sendPage(reply, await teamPage(staffText(request), actorOf(request))));

  // Answered with a page, not a redirect: the one-time password must not land in a URL or a cache.
  app.post<{ Body: Form }>('/staff/team', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    const text = staffText(request);
    const { t } = text;
    const body = request.body;
    return formAction(reply, async () => {
      const role = isOneOf(staffRoles, body.role) ? body.role : 'agent';
      const created = await deps.useCases.createStaffInConsole(actor, { role, storeId: body.storeId ?? null, phone: body.phone ?? '', ...(body.name === undefined ? {} : { name: body.name }) });
      const ids = translateHtml(t('team.onceIds'), { id: html`<strong>${created.staffId}</strong>`, password: html`<strong><code>${created.initialPassword}</code></strong>` });
      const document = await teamPage(text, actor, {
        notice: t('team.created'),
        created: html`<section class="ok" aria-labelledby="once"><h2 id="once">${t('team.onceHeading')}</h2>
<p>${ids}</p>
<p>${t('team.onceNote')}</p></section>`,
      });
      return { html: document, status: 201 };
    }, async (message) => teamPage(text, actor, { error: message }));
  });

  app.post<{ Params: { id: string } }>('/staff/team/:id/deactivate', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    return formAction(reply, async () => {
      await deps.useCases.deactivateStaff(actor, request.params.id);
      return '/staff/team';
    }, async (message) => teamPage(staffText(request), actor, { error: message }));
  });
}
