// Shift report (per agent and store) and, for managers, the audit log and receipt voids.
import type { FastifyInstance } from 'fastify';
import { operatorDay, parseIsoDate } from '../../domain/calendar.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatMoney, qepik } from '../../domain/money.ts';
import { readAuditLog, shiftReport } from '../../services/counter-desk.ts';
import { voidReceipt } from '../../services/void-receipt.ts';
import type { StaffConsoleDeps } from './staff-console.ts';
import type { StaffMessageKey } from './messages/en.ts';
import { esc, field, formAction, page, sendPage, staffText, type StaffText } from './staff-html.ts';
import type { StaffTranslate } from './staff-i18n.ts';
import { actorOf, requireStaff } from './staff-session.ts';

const headRow = (t: StaffTranslate, keys: readonly StaffMessageKey[]): string => `<tr>${keys.map((k) => `<th>${esc(t(k))}</th>`).join('')}</tr>`;

export async function staffReportRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  const full = requireStaff(deps, 'full');

  app.get<{ Querystring: { date?: string; store?: string; staff?: string } }>('/staff/report', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    const storeId = request.query.store ?? actor.staff.storeId;
    if (!storeId) throw new DomainError('VALIDATION_FAILED', 'choose a store (?store=ID)');
    const day = request.query.date ? parseIsoDate(request.query.date) : operatorDay(deps.now());
    const report = await shiftReport(deps, actor, storeId, day, request.query.staff ?? null);
    const text = staffText(request);
    const { t } = text;
    const money = (amount: number): string => formatMoney(qepik(amount), text.locale);
    const rows = report.receipts.map((r) => `<tr><td>${esc(r.number)}</td><td>${esc(r.staffId)}</td><td>${esc(r.msisdn)}</td><td>${esc(r.method)}</td><td>${esc(money(r.amount))}</td><td>${r.voided ? esc(t('report.voidMark')) : ''}</td></tr>`).join('');
    const voidRows = report.voids.items.map((v) => `<tr><td>${esc(v.number)}</td><td>${esc(v.staffId)}</td><td>${esc(v.voidedBy)}</td><td>${esc(v.voidedAt.toISOString())}</td><td>${esc(v.method)}</td><td>${esc(money(v.amount))}</td><td>${esc(v.reason)}</td></tr>`).join('');
    const totals = report.totals.map((t) => `<tr><td>${esc(t.method.toUpperCase())}</td><td>${esc(t.count)}</td><td>${esc(money(t.amount))}</td></tr>`).join('');
    const who = report.staffId ? t('report.storeAgent', { store: report.storeId, agent: report.staffId }) : t('report.storeAll', { store: report.storeId });
    return sendPage(reply, page(text, t('report.title', { day: report.day }), `<form method="get" action="/staff/report">${field('date', t('report.day'), `type="date" value="${esc(day)}"`)}<button type="submit">${esc(t('report.show'))}</button></form>
<p>${esc(who)}</p>
<h2>${esc(t('report.totals'))}</h2><table><thead>${headRow(t, ['report.method', 'report.receipts', 'report.amount'])}</thead><tbody>${totals || `<tr><td colspan="3">${esc(t('report.none'))}</td></tr>`}</tbody></table>
<h2>${esc(t('report.voids', { count: report.voids.count, amount: money(report.voids.amount) }))}</h2>
${report.voids.items.length ? `<table><thead>${headRow(t, ['report.number', 'report.issuedBy', 'report.voidedBy', 'report.when', 'report.method', 'report.amount', 'report.reason'])}</thead><tbody>${voidRows}</tbody></table>` : ''}
<h2>${esc(t('report.receiptsHeading'))}</h2><table><thead>${headRow(t, ['report.number', 'report.agent', 'report.line', 'report.method', 'report.amount', 'report.void'])}</thead><tbody>${rows}</tbody></table>
${voidForm(text)}`, { signedIn: true }));
  });

  app.get('/staff/audit', { preHandler: full }, async (request, reply) => {
    const rows = await readAuditLog(deps, actorOf(request));
    const text = staffText(request);
    const body = rows.map((r) => `<tr><td>${esc(r.at.toISOString())}</td><td>${esc(r.staffId)}</td><td>${esc(r.storeId)}</td><td>${esc(r.msisdn)}</td><td>${esc(r.action)}</td><td>${esc(JSON.stringify(r.detail))}</td><td>${esc(r.ip)}</td></tr>`).join('');
    const heads = headRow(text.t, ['audit.when', 'audit.who', 'audit.store', 'audit.line', 'audit.what', 'audit.detail', 'audit.from']);
    return sendPage(reply, page(text, text.t('audit.title'), `<table><thead>${heads}</thead><tbody>${body}</tbody></table>`, { signedIn: true }));
  });

  // A void refunds the sale (ledger, validity, provider), so the page says what happened.
  app.post<{ Body: { number?: string; reason?: string } }>('/staff/receipts/void', { preHandler: full }, async (request, reply) => formAction(reply, async () => {
    const result = await voidReceipt({ ...deps, logger: request.log }, actorOf(request), request.body.number ?? '', request.body.reason ?? '');
    return `/staff/sales/${encodeURIComponent(result.orderId)}`;
  }, async (message) => {
    const text = staffText(request);
    return page(text, text.t('void.title'), voidForm(text, request.body.number ?? ''), { signedIn: true, error: message });
  }));
}

/** The void form: the receipt's number (filled in on a sale's page) and a reason, both required. */
export function voidForm({ t }: StaffText, number = ''): string {
  return `<form method="post" action="/staff/receipts/void"><h2>${esc(t('void.title'))}</h2><p>${esc(t('void.intro'))}</p>
${field('number', t('void.number'), `required autocomplete="off" value="${esc(number)}"`)}${field('reason', t('void.reason'), 'required minlength="3" maxlength="200" autocomplete="off"')}<button type="submit">${esc(t('void.submit'))}</button></form>`;
}
