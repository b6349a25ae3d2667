// The counter: find a line, today's visits, the ID check, the application with its quote, payment
// by POS slip or QR, and the PDF receipt.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { formatInstant, instantFromEpochMs, parseIsoDate } from '../../../domain/calendar.ts';
import { documentTypes, type DocumentType } from '../../../domain/counter-rules.ts';
import { DomainError } from '../../../domain/errors.ts';
import { formatMoney, qepik } from '../../../domain/money.ts';
import { storeText } from '../../../domain/store-schedule.ts';
import { findStaffById } from '../../../db/staff-repository.ts';
import { findStore } from '../../../db/store-repository.ts';
import { parseSlip } from '../../../payments/pos-provider.ts';
import { attendAppointment, findLineAtCounter, listTodaysAppointments } from '../../../services/counter-desk.ts';
import { confirmPosPayment, loadCounterSale, readCounterSale, startCounterSale } from '../../../services/counter-sale.ts';
import { findReceipt } from '../../../services/issue-receipt.ts';
import { recordIdCheck } from '../../../services/record-id-check.ts';
import { renderReceiptPdf } from '../../../services/render-receipt-pdf.ts';
import { assertStoreAccess } from '../../../services/staff-scope.ts';
import type { StaffConsoleDeps } from './staff-console.ts';
import { esc, field, formAction, page, select, sendPage } from './staff-html.ts';
import { voidForm } from './staff-report-routes.ts';
import { actorOf, requireStaff } from './staff-session.ts';

type Form = Record<string, string | undefined>;
const money = (amount: number): string => formatMoney(qepik(amount), 'en');

