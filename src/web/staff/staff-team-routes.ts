// Staff accounts in the console: managers see and add the agents of their store, an admin any
// account. The one-time password is shown once, on the page that answers the creation; the new
// holder sets up the authenticator (QR) and a password of their own at first sign-in.
import type { FastifyInstance } from 'fastify';
import { staffRoles, type StaffRole } from '../../db/staff-repository.ts';
import { listStores } from '../../db/store-repository.ts';
import { createStaffInConsole, deactivateStaff, listTeam } from '../../services/manage-staff.ts';
import type { StaffActor } from '../../services/staff-scope.ts';
import type { StaffConsoleDeps } from './staff-console.ts';
import { esc, field, formAction, page, select, sendPage, staffText, th, type StaffText } from './staff-html.ts';
import { wordFor } from './staff-i18n.ts';
import { actorOf, requireStaff } from './staff-session.ts';

type Form = Record<string, string | undefined>;

const isRole = (value: string | undefined): value is StaffRole => (staffRoles as readonly string[]).includes(value ?? '');

export async function staffTeamRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  const full = requireStaff(deps, 'full');

  const teamPage = async (text: StaffText, actor: StaffActor, options: { error?: string; notice?: string; created?: string } = {}): Promise<string> => {
    const { t } = text;
    const team = await listTeam(deps, actor);
    const rows = team.map((s) => `<tr><td>${esc(s.phone)}</td><td>${esc(wordFor(t, 'role', s.role))}</td><td>${esc(s.storeId ?? t('team.allStores'))}</td>
<td>${esc(t(s.active ? (s.totpEnrolled ? 'team.active' : 'team.notSignedIn') : 'team.deactivated'))}</td>
<td>${s.active && s.id !== actor.staff.id ? `<form method="post" action="/staff/team/${esc(s.id)}/deactivate" class="inline"><button type="submit">${esc(t('team.deactivate'))}</button></form>` : ''}</td></tr>`).join('');
    const isAdmin = actor.staff.role === 'admin';
    const roles = (isAdmin ? staffRoles : ['agent'] as const).map((r) => [r, wordFor(t, 'role', r)] as const);
    const storeChoice = isAdmin
      ? select('storeId', t('team.storeSelect'), (await listStores(deps.db)).map((s) => [s.id, s.id] as const))
      : `<p>${esc(t('team.storeFixed', { store: actor.staff.storeId ?? '' }))}</p>`;
    const heads = (['team.phone', 'team.role', 'team.store', 'team.state', 'team.action'] as const).map((k) => `<th>${esc(t(k))}</th>`).join('');
    return page(text, t('team.title'), `${options.created ?? ''}
<table><thead><tr>${heads}</tr></thead><tbody>${rows}</tbody></table>
<form method="post" action="/staff/team"><h2>${esc(t('team.add'))}</h2>
${field('phone', t('team.newPhone'), 'type="tel" required autocomplete="off"')}
${select('role', t('team.role'), roles)}${storeChoice}
<button type="submit">${esc(t('team.create'))}</button></form>`, { signedIn: true, ...(options.error ? { error: options.error } : {}), ...(options.notice ? { notice: options.notice } : {}) });
  };

  app.get('/staff/team', { preHandler: full }, async (request, reply) => sendPage(reply, await teamPage(staffText(request), actorOf(request))));

  // Answered with a page, not a redirect: the one-time password must not land in a URL or a cache.
  app.post<{ Body: Form }>('/staff/team', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    const text = staffText(request);
    const { t } = text;
    const body = request.body;
    return formAction(reply, async () => {
      const role = isRole(body.role) ? body.role : 'agent';
      const created = await createStaffInConsole(deps, actor, { role, storeId: body.storeId ?? null, phone: body.phone ?? '' });
      const ids = th(text, 'team.onceIds', { id: `<strong>${esc(created.staffId)}</strong>`, password: `<strong><code>${esc(created.initialPassword)}</code></strong>` });
      const html = await teamPage(text, actor, {
        notice: t('team.created'),
        created: `<section class="ok" aria-labelledby="once"><h2 id="once">${esc(t('team.onceHeading'))}</h2>
<p>${ids}</p>
<p>${esc(t('team.onceNote'))}</p></section>`,
      });
      return { html, status: 201 };
    }, async (message) => teamPage(text, actor, { error: message }));
  });

  app.post<{ Params: { id: string } }>('/staff/team/:id/deactivate', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    return formAction(reply, async () => {
      await deactivateStaff(deps, actor, request.params.id);
      return '/staff/team';
    }, async (message) => teamPage(staffText(request), actor, { error: message }));
  });
}
