// API keys for the reassigned-number check, for operator admins: issue one (shown once, on the
// page that answers the form), see each key's name, start, age and last use, revoke one.
import type { FastifyInstance } from 'fastify';
import { formatInstant, instantFromEpochMs } from '../../domain/calendar.ts';
import { API_KEY_NAME_MAX } from '../../services/api-keys.ts';
import type { StaffActor } from '../../services/staff-scope.ts';
import { buttonForm, field, submitButton } from '../kit/forms.ts';
import { html, type SafeHtml } from '../kit/html.ts';
import type { StaffConsoleDeps } from './staff-console-deps.ts';
import { formAction, headRow, page, sendPage, staffText, type StaffText } from './staff-layout.ts';
import { actorOf, requireStaff } from './staff-session.ts';

const when = (at: Date): string => formatInstant(instantFromEpochMs(at.getTime())).slice(0, 16).replace('T', ' ');

export async function staffApiKeyRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  const full = requireStaff(deps, 'full');

  const keysPage = async (text: StaffText, actor: StaffActor, options: { error?: string; notice?: string; issued?: SafeHtml; name?: string } = {}): Promise<string> => {
    const { t } = text;
    const keys = await deps.useCases.listApiKeysInConsole(actor);
    const rows = keys.map((k) => html`<tr><td>${k.name}</td><td><code>${k.keyPrefix}…</code></td><td>${when(k.createdAt)}</td>
<td>${k.lastUsedAt ? when(k.lastUsedAt) : t('keys.never')}</td><td>${k.revokedAt ? t('keys.revoked', { at: when(k.revokedAt) }) : t('keys.live')}</td>
<td>${k.revokedAt ? '' : buttonForm(`/staff/api-keys/${k.id}/revoke`, t('keys.revoke'))}</td></tr>`);
    return page(text, t('keys.title'), html`<p>${t('keys.intro')}</p>${options.issued ?? ''}
${rows.length > 0 ? html`<div class="table-scroll" role="region" aria-label="${t('keys.title')}" tabindex="0"><table><thead>${headRow(t, ['keys.name', 'keys.prefix', 'keys.created', 'keys.lastUsed', 'keys.state', 'keys.action'])}</thead><tbody>${rows}</tbody></table></div>` : html`<p>${t('keys.none')}</p>`}
<form method="post" action="/staff/api-keys"><h2>${t('keys.add')}</h2>
${field({ id: 'name', label: t('keys.newName'), autocomplete: 'off', maxlength: API_KEY_NAME_MAX, ...(options.name === undefined ? {} : { value: options.name }) })}
${submitButton(t('keys.create'))}</form>`, { signedIn: true, ...(options.error ? { error: options.error } : {}), ...(options.notice ? { notice: options.notice } : {}) });
  };

  app.get<{ Querystring: { revoked?: string } }>('/staff/api-keys', { preHandler: full }, async (request, reply) => {
    const text = staffText(request);
    return sendPage(reply, await keysPage(text, actorOf(request), request.query.revoked === '1' ? { notice: text.t('keys.revokedNotice') } : {}));
  });

  // Answered with a page, not a redirect: the key must not land in a URL or a cache.
  app.post<{ Body: Record<string, string | undefined> }>('/staff/api-keys', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    const text = staffText(request);
    const { t } = text;
    const name = request.body.name ?? '';
    return formAction(reply, async () => {
      const issued = await deps.useCases.createApiKeyInConsole(actor, name);
      const document = await keysPage(text, actor, {
        notice: t('keys.issued'),
        issued: html`<section class="ok" aria-labelledby="once"><h2 id="once">${t('keys.onceHeading', { name: issued.name })}</h2>
<p><code class="secret">${issued.key}</code></p>
<p>${t('keys.onceNote')}</p></section>`,
      });
      return { html: document, status: 201 };
    }, async (message) => keysPage(text, actor, { error: message, name }));
  });

  app.post<{ Params: { id: string } }>('/staff/api-keys/:id/revoke', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    return formAction(reply, async () => {
      await deps.useCases.revokeApiKeyInConsole(actor, request.params.id);
      return '/staff/api-keys?revoked=1';
    }, async (message) => keysPage(staffText(request), actor, { error: message }));
  });
}
