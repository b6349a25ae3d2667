// Shift report (per agent and store) and, for managers, the audit log and receipt voids.
import type { FastifyInstance } from 'fastify';
import { operatorDay, parseIsoDate } from '../../../domain/calendar.ts';
import { DomainError } from '../../../domain/errors.ts';
import { formatMoney, qepik } from '../../../domain/money.ts';
import { readAuditLog, shiftReport, voidReceipt } from '../../../services/counter-desk.ts';
import type { StaffConsoleDeps } from './staff-console.ts';
import { esc, field, page, sendPage } from './staff-html.ts';
import { actorOf, requireStaff } from './staff-session.ts';

const money = (amount: number): string => formatMoney(qepik(amount), 'en');

export async function staffReportRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  const full = requireStaff(deps, 'full');

  app.get<{ Querystring: { date?: string; store?: string; staff?: string } }>('/staff/report', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    const storeId = request.query.store ?? actor.staff.storeId;
    if (!storeId) throw new DomainError('VALIDATION_FAILED', 'choose a store (?store=ID)');
    const day = request.query.date ? parseIsoDate(request.query.date) : operatorDay(deps.now());
    const report = await shiftReport(deps, actor, storeId, day, request.query.staff ?? null);
    const rows = report.receipts.map((r) => `<tr><td>${esc(r.number)}</td><td>${esc(r.staffId)}</td><td>${esc(r.msisdn)}</td><td>${esc(r.method)}</td><td>${esc(money(r.amount))}</td><td>${r.voided ? 'void' : ''}</td></tr>`).join('');
    const totals = report.totals.map((t) => `<tr><td>${esc(t.method.toUpperCase())}</td><td>${esc(t.count)}</td><td>${esc(money(t.amount))}</td></tr>`).join('');
    return sendPage(reply, page(`Shift report ${report.day}`, `<form method="get" action="/staff/report">${field('date', 'Day', `type="date" value="${esc(day)}"`)}<button type="submit">Show</button></form>
<p>Store ${esc(report.storeId)}${report.staffId ? `, agent ${esc(report.staffId)}` : ', all agents'}</p>
<h2>Totals per payment method</h2><table><thead><tr><th>Method</th><th>Receipts</th><th>Amount</th></tr></thead><tbody>${totals || '<tr><td colspan="3">None</td></tr>'}</tbody></table>
<p>Voids: ${esc(report.voids.count)} (${esc(money(report.voids.amount))})</p>
<h2>Receipts</h2><table><thead><tr><th>Number</th><th>Agent</th><th>Line</th><th>Method</th><th>Amount</th><th></th></tr></thead><tbody>${rows}</tbody></table>`, { signedIn: true }));
  });

  app.get('/staff/audit', { preHandler: full }, async (request, reply) => {
    const rows = await readAuditLog(deps, actorOf(request));
    const body = rows.map((r) => `<tr><td>${esc(r.at.toISOString())}</td><td>${esc(r.staffId)}</td><td>${esc(r.storeId)}</td><td>${esc(r.msisdn)}</td><td>${esc(r.action)}</td><td>${esc(JSON.stringify(r.detail))}</td><td>${esc(r.ip)}</td></tr>`).join('');
    return sendPage(reply, page('Audit log', `<form method="post" action="/staff/receipts/void">${field('number', 'Void receipt number', 'required')}${field('reason', 'Reason', 'required')}<button type="submit">Void</button></form>
<table><thead><tr><th>When</th><th>Who</th><th>Store</th><th>Line</th><th>What</th><th>Detail</th><th>From</th></tr></thead><tbody>${body}</tbody></table>`, { signedIn: true }));
  });

  app.post<{ Body: { number?: string; reason?: string } }>('/staff/receipts/void', { preHandler: full }, async (request, reply) => {
    await voidReceipt(deps, actorOf(request), request.body.number ?? '', request.body.reason ?? '');
    return reply.redirect('/staff/audit', 303);
  });
}
