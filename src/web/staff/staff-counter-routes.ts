// The counter: find a line, today's visits, the ID check, the application with its quote, payment
// on the card terminal (its answer confirms) or by QR (the acquirer's webhook confirms), the demo
// simulators' buttons outside production, and the PDF receipt.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { formatInstant, instantFromEpochMs, parseIsoDate } from '../../domain/calendar.ts';
import { documentTypes, type DocumentType } from '../../domain/counter-rules.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatMoney, qepik } from '../../domain/money.ts';
import { storeText } from '../../domain/store-schedule.ts';
import { findStaffById } from '../../db/staff-repository.ts';
import { findStore } from '../../db/store-repository.ts';
import { counterMethods, type CounterMethod } from '../../payments/counter-payment.ts';
import { attendAppointment, findLineAtCounter, listTodaysAppointments } from '../../services/counter-desk.ts';
import { confirmCounterPayment, loadCounterSale, readCounterSale, sendToTerminal, simulateCustomerPayment, startCounterSale } from '../../services/counter-sale.ts';
import { findReceipt } from '../../services/issue-receipt.ts';
import { recordIdCheck } from '../../services/record-id-check.ts';
import { renderReceiptPdf } from '../../services/render-receipt-pdf.ts';
import { assertStoreAccess } from '../../services/staff-scope.ts';
import type { StaffConsoleDeps } from './staff-console.ts';
import { esc, field, formAction, page, select, sendPage, staffText, th, type StaffText } from './staff-html.ts';
import { staffErrorText, wordFor, type StaffLocale } from './staff-i18n.ts';
import { voidForm } from './staff-report-routes.ts';
import { actorOf, requireStaff } from './staff-session.ts';

type Form = Record<string, string | undefined>;
const moneyIn = (locale: StaffLocale) => (amount: number): string => formatMoney(qepik(amount), locale);
/** The ID check's outcome travels in the redirect as a key, never as free text shown on the page. */
const idNotices = { 'id-ok': 'notice.idOk', 'id-mismatch': 'notice.idMismatch' } as const;
const isIdNotice = (value: string | undefined): value is keyof typeof idNotices => value !== undefined && Object.hasOwn(idNotices, value);
const saleNotices = { sent: 'sale.sent', waiting: 'sale.waiting' } as const;
const isSaleNotice = (value: string | undefined): value is keyof typeof saleNotices => value !== undefined && Object.hasOwn(saleNotices, value);
const methodLabels = { pos: 'line.pos', qr: 'line.qr' } as const;

