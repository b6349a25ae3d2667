// Shift report (per agent and store) and, for managers, the audit log and receipt voids.
import type { FastifyInstance } from 'fastify';
import { formatInstant, instantFromEpochMs, operatorDay, parseIsoDate } from '../../domain/calendar.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatMoney, qepik } from '../../domain/money.ts';
import { field, submitButton } from '../kit/forms.ts';
import { html, type SafeHtml } from '../kit/html.ts';
import type { StaffConsoleDeps } from './staff-console-deps.ts';
import { formAction, headRow, page, sendPage, staffText } from './staff-layout.ts';
import { wordFor } from './staff-i18n.ts';
import { actorOf, requireStaff } from './staff-session.ts';
import { voidForm } from './void-form.ts';

/** A moment as the console shows every time: Baku's wall clock, to the second ("2026-12-06 16:05:09"). */
export function bakuTime(at: Date): string {
  // The offset is the same all year (+04:00, no DST since 2016) and the column heading names the zone.
  return formatInstant(instantFromEpochMs(at.getTime())).slice(0, 19).replace('T', ' ');
}

export async function staffReportRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  const full = requireStaff(deps, 'full');

  app.get<{ Querystring: { date?: string; store?: string; staff?: string } }>('/staff/report', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    const storeId = request.query.store ?? actor.staff.storeId;
    if (!storeId) throw new DomainError('VALIDATION_FAILED', 'choose a store (?store=ID)');
    const day = request.query.date ? parseIsoDate(request.query.date) : operatorDay(deps.now());
    const report = await deps.useCases.shiftReport(actor, storeId, day, request.query.staff ?? null);
    const text = staffText(request);
    const { t } = text;
    const money = (amount: number): string => formatMoney(qepik(amount), text.locale);
    const storeName = (await deps.useCases.counterStoreNames(text.locale)).get(report.storeId) ?? report.storeId;
    const rows = report.receipts.map((r) => html`<tr><td>${r.number}</td><td>${r.staffName}</td><td>${r.msisdn}</td><td>${r.method}</td><td>${money(r.amount)}</td><td>${r.voided ? t('report.voidMark') : ''}</td></tr>`);
    const voidRows = report.voids.items.map((v) => html`<tr><td>${v.number}</td><td>${v.staffName}</td><td>${v.voidedByName}</td><td>${bakuTime(v.voidedAt)}</td><td>${v.method}</td><td>${money(v.amount)}</td><td>${v.reason}</td></tr>`);
    const totals: SafeHtml[] = report.totals.map((total) => html`<tr><td>${total.method.toUpperCase()}</td><td>${total.count}</td><td>${money(total.amount)}</td></tr>`);
    const who = report.staffId ? t('report.storeAgent', { store: storeName, agent: report.staffName ?? report.staffId }) : t('report.storeAll', { store: storeName });
    return sendPage(reply, page(text, t('report.title', { day: report.day }), html`<form method="get" action="/staff/report">${field({ id: 'date', label: t('report.day'), type: 'date', value: day, required: false })}${submitButton(t('report.show'))}</form>
<p>${who}</p>
<h2>${t('report.totals')}</h2><table><thead>${headRow(t, ['report.method', 'report.receipts', 'report.amount'])}</thead><tbody>${totals.length > 0 ? totals : html`<tr><td colspan="3">${t('report.none')}</td></tr>`}</tbody></table>
<h2>${t('report.voids', { count: report.voids.count, amount: money(report.voids.amount) })}</h2>
${report.voids.items.length ? html`<table><thead>${headRow(t, ['report.number', 'report.issuedBy', 'report.voidedBy', 'report.when', 'report.method', 'report.amount', 'report.reason'])}</thead><tbody>${voidRows}</tbody></table>` : ''}
<h2>${t('report.receiptsHeading')}</h2><table><thead>${headRow(t, ['report.number', 'report.agent', 'report.line', 'report.method', 'report.amount', 'report.void'])}</thead><tbody>${rows}</tbody></table>
${voidForm(text)}`, { signedIn: true }));
  });

  app.get('/staff/audit', { preHandler: full }, async (request, reply) => {
    const rows = await deps.useCases.readAuditLog(actorOf(request));
    const text = staffText(request);
    const stores = await deps.useCases.counterStoreNames(text.locale);
    const body = rows.map((r) => html`<tr><td>${bakuTime(r.at)}</td><td>${r.staffName ?? '—'}</td><td>${r.storeId === null ? '' : stores.get(r.storeId) ?? r.storeId}</td><td>${r.msisdn}</td><td>${wordFor(text.t, 'audit.action', r.action)}</td><td>${JSON.stringify(r.detail)}</td><td>${r.ip}</td></tr>`);
    const heads = headRow(text.t, ['audit.when', 'audit.who', 'audit.store', 'audit.line', 'audit.what', 'audit.detail', 'audit.from']);
    return sendPage(reply, page(text, text.t('audit.title'), html`<table><thead>${heads}</thead><tbody>${body}</tbody></table>`, { signedIn: true }));
  });

  // A void refunds the sale (ledger, validity, provider), so the page says what happened.
  app.post<{ Body: { number?: string; reason?: string } }>('/staff/receipts/void', { preHandler: full }, async (request, reply) => formAction(reply, async () => {
    const result = await deps.useCases.voidReceipt(actorOf(request), request.body.number ?? '', request.body.reason ?? '', request.log);
    return `/staff/sales/${encodeURIComponent(result.orderId)}`;
  }, async (message) => {
    const text = staffText(request);
    return page(text, text.t('void.title'), voidForm(text, request.body.number ?? ''), { signedIn: true, error: message });
  }));
}