export async function staffCounterRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  const full = requireStaff(deps, 'full');

  app.get('/staff', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    if (actor.staff.mustChangePassword) return reply.redirect('/staff/password');
    const visits = actor.staff.storeId === null ? [] : await listTodaysAppointments(deps, actor);
    const rows = visits.map((a) => `<tr><td>${esc(formatInstant(instantFromEpochMs(a.slotStart.getTime())).slice(11, 16))}</td><td>${esc(a.counterNo)}</td><td>${esc(a.purpose)}</td><td>${esc(a.msisdn ?? 'walk-in')}</td><td>${esc(a.status)}</td>
<td>${a.status === 'booked' ? `<form method="post" action="/staff/appointments/${esc(a.id)}/attend" class="inline"><button type="submit">Arrived</button></form>` : ''}</td></tr>`).join('');
    return sendPage(reply, page('Counter', `<form method="get" action="/staff/lines">${field('q', 'Number or ICCID', 'required autocomplete="off"')}<button type="submit">Find line</button></form>
<h2>Today's appointments</h2><table><thead><tr><th>Time</th><th>Counter</th><th>Purpose</th><th>Number</th><th>Status</th><th>Action</th></tr></thead><tbody>${rows || '<tr><td colspan="6">None</td></tr>'}</tbody></table>`, { signedIn: true }));
  });

  app.post<{ Params: { id: string } }>('/staff/appointments/:id/attend', { preHandler: full }, async (request, reply) => {
    await attendAppointment(deps, actorOf(request), request.params.id);
    return reply.redirect('/staff', 303);
  });

  const renderLine = async (request: Parameters<typeof actorOf>[0], q: string, error?: string, notice?: string): Promise<string> => {
    const line = await findLineAtCounter(deps, actorOf(request), q);
    // A fresh key per rendering: a double submit of this form opens one sale (see startCounterSale).
    const key = randomBytes(12).toString('base64url');
    const plans = await deps.db.query<{ code: string; texts: Record<string, { name: string }> }>('select code, texts from plans where active order by sort_order, code');
    const kind = line.status === 'quarantine' ? 'restore' : 'renewal';
    return page(`Line ${line.msisdn}`, `<table><tbody><tr><th>Status</th><td>${esc(line.status)}</td></tr><tr><th>Valid until</th><td>${esc(line.validUntil)}</td></tr>
<tr><th>Balance</th><td>${esc(money(line.balance))}</td></tr><tr><th>Plan</th><td>${esc(line.planCode ?? '—')}</td></tr><tr><th>Language</th><td>${esc(line.language)}</td></tr></tbody></table>
<h2>1. ID document and SIM</h2><form method="post" action="/staff/id-checks"><input type="hidden" name="msisdn" value="${esc(line.msisdn)}">
${select('documentType', 'Document type', documentTypes.map((d) => [d, d.replace('_', ' ')] as const))}
${field('issuingCountry', 'Issuing country (3 letters, e.g. AZE)', 'required maxlength="3" autocomplete="off"')}
${field('documentNumber', 'Document number', 'required autocomplete="off"')}
${field('documentExpires', 'Expiry date', 'type="date" required')}
${field('iccid', 'ICCID printed on the SIM', 'required inputmode="numeric" autocomplete="off"')}
<button type="submit">Record ID check</button></form>
<h2>2. Application (${esc(kind)})</h2><form method="post" action="/staff/sales"><input type="hidden" name="msisdn" value="${esc(line.msisdn)}"><input type="hidden" name="kind" value="${esc(kind)}"><input type="hidden" name="formKey" value="${esc(key)}">
${select('planCode', 'Plan', plans.map((p) => [p.code, p.texts.en?.name ?? p.code] as const))}
${select('months', 'Months', [['1', '1'], ['3', '3'], ['6', '6'], ['12', '12']])}
${field('promoCode', 'Promo code (optional)', 'autocomplete="off"')}
${select('method', 'Payment', [['pos', 'Card terminal (POS)'], ['qr', 'QR code (bank app)']])}
${kind === 'restore' ? `<p>Restore fee: ${esc(money(deps.policy.restoreFee))} is added.</p>` : ''}
<button type="submit">Quote and take payment</button></form>`, { signedIn: true, ...(error ? { error } : {}), ...(notice ? { notice } : {}) });
  };

  app.get<{ Querystring: { q?: string; notice?: string } }>('/staff/lines', { preHandler: full }, async (request, reply) => {
    try {
      return sendPage(reply, await renderLine(request, request.query.q ?? '', undefined, request.query.notice));
    } catch (error) {
      if (error instanceof DomainError && error.code !== 'FORBIDDEN') return sendPage(reply, page('Line', '<p><a href="/staff">Back</a></p>', { signedIn: true, error: error.message }), 404);
      throw error;
    }
  });

  app.post<{ Body: Form }>('/staff/id-checks', { preHandler: full }, async (request, reply) => {
    const b = request.body;
    return formAction(reply, async () => {
      const type = documentTypes.includes(b.documentType as DocumentType) ? (b.documentType as DocumentType) : 'passport';
      const result = await recordIdCheck(deps, actorOf(request), {
        msisdn: b.msisdn ?? '', documentType: type, issuingCountry: b.issuingCountry ?? '', documentNumber: b.documentNumber ?? '',
        documentExpires: parseIsoDate(b.documentExpires ?? ''), iccid: b.iccid ?? '',
      });
      const notice = result.iccidMatches ? 'ID checked; the SIM matches this line.' : 'ID recorded, but the SIM does NOT match this line: no sale is possible.';
      return `/staff/lines?q=${encodeURIComponent(b.msisdn ?? '')}&notice=${encodeURIComponent(notice)}`;
    }, async (message) => renderLine(request, b.msisdn ?? '', message));
  });

  app.post<{ Body: Form }>('/staff/sales', { preHandler: full }, async (request, reply) => {
    const b = request.body;
    return formAction(reply, async () => {
      const { orderId } = await startCounterSale(deps, actorOf(request), {
        msisdn: b.msisdn ?? '', kind: b.kind === 'restore' ? 'restore' : 'renewal', planCode: b.planCode ?? '', months: Number(b.months ?? 0),
        method: b.method === 'qr' ? 'qr' : 'pos', formKey: b.formKey ?? '', ...(b.promoCode ? { promoCode: b.promoCode } : {}),
      });
      return `/staff/sales/${orderId}`;
    }, async (message) => renderLine(request, b.msisdn ?? '', message));
  });

  const renderSale = async (request: Parameters<typeof actorOf>[0], orderId: string, error?: string): Promise<string> => {
    const state = await readCounterSale(deps, actorOf(request), orderId);
    const [quoteRow] = await deps.db.query<{ items: { planName: string | null; months: number | null; subtotal: number; discount: number; total: number; restoreFee?: number; validUntilAfter: string }[]; discounts: { name: string; amount: number }[] }>(
      'select q.items, q.discounts from quotes q join orders o on o.quote_id = q.id where o.id = $1', [orderId]);
    const items = (quoteRow?.items ?? []).map((i) => `<tr><td>${esc(i.planName)} × ${esc(i.months)}</td><td>${esc(money(i.subtotal))}</td><td>${esc(money(-i.discount))}</td><td>${esc(typeof i.restoreFee === 'number' ? money(i.restoreFee) : '—')}</td><td>${esc(money(i.total))}</td><td>${esc(i.validUntilAfter)}</td></tr>`).join('');
    const discounts = (quoteRow?.discounts ?? []).map((d) => `<li>${esc(d.name)}: ${esc(money(-d.amount))}</li>`).join('');
    let pay: string;
    if (state.receipt?.voidedAt) {
      pay = `<p class="error" role="status">Receipt <strong>${esc(state.receipt.number)}</strong> was voided: the sale is reversed and the payment ${state.status === 'refunded' ? 'refunded' : 'is being refunded'}.</p><p><a href="/staff/receipts/${esc(state.receipt.number)}.pdf">The voided receipt (PDF)</a></p>`;
    } else if (state.receipt) {
      pay = `<p class="ok">Paid and activated. Receipt <strong>${esc(state.receipt.number)}</strong>.</p><p><a href="/staff/receipts/${esc(state.receipt.number)}.pdf">Print the receipt (PDF)</a></p>${voidForm(state.receipt.number)}`;
    } else if (state.status === 'pending_payment' && state.provider === 'pos') {
      pay = `<form method="post" action="/staff/sales/${esc(orderId)}/pos">${field('approvalCode', 'Approval code from the slip', 'required maxlength="6" autocomplete="off"')}${field('rrn', 'RRN (12 digits)', 'required inputmode="numeric" autocomplete="off"')}<button type="submit">Confirm card payment</button></form>`;
    } else if (state.status === 'pending_payment' && state.qrPayload) {
      const qr = await QRCode.toDataURL(state.qrPayload, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
      pay = `<p>Ask the customer to scan this with their banking app. This page shows the result once the bank confirms: <a href="/staff/sales/${esc(orderId)}">refresh</a>.</p>
<p><img src="${esc(qr)}" alt="Payment QR code" width="240" height="240"></p>
${deps.demoQr ? `<form method="post" action="/staff/sales/${esc(orderId)}/qr-simulate"><button type="submit">Demo: pay as the bank app</button></form>` : ''}`;
    } else {
      pay = `<p>Order status: ${esc(state.status)}.</p>`;
    }
    return page(`Sale for ${state.sale.msisdn}`, `<table><thead><tr><th>Item</th><th>Subtotal</th><th>Discount</th><th>Restore fee</th><th>Total</th><th>Valid until</th></tr></thead><tbody>${items}</tbody></table>
${discounts ? `<ul>${discounts}</ul>` : ''}<p><strong>Total: ${esc(money(state.total))}</strong></p>${pay}`, { signedIn: true, ...(error ? { error } : {}) });
  };

  app.get<{ Params: { orderId: string } }>('/staff/sales/:orderId', { preHandler: full }, async (request, reply) => sendPage(reply, await renderSale(request, request.params.orderId)));

  app.post<{ Params: { orderId: string }; Body: Form }>('/staff/sales/:orderId/pos', { preHandler: full }, async (request, reply) => formAction(reply, async () => {
    await confirmPosPayment(deps, actorOf(request), request.params.orderId, parseSlip({ approvalCode: request.body.approvalCode ?? '', rrn: request.body.rrn ?? '' }));
    return `/staff/sales/${request.params.orderId}`;
  }, async (message) => renderSale(request, request.params.orderId, message)));

  // Demo only: plays the customer's bank app; the result still arrives as the provider's signed webhook.
  app.post<{ Params: { orderId: string } }>('/staff/sales/:orderId/qr-simulate', { preHandler: full }, async (request, reply) => {
    if (!deps.demoQr) throw new DomainError('NOT_FOUND', 'no QR simulator here');
    const state = await readCounterSale(deps, actorOf(request), request.params.orderId);
    if (state.qrPayload) {
      const hook = deps.counter.qr.simulateBankPayment(state.qrPayload);
      await deps.deliverQrWebhook(hook.body, hook.headers);
    }
    return reply.redirect(`/staff/sales/${request.params.orderId}`, 303);
  });

  app.get<{ Params: { number: string } }>('/staff/receipts/:number.pdf', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    const receipt = await findReceipt(deps.db, request.params.number);
    if (!receipt) throw new DomainError('RECEIPT_NOT_FOUND', 'no such receipt');
    assertStoreAccess(actor.staff, receipt.storeId);
    await loadCounterSale(deps, actor, receipt.orderId);
    const store = await findStore(deps.db, receipt.storeId);
    const agent = await findStaffById(deps.db, receipt.staffId);
    const pdf = await renderReceiptPdf({
      receipt, storeName: store ? storeText(store.names, receipt.language) : receipt.storeId, storeAddress: store ? storeText(store.addresses, receipt.language) : '',
      agentPhone: agent?.phone ?? receipt.staffId, verifyUrl: `${deps.baseUrl}/api/v1/receipts/${encodeURIComponent(receipt.number)}/verify`,
    });
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${receipt.number}.pdf"`).header('cache-control', 'no-store').send(pdf);
  });
}