export async function staffCounterRoutes(app: FastifyInstance, { deps }: { deps: StaffConsoleDeps }): Promise<void> {
  const full = requireStaff(deps, 'full');
  const offered: readonly CounterMethod[] = counterMethods.filter((method) => deps.counter[method] !== undefined);

  app.get('/staff', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    if (actor.staff.mustChangePassword) return reply.redirect('/staff/password');
    const text = staffText(request);
    const { t } = text;
    const visits = actor.staff.storeId === null ? [] : await listTodaysAppointments(deps, actor);
    const rows = visits.map((a) => `<tr><td>${esc(formatInstant(instantFromEpochMs(a.slotStart.getTime())).slice(11, 16))}</td><td>${esc(a.counterNo)}</td><td>${esc(wordFor(t, 'purpose', a.purpose))}</td><td>${esc(a.msisdn ?? t('counter.walkIn'))}</td><td>${esc(wordFor(t, 'appointment', a.status))}</td>
<td>${a.status === 'booked' ? `<form method="post" action="/staff/appointments/${esc(a.id)}/attend" class="inline"><button type="submit">${esc(t('counter.arrived'))}</button></form>` : ''}</td></tr>`).join('');
    const heads = (['counter.time', 'counter.counter', 'counter.purpose', 'counter.number', 'counter.status', 'counter.action'] as const).map((k) => `<th>${esc(t(k))}</th>`).join('');
    return sendPage(reply, page(text, t('counter.title'), `<form method="get" action="/staff/lines">${field('q', t('counter.search'), 'required autocomplete="off"')}<button type="submit">${esc(t('counter.find'))}</button></form>
<h2>${esc(t('counter.today'))}</h2><table><thead><tr>${heads}</tr></thead><tbody>${rows || `<tr><td colspan="6">${esc(t('counter.none'))}</td></tr>`}</tbody></table>`, { signedIn: true }));
  });

  app.post<{ Params: { id: string } }>('/staff/appointments/:id/attend', { preHandler: full }, async (request, reply) => {
    await attendAppointment(deps, actorOf(request), request.params.id);
    return reply.redirect('/staff', 303);
  });

  const renderLine = async (request: Parameters<typeof actorOf>[0], q: string, error?: string, notice?: string): Promise<string> => {
    const text = staffText(request);
    const { t } = text;
    const money = moneyIn(text.locale);
    const line = await findLineAtCounter(deps, actorOf(request), q);
    // A fresh key per rendering: a double submit of this form opens one sale (see startCounterSale).
    const key = randomBytes(12).toString('base64url');
    const plans = await deps.db.query<{ code: string; texts: Record<string, { name: string }> }>('select code, texts from plans where active order by sort_order, code');
    const kind = line.status === 'quarantine' ? 'restore' : 'renewal';
    return page(text, t('line.title', { msisdn: line.msisdn }), `<table><tbody><tr><th>${esc(t('line.status'))}</th><td>${esc(wordFor(t, 'lineStatus', line.status))}</td></tr><tr><th>${esc(t('line.validUntil'))}</th><td>${esc(line.validUntil)}</td></tr>
<tr><th>${esc(t('line.balance'))}</th><td>${esc(money(line.balance))}</td></tr><tr><th>${esc(t('line.plan'))}</th><td>${esc(line.planCode ?? '—')}</td></tr><tr><th>${esc(t('line.language'))}</th><td>${esc(wordFor(t, 'language', line.language))}</td></tr></tbody></table>
<h2>${esc(t('line.idHeading'))}</h2><form method="post" action="/staff/id-checks"><input type="hidden" name="msisdn" value="${esc(line.msisdn)}">
${select('documentType', t('line.documentType'), documentTypes.map((d) => [d, wordFor(t, 'document', d)] as const))}
${field('issuingCountry', t('line.issuingCountry'), 'required maxlength="3" autocomplete="off"')}
${field('documentNumber', t('line.documentNumber'), 'required autocomplete="off"')}
${field('documentExpires', t('line.documentExpires'), 'type="date" required')}
${field('iccid', t('line.iccid'), 'required inputmode="numeric" autocomplete="off"')}
<button type="submit">${esc(t('line.recordId'))}</button></form>
<h2>${esc(t(kind === 'restore' ? 'line.applicationRestore' : 'line.applicationRenewal'))}</h2>${offered.length === 0 ? `<p class="error" role="status">${esc(t('line.noCounterPayments'))}</p>` : `<form method="post" action="/staff/sales"><input type="hidden" name="msisdn" value="${esc(line.msisdn)}"><input type="hidden" name="kind" value="${esc(kind)}"><input type="hidden" name="formKey" value="${esc(key)}">
${select('planCode', t('line.plan'), plans.map((p) => [p.code, p.texts[text.locale]?.name ?? p.texts.en?.name ?? p.code] as const))}
${select('months', t('line.months'), [['1', '1'], ['3', '3'], ['6', '6'], ['12', '12']])}
${field('promoCode', t('line.promo'), 'autocomplete="off"')}
${select('method', t('line.payment'), offered.map((m) => [m, t(methodLabels[m])] as const))}
${kind === 'restore' ? `<p>${esc(t('line.restoreFee', { amount: money(deps.policy.restoreFee) }))}</p>` : ''}
<button type="submit">${esc(t('line.quote'))}</button></form>`}`, { signedIn: true, ...(error ? { error } : {}), ...(notice ? { notice } : {}) });
  };

  app.get<{ Querystring: { q?: string; notice?: string } }>('/staff/lines', { preHandler: full }, async (request, reply) => {
    const text = staffText(request);
    const notice = request.query.notice;
    try {
      return sendPage(reply, await renderLine(request, request.query.q ?? '', undefined, isIdNotice(notice) ? text.t(idNotices[notice]) : undefined));
    } catch (error) {
      if (error instanceof DomainError && error.code !== 'FORBIDDEN') {
        return sendPage(reply, page(text, text.t('line.notFound'), `<p><a href="/staff">${esc(text.t('line.back'))}</a></p>`, { signedIn: true, error: staffErrorText(text.locale, error.code, error.message) }), 404);
      }
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
      const notice: keyof typeof idNotices = result.iccidMatches ? 'id-ok' : 'id-mismatch';
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

  const renderSale = async (request: Parameters<typeof actorOf>[0], orderId: string, error?: string, notice?: string): Promise<string> => {
    const text = staffText(request);
    const { t } = text;
    const money = moneyIn(text.locale);
    const state = await readCounterSale(deps, actorOf(request), orderId);
    const [quoteRow] = await deps.db.query<{ items: { planName: string | null; months: number | null; subtotal: number; discount: number; total: number; restoreFee?: number; validUntilAfter: string }[]; discounts: { name: string; amount: number }[] }>(
      'select q.items, q.discounts from quotes q join orders o on o.quote_id = q.id where o.id = $1', [orderId]);
    const items = (quoteRow?.items ?? []).map((i) => `<tr><td>${esc(i.planName)} × ${esc(i.months)}</td><td>${esc(money(i.subtotal))}</td><td>${esc(money(-i.discount))}</td><td>${esc(typeof i.restoreFee === 'number' ? money(i.restoreFee) : '—')}</td><td>${esc(money(i.total))}</td><td>${esc(i.validUntilAfter)}</td></tr>`).join('');
    const discounts = (quoteRow?.discounts ?? []).map((d) => `<li>${esc(d.name)}: ${esc(money(-d.amount))}</li>`).join('');
    let pay: string;
    if (state.receipt?.voidedAt) {
      const number = `<strong>${esc(state.receipt.number)}</strong>`;
      pay = `<p class="error" role="status">${th(text, state.status === 'refunded' ? 'sale.voidedRefunded' : 'sale.voidedRefunding', { number })}</p><p><a href="/staff/receipts/${esc(state.receipt.number)}.pdf">${esc(t('sale.voidedPdf'))}</a></p>`;
    } else if (state.receipt) {
      pay = `<p class="ok">${th(text, 'sale.paid', { number: `<strong>${esc(state.receipt.number)}</strong>` })}</p><p><a href="/staff/receipts/${esc(state.receipt.number)}.pdf">${esc(t('sale.print'))}</a></p>${voidForm(text, state.receipt.number)}`;
    } else if (state.status === 'pending_payment' && state.provider === 'pos') {
      const sale = `/staff/sales/${esc(orderId)}`;
      pay = `<p>${esc(t('sale.terminalAsk'))}</p>
<form method="post" action="${sale}/terminal"><button type="submit">${esc(t('sale.sendToTerminal', { amount: money(state.total) }))}</button></form>
<form method="post" action="${sale}/check"><button type="submit">${esc(t('sale.checkTerminal'))}</button></form>${simulatorForms(text, orderId, state.simulated)}`;
    } else if (state.status === 'pending_payment' && state.qrPayload) {
      const qr = await QRCode.toDataURL(state.qrPayload, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
      pay = `<p>${th(text, 'sale.qrAsk', { refresh: `<a href="/staff/sales/${esc(orderId)}">${esc(t('sale.refresh'))}</a>` })}</p>
<p><img src="${esc(qr)}" alt="${esc(t('sale.qrAlt'))}" width="240" height="240"></p>${simulatorForms(text, orderId, state.simulated)}`;
    } else {
      pay = `<p>${esc(t('sale.orderStatus', { status: wordFor(t, 'order', state.status) }))}</p>`;
    }
    const heads = (['sale.item', 'sale.subtotal', 'sale.discount', 'sale.restoreFee', 'sale.total', 'sale.validUntil'] as const).map((k) => `<th>${esc(t(k))}</th>`).join('');
    return page(text, t('sale.title', { msisdn: state.sale.msisdn }), `<table><thead><tr>${heads}</tr></thead><tbody>${items}</tbody></table>
${discounts ? `<ul>${discounts}</ul>` : ''}<p><strong>${esc(t('sale.totalLine', { amount: money(state.total) }))}</strong></p>${pay}`, { signedIn: true, ...(error ? { error } : {}), ...(notice ? { notice } : {}) });
  };

  // Clearly a simulator, and only where simulators exist: never in production, never for a real adapter.
  const simulatorForms = ({ t }: StaffText, orderId: string, simulated: boolean): string => !deps.simulators || !simulated ? '' : `<section aria-labelledby="sim"><h2 id="sim">${esc(t('sale.simulatorHeading'))}</h2>
<form method="post" action="/staff/sales/${esc(orderId)}/simulate"><input type="hidden" name="outcome" value="succeeded"><button type="submit">${esc(t('sale.simulatePay'))}</button></form>
<form method="post" action="/staff/sales/${esc(orderId)}/simulate"><input type="hidden" name="outcome" value="failed"><button type="submit">${esc(t('sale.simulateDecline'))}</button></form></section>`;

  app.get<{ Params: { orderId: string }; Querystring: { notice?: string } }>('/staff/sales/:orderId', { preHandler: full }, async (request, reply) => {
    const notice = request.query.notice;
    return sendPage(reply, await renderSale(request, request.params.orderId, undefined, isSaleNotice(notice) ? staffText(request).t(saleNotices[notice]) : undefined));
  });

  const salePath = (orderId: string, notice?: keyof typeof saleNotices): string => `/staff/sales/${encodeURIComponent(orderId)}${notice ? `?notice=${notice}` : ''}`;
  const confirm = async (request: Parameters<typeof actorOf>[0], orderId: string): Promise<string> => {
    const outcome = await confirmCounterPayment(deps, actorOf(request), orderId);
    return salePath(orderId, outcome.outcome === 'waiting' ? 'waiting' : undefined);
  };

  app.post<{ Params: { orderId: string } }>('/staff/sales/:orderId/terminal', { preHandler: full }, async (request, reply) => formAction(reply, async () => {
    await sendToTerminal(deps, actorOf(request), request.params.orderId);
    return salePath(request.params.orderId, 'sent');
  }, async (message) => renderSale(request, request.params.orderId, message)));

  // The terminal's answer, asked for now: the only thing that marks a card sale paid.
  app.post<{ Params: { orderId: string } }>('/staff/sales/:orderId/check', { preHandler: full }, async (request, reply) => formAction(
    reply, async () => confirm(request, request.params.orderId), async (message) => renderSale(request, request.params.orderId, message)));

  // Demo only, not even mounted in production: the simulated customer pays. A QR payment still
  // arrives as the signed webhook through the public route; the simulated terminal is asked in
  // this same request (it keeps its answers in this process).
  if (deps.simulators) {
    app.post<{ Params: { orderId: string }; Body: Form }>('/staff/sales/:orderId/simulate', { preHandler: full }, async (request, reply) => formAction(reply, async () => {
      const orderId = request.params.orderId;
      const webhook = await simulateCustomerPayment(deps, actorOf(request), orderId, request.body.outcome === 'failed' ? 'failed' : 'succeeded');
      if (webhook) {
        await deps.deliverQrWebhook(webhook.body, { ...webhook.headers });
        return salePath(orderId);
      }
      return confirm(request, orderId);
    }, async (message) => renderSale(request, request.params.orderId, message)));
  }

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
