// Shift report (per agent and store) and, for managers, the audit log and receipt voids.
import type { FastifyInstance } from 'fastify';
import { operatorDay, parseIsoDate } from '../../../domain/calendar.ts';
import { DomainError } from '../../../domain/errors.ts';
import { formatMoney, qepik } from '../../../domain/money.ts';
import { readAuditLog, shiftReport } from '../../../services/counter-desk.ts';
import { voidReceipt } from '../../../services/void-receipt.ts';
import type { StaffConsoleDeps } from './staff-console.ts';
import { esc, field, formAction, page, sendPage } from './staff-html.ts';
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
    const voidRows = report.voids.items.map((v) => `<tr><td>${esc(v.number)}</td><td>${esc(v.staffId)}</td><td>${esc(v.voidedBy)}</td><td>${esc(v.voidedAt.toISOString())}</td><td>${esc(v.method)}</td><td>${esc(money(v.amount))}</td><td>${esc(v.reason)}</td></tr>`).join('');
    const totals = report.totals.map((t) => `<tr><td>${esc(t.method.toUpperCase())}</td><td>${esc(t.count)}</td><td>${esc(money(t.amount))}</td></tr>`).join('');
    return sendPage(reply, page(`Shift report ${report.day}`, `<form method="get" action="/staff/report">${field('date', 'Day', `type="date" value="${esc(day)}"`)}<button type="submit">Show</button></form>
<p>Store ${esc(report.storeId)}${report.staffId ? `, agent ${esc(report.staffId)}` : ', all agents'}</p>
<h2>Totals per payment method</h2><table><thead><tr><th>Method</th><th>Receipts</th><th>Amount</th></tr></thead><tbody>${totals || '<tr><td colspan="3">None</td></tr>'}</tbody></table>
<h2>Voids: ${esc(report.voids.count)} (${esc(money(report.voids.amount))}), refunded</h2>
${report.voids.items.length ? `<table><thead><tr><th>Number</th><th>Issued by</th><th>Voided by</th><th>When</th><th>Method</th><th>Amount</th><th>Reason</th></tr></thead><tbody>${voidRows}</tbody></table>` : ''}
<h2>Receipts</h2><table><thead><tr><th>Number</th><th>Agent</th><th>Line</th><th>Method</th><th>Amount</th><th>Void</th></tr></thead><tbody>${rows}</tbody></table>
${voidForm()}`, { signedIn: true }));
  });

  app.get('/staff/audit', { preHandler: full }, async (request, reply) => {
    const rows = await readAuditLog(deps, actorOf(request));
    const body = rows.map((r) => `<tr><td>${esc(r.at.toISOString())}</td><td>${esc(r.staffId)}</td><td>${esc(r.storeId)}</td><td>${esc(r.msisdn)}</td><td>${esc(r.action)}</td><td>${esc(JSON.stringify(r.detail))}</td><td>${esc(r.ip)}</td></tr>`).join('');
    return sendPage(reply, page('Audit log', `<table><thead><tr><th>When</th><th>Who</th><th>Store</th><th>Line</th><th>What</th><th>Detail</th><th>From</th></tr></thead><tbody>${body}</tbody></table>`, { signedIn: true }));
  });

  // A void refunds the sale (ledger, validity, provider), so the page says what happened.
  app.post<{ Body: { number?: string; reason?: string } }>('/staff/receipts/void', { preHandler: full }, async (request, reply) => formAction(reply, async () => {
    const result = await voidReceipt(deps, actorOf(request), request.body.number ?? '', request.body.reason ?? '');
    return `/staff/sales/${encodeURIComponent(result.orderId)}`;
  }, async (message) => page('Void a receipt', voidForm(request.body.number ?? ''), { signedIn: true, error: message })));
}

/** The void form: the receipt's number (filled in on a sale's page) and a reason, both required. */
export function voidForm(number = ''): string {
  return `<form method="post" action="/staff/receipts/void"><h2>Void a receipt</h2><p>The sale is reversed: the payment goes back to the card or bank account and the added validity is removed.</p>
${field('number', 'Receipt number', `required autocomplete="off" value="${esc(number)}"`)}${field('reason', 'Reason (required)', 'required minlength="3" maxlength="200" autocomplete="off"')}<button type="submit">Void and refund</button></form>`;
}
