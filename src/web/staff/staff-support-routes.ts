// The support desk (role `support`, or an admin): the queue of unresolved cases by age, one case
// with its conversation and the statement entries it is about, and one form to answer, ask for
// more or resolve (the customer is told by SMS, without a link).
import type { FastifyInstance } from 'fastify';
import { formatMoney, qepik } from '../../domain/money.ts';
import { durationParts, staffCaseActions, type StaffCaseAction } from '../../domain/support-cases.ts';
import { isOneOf } from '../../domain/vocabularies.ts';
import { submitButton } from '../kit/forms.ts';
import { html, type SafeHtml } from '../kit/html.ts';
import type { StaffConsoleDeps } from './staff-console-deps.ts';
import { formAction, headRow, page, sendPage, staffText, type StaffText } from './staff-layout.ts';
import { wordFor } from './staff-i18n.ts';
import { bakuTime } from './staff-report-routes.ts';
import { actorOf, requireStaff } from './staff-session.ts';
import type { DeskCase } from '../../services/support-desk.ts';

/** "1 d 2 h 05 min" in the reader's language. */
export function durationText(text: StaffText, ms: number): string {
  const parts = durationParts(ms);
  return text.t('support.duration', { days: parts.days, hours: parts.hours, minutes: String(parts.minutes).padStart(2, '0') });
}

function caseBody(text: StaffText, c: DeskCase, draft: { action?: string; text?: string } = {}): SafeHtml {
  const { t } = text;
  const messages = c.messages.map((m) => html`<li><p><strong>${t(m.from === 'customer' ? 'support.from.customer' : 'support.from.staff')}</strong>
    (${wordFor(t, 'support.kind', m.kind)}, ${bakuTime(new Date(m.at))})</p><p class="case-text">${m.text}</p></li>`);
  const entries = c.entries.map((e) => html`<tr><td>${bakuTime(new Date(e.at))}</td><td>${e.msisdn}</td><td>${e.kind}</td><td>${formatMoney(qepik(e.amount.amount), text.locale)}</td></tr>`);
  const choices = staffCaseActions.map((a) => html`<option value="${a}"${a === (draft.action ?? 'answer') ? html` selected` : ''}>${t(`support.do.${a}`)}</option>`);
  const form = c.status === 'resolved'
    ? html`<p>${t('support.closed')}</p>`
    : html`<form method="post" action="/staff/support/${c.caseId}">
<div class="field"><label for="action">${t('support.action')}</label><select id="action" name="action">${choices}</select></div>
<div class="field"><label for="text">${t('support.text')}</label><textarea id="text" name="text" rows="5" required maxlength="2000">${draft.text ?? ''}</textarea></div>
${submitButton(t('support.send'))}</form>`;
  return html`<p>${wordFor(t, 'support.category', c.category)} · ${wordFor(t, 'support.status', c.status)} · ${c.msisdn ?? ''} · ${bakuTime(new Date(c.createdAt))}</p>
<p>${c.notifies === null ? t('support.noNumber') : t('support.notifies', { msisdn: c.notifies })}</p>
<h2>${t('support.messages')}</h2><ol class="case-messages">${messages}</ol>
${entries.length > 0 ? html`<h2>${t('support.entries')}</h2><table><thead>${headRow(t, ['support.entry.when', 'support.line', 'support.entry.kind', 'support.entry.amount'])}</thead><tbody>${entries}</tbody></table>` : ''}
${form}
<p><a href="/staff/support">${t('support.back')}</a></p>`;
}

export async function staffSupportRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  const full = requireStaff(deps, 'full');

  app.get('/staff/support', { preHandler: full }, async (request, reply) => {
    const queue = await deps.useCases.listSupportQueue(actorOf(request));
    const text = staffText(request);
    const { t } = text;
    const rows = queue.map((c) => html`<tr><td><a href="/staff/support/${c.caseId}">${c.ref}</a></td><td>${bakuTime(new Date(c.createdAt))}</td><td>${durationText(text, c.ageMs)}</td>
      <td>${wordFor(t, 'support.category', c.category)}</td><td>${wordFor(t, 'support.status', c.status)}</td><td>${c.msisdn ?? ''}</td></tr>`);
    const body = rows.length === 0
      ? html`<p>${t('support.empty')}</p>`
      : html`<table><thead>${headRow(t, ['support.ref', 'support.opened', 'support.age', 'support.category', 'support.status', 'support.line'])}</thead><tbody>${rows}</tbody></table>`;
    return sendPage(reply, page(text, t('support.title'), body, { signedIn: true }));
  });

  app.get<{ Params: { caseId: string } }>('/staff/support/:caseId', { preHandler: full }, async (request, reply) => {
    const found = await deps.useCases.readDeskCase(actorOf(request), request.params.caseId);
    const text = staffText(request);
    return sendPage(reply, page(text, text.t('support.caseTitle', { ref: found.ref }), caseBody(text, found), { signedIn: true }));
  });

  app.post<{ Params: { caseId: string }; Body: { action?: string; text?: string } }>('/staff/support/:caseId', { preHandler: full }, async (request, reply) => formAction(reply, async () => {
    const action: StaffCaseAction = isOneOf(staffCaseActions, request.body.action) ? request.body.action : 'answer';
    await deps.useCases.actOnSupportCase(actorOf(request), request.params.caseId, action, request.body.text ?? '');
    return `/staff/support/${encodeURIComponent(request.params.caseId)}`;
  }, async (message) => {
    const text = staffText(request);
    const found = await deps.useCases.readDeskCase(actorOf(request), request.params.caseId);
    return page(text, text.t('support.caseTitle', { ref: found.ref }), caseBody(text, found, { ...(request.body.action ? { action: request.body.action } : {}), ...(request.body.text ? { text: request.body.text } : {}) }), { signedIn: true, error: message });
  }));
}
