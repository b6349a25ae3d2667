// Staff accounts in the console: managers see and add the agents of their store, an admin any
// account. The one-time password is shown once, on the page that answers the creation; the new
// holder sets up the authenticator (QR) and a password of their own at first sign-in.
import type { FastifyInstance } from 'fastify';
import { staffRoles, type StaffRole } from '../../../db/staff-repository.ts';
import { listStores } from '../../../db/store-repository.ts';
import { createStaffInConsole, deactivateStaff, listTeam } from '../../../services/manage-staff.ts';
import type { StaffActor } from '../../../services/staff-scope.ts';
import type { StaffConsoleDeps } from './staff-console.ts';
import { esc, field, formAction, page, select, sendPage } from './staff-html.ts';
import { actorOf, requireStaff } from './staff-session.ts';

type Form = Record<string, string | undefined>;

const isRole = (value: string | undefined): value is StaffRole => (staffRoles as readonly string[]).includes(value ?? '');

export async function staffTeamRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  const full = requireStaff(deps, 'full');

  const teamPage = async (actor: StaffActor, options: { error?: string; notice?: string; created?: string } = {}): Promise<string> => {
    const team = await listTeam(deps, actor);
    const rows = team.map((s) => `<tr><td>${esc(s.phone)}</td><td>${esc(s.role)}</td><td>${esc(s.storeId ?? 'all stores')}</td>
<td>${s.active ? (s.totpEnrolled ? 'active' : 'not signed in yet') : 'deactivated'}</td>
<td>${s.active && s.id !== actor.staff.id ? `<form method="post" action="/staff/team/${esc(s.id)}/deactivate" class="inline"><button type="submit">Deactivate</button></form>` : ''}</td></tr>`).join('');
    const isAdmin = actor.staff.role === 'admin';
    const roles: (readonly [string, string])[] = isAdmin ? [['agent', 'Agent'], ['manager', 'Store manager'], ['admin', 'Operator admin']] : [['agent', 'Agent']];
    const storeChoice = isAdmin
      ? select('storeId', 'Store (not used for an operator admin)', (await listStores(deps.db)).map((s) => [s.id, s.id] as const))
      : `<p>Store: ${esc(actor.staff.storeId)}</p>`;
    return page('Team', `${options.created ?? ''}
<table><thead><tr><th>Phone</th><th>Role</th><th>Store</th><th>State</th><th>Action</th></tr></thead><tbody>${rows}</tbody></table>
<form method="post" action="/staff/team"><h2>Add a staff account</h2>
${field('phone', 'Their mobile number', 'type="tel" required autocomplete="off"')}
${select('role', 'Role', roles)}${storeChoice}
<button type="submit">Create account</button></form>`, { signedIn: true, ...(options.error ? { error: options.error } : {}), ...(options.notice ? { notice: options.notice } : {}) });
  };

  app.get('/staff/team', { preHandler: full }, async (request, reply) => sendPage(reply, await teamPage(actorOf(request))));

  // Answered with a page, not a redirect: the one-time password must not land in a URL or a cache.
  app.post<{ Body: Form }>('/staff/team', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    const body = request.body;
    return formAction(reply, async () => {
      const role = isRole(body.role) ? body.role : 'agent';
      const created = await createStaffInConsole(deps, actor, { role, storeId: body.storeId ?? null, phone: body.phone ?? '' });
      const html = await teamPage(actor, {
        notice: 'Account created.',
        created: `<section class="ok" aria-labelledby="once"><h2 id="once">Give these to the new colleague in person</h2>
<p>Staff ID <strong>${esc(created.staffId)}</strong>, one-time password <strong><code>${esc(created.initialPassword)}</code></strong></p>
<p>It is shown only now. At first sign-in they scan the authenticator QR code and choose their own password.</p></section>`,
      });
      return { html, status: 201 };
    }, async (message) => teamPage(actor, { error: message }));
  });

  app.post<{ Params: { id: string } }>('/staff/team/:id/deactivate', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    return formAction(reply, async () => {
      await deactivateStaff(deps, actor, request.params.id);
      return '/staff/team';
    }, async (message) => teamPage(actor, { error: message }));
  });
}
