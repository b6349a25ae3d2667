// The counter: find a line, today's visits, the ID check, the application with its quote, payment
// on the card terminal (its answer confirms) or by QR (the acquirer's webhook confirms), the demo
// simulators' buttons outside production, and the PDF receipt.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { formatInstant, instantFromEpochMs, parseIsoDate } from '../../domain/calendar.ts';
import { documentTypes, type DocumentType } from '../../domain/counter-rules.ts';
import { DomainError } from '../../domain/errors.ts';
import { formatMoney, isLocale, locales, qepik } from '../../domain/money.ts';
import { buttonForm, errorPageBody, field, hidden, select, submitButton } from '../kit/forms.ts';
import { html, type SafeHtml } from '../kit/html.ts';
import { translateHtml } from '../kit/translator.ts';
import type { StaffConsoleDeps } from './staff-console-deps.ts';
import { staffErrorText, wordFor, type StaffLocale } from './staff-i18n.ts';
import { formAction, headRow, page, sendPage, staffText, type StaffText } from './staff-layout.ts';
import { actorOf, requireStaff } from './staff-session.ts';
import { voidForm } from './void-form.ts';

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
  const offered = deps.counterMethods;

  app.get('/staff', { preHandler: full }, async (request, reply) => {
    const actor = actorOf(request);
    if (actor.staff.mustChangePassword) return reply.redirect('/staff/password');
    // Marketing has no counter: its work starts at the promotions.
    if (actor.staff.role === 'marketing') return reply.redirect('/staff/promotions');
    const text = staffText(request);
    const { t } = text;
    const visits = actor.staff.storeId === null ? [] : await deps.useCases.listTodaysAppointments(actor);
    const rows = visits.map((a) => html`<tr><td>${formatInstant(instantFromEpochMs(a.slotStart.getTime())).slice(11, 16)}</td><td>${a.counterNo}</td><td>${wordFor(t, 'purpose', a.purpose)}</td><td>${a.msisdn ?? t('counter.walkIn')}</td><td>${wordFor(t, 'appointment', a.status)}</td>
<td>${a.status === 'booked' ? buttonForm(`/staff/appointments/${a.id}/attend`, t('counter.arrived')) : ''}</td></tr>`);
    const heads = headRow(t, ['counter.time', 'counter.counter', 'counter.purpose', 'counter.number', 'counter.status', 'counter.action']);
    return sendPage(reply, page(text, t('counter.title'), html`<form method="get" action="/staff/lines">${field({ id: 'q', label: t('counter.search'), autocomplete: 'off' })}${submitButton(t('counter.find'))}</form>
<h2>${t('counter.today')}</h2><table><thead>${heads}</thead><tbody>${rows.length > 0 ? rows : html`<tr><td colspan="6">${t('counter.none')}</td></tr>`}</tbody></table>`, { signedIn: true }));
  });

  app.post<{ Params: { id: string } }>('/staff/appointments/:id/attend', { preHandler: full }, async (request, reply) => {
    await deps.useCases.attendAppointment(actorOf(request), request.params.id);
    return reply.redirect('/staff', 303);
  });

  const renderLine = async (request: FastifyRequest, q: string, error?: string, notice?: string): Promise<string> => {
    const text = staffText(request);
    const { t } = text;
    const money = moneyIn(text.locale);
    const line = await deps.useCases.findLineAtCounter(actorOf(request), q);
    // A fresh key per rendering: a double submit of this form opens one sale (see startCounterSale).
    const key = randomBytes(12).toString('base64url');
    const plans = await deps.useCases.listCounterPlans(text.locale);
    const planName = line.planCode === null ? '—' : (await deps.useCases.counterPlanNames(text.locale)).get(line.planCode) ?? line.planCode;
    const kind = line.status === 'quarantine' ? 'restore' : 'renewal';
    const application = offered.length === 0
      ? html`<p class="error" role="status">${t('line.noCounterPayments')}</p>`
      : html`<form method="post" action="/staff/sales">${hidden('msisdn', line.msisdn)}${hidden('kind', kind)}${hidden('formKey', key)}
${select('planCode', t('line.plan'), plans.map((p) => ({ value: p.code, label: p.name })))}
${select('months', t('line.months'), ['1', '3', '6', '12'].map((m) => ({ value: m, label: m })))}
${field({ id: 'promoCode', label: t('line.promo'), autocomplete: 'off', required: false })}
${select('method', t('line.payment'), offered.map((m) => ({ value: m, label: t(methodLabels[m]) })))}
${select('language', t('line.language'), locales.map((l) => ({ value: l, label: wordFor(t, 'language', l) })), line.language)}
${kind === 'restore' ? html`<p>${t('line.restoreFee', { amount: money(deps.policy.restoreFee) })}</p>` : ''}
${submitButton(t('line.quote'))}</form>`;
    return page(text, t('line.title', { msisdn: line.msisdn }), html`<table><tbody><tr><th>${t('line.status')}</th><td>${wordFor(t, 'lineStatus', line.status)}</td></tr><tr><th>${t('line.validUntil')}</th><td>${line.validUntil} (${t('line.daysLeft', { days: line.daysLeft })})</td></tr>
<tr><th>${t('line.balance')}</th><td>${money(line.balance)}</td></tr><tr><th>${t('line.plan')}</th><td>${planName}</td></tr><tr><th>${t('line.language')}</th><td>${wordFor(t, 'language', line.language)}</td></tr></tbody></table>
<h2>${t('line.idHeading')}</h2><form method="post" action="/staff/id-checks">${hidden('msisdn', line.msisdn)}
${select('documentType', t('line.documentType'), documentTypes.map((d) => ({ value: d, label: wordFor(t, 'document', d) })))}
${field({ id: 'issuingCountry', label: t('line.issuingCountry'), maxlength: 3, autocomplete: 'off' })}
${field({ id: 'documentNumber', label: t('line.documentNumber'), autocomplete: 'off' })}
${field({ id: 'documentExpires', label: t('line.documentExpires'), type: 'date' })}
${field({ id: 'iccid', label: t('line.iccid'), inputmode: 'numeric', autocomplete: 'off' })}
${submitButton(t('line.recordId'))}</form>
<p><a href="/staff/lines/${encodeURIComponent(line.msisdn)}/sims">${t('sims.link')}</a></p>
<h2>${t(kind === 'restore' ? 'line.applicationRestore' : 'line.applicationRenewal')}</h2>${application}`, { signedIn: true, ...(error ? { error } : {}), ...(notice ? { notice } : {}) });
  };

  app.get<{ Querystring: { q?: string; notice?: string } }>('/staff/lines', { preHandler: full }, async (request, reply) => {
    const text = staffText(request);
    const notice = request.query.notice;
    try {
      return sendPage(reply, await renderLine(request, request.query.q ?? '', undefined, isIdNotice(notice) ? text.t(idNotices[notice]) : undefined));
    } catch (error) {
      if (error instanceof DomainError && error.code !== 'FORBIDDEN') {
        const body = errorPageBody(staffErrorText(text.locale, error.code, error.message), { href: '/staff', label: text.t('line.back') });
        return sendPage(reply, page(text, text.t('line.notFound'), body, { signedIn: true }), 404);
      }
      throw error;
    }
  });

  app.post<{ Body: Form }>('/staff/id-checks', { preHandler: full }, async (request, reply) => {
    const b = request.body;
    return formAction(reply, async () => {
      const type = documentTypes.includes(b.documentType as DocumentType) ? (b.documentType as DocumentType) : 'passport';
      const result = await deps.useCases.recordIdCheck(actorOf(request), {
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
      const { orderId } = await deps.useCases.startCounterSale(actorOf(request), {
        msisdn: b.msisdn ?? '', kind: b.kind === 'restore' ? 'restore' : 'renewal', planCode: b.planCode ?? '', months: Number(b.months ?? 0),
        method: b.method === 'qr' ? 'qr' : 'pos', formKey: b.formKey ?? '', ...(b.promoCode ? { promoCode: b.promoCode } : {}),
        ...(isLocale(b.language) ? { language: b.language } : {}),
      });
      return `/staff/sales/${orderId}`;
    }, async (message) => renderLine(request, b.msisdn ?? '', message));
  });

  const renderSale = async (request: FastifyRequest, orderId: string, error?: string, notice?: string): Promise<string> => {
    const text = staffText(request);
    const { t } = text;
    const money = moneyIn(text.locale);
    const actor = actorOf(request);
    const state = await deps.useCases.readCounterSale(actor, orderId);
    const quote = await deps.useCases.readCounterSaleQuote(actor, orderId, text.locale);
    const items = quote.items.map((i) => html`<tr><td>${i.planName} × ${i.months}</td><td>${money(i.subtotal)}</td><td>${money(-i.discount)}</td><td>${typeof i.restoreFee === 'number' ? money(i.restoreFee) : '—'}</td><td>${money(i.total)}</td><td>${i.validUntilAfter}</td></tr>`);
    const discounts = quote.discounts.map((d) => html`<li>${d.name}: ${money(-d.amount)}</li>`);
    const receiptPdf = (number: string): string => `/staff/receipts/${number}.pdf`;
    let pay: SafeHtml;
    if (state.receipt?.voidedAt) {
      const number = html`<strong>${state.receipt.number}</strong>`;
      pay = html`<p class="error" role="status">${translateHtml(t(state.status === 'refunded' ? 'sale.voidedRefunded' : 'sale.voidedRefunding'), { number })}</p><p><a href="${receiptPdf(state.receipt.number)}">${t('sale.voidedPdf')}</a></p>`;
    } else if (state.receipt) {
      pay = html`<p class="ok">${translateHtml(t('sale.paid'), { number: html`<strong>${state.receipt.number}</strong>` })}</p><p><a href="${receiptPdf(state.receipt.number)}">${t('sale.print')}</a></p>${voidForm(text, state.receipt.number)}`;
    } else if (state.status === 'pending_payment' && state.provider === 'pos') {
      const sale = `/staff/sales/${orderId}`;
      pay = html`<p>${t('sale.terminalAsk')}</p>
<form method="post" action="${sale}/terminal">${submitButton(t('sale.sendToTerminal', { amount: money(state.total) }))}</form>
<form method="post" action="${sale}/check">${submitButton(t('sale.checkTerminal'))}</form>${simulatorForms(text, orderId, state.simulated, 'pos')}`;
    } else if (state.status === 'pending_payment' && state.qrPayload) {
      const qr = await QRCode.toDataURL(state.qrPayload, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
      pay = html`<p>${translateHtml(t('sale.qrAsk'), { refresh: html`<a href="/staff/sales/${orderId}">${t('sale.refresh')}</a>` })}</p>
<p><img src="${qr}" alt="${t('sale.qrAlt')}" width="240" height="240"></p>${simulatorForms(text, orderId, state.simulated, 'qr')}`;
    } else {
      pay = html`<p>${t('sale.orderStatus', { status: wordFor(t, 'order', state.status) })}</p>`;
    }
    const heads = headRow(t, ['sale.item', 'sale.subtotal', 'sale.discount', 'sale.restoreFee', 'sale.total', 'sale.validUntil']);
    return page(text, t('sale.title', { msisdn: state.sale.msisdn }), html`<table><thead>${heads}</thead><tbody>${items}</tbody></table>
${discounts.length > 0 ? html`<ul>${discounts}</ul>` : ''}<p><strong>${t('sale.totalLine', { amount: money(state.total) })}</strong></p>${pay}`, { signedIn: true, ...(error ? { error } : {}), ...(notice ? { notice } : {}) });
  };

  // Clearly a simulator, and only where simulators exist: never in production, never for a real adapter.
  // Its rules stand on the page, so nobody guesses what the simulator approves.
  const simulatorForms = ({ t }: StaffText, orderId: string, simulated: boolean, method: 'pos' | 'qr'): SafeHtml => !deps.simulators || !simulated ? html`` : html`<section aria-labelledby="sim"><h2 id="sim">${t('sale.simulatorHeading')}</h2>
<p>${t(method === 'pos' ? 'sale.simulatorRulesPos' : 'sale.simulatorRulesQr')}</p>
<form method="post" action="/staff/sales/${orderId}/simulate">${hidden('outcome', 'succeeded')}${submitButton(t('sale.simulatePay'))}</form>
<form method="post" action="/staff/sales/${orderId}/simulate">${hidden('outcome', 'failed')}${submitButton(t('sale.simulateDecline'))}</form></section>`;

  app.get<{ Params: { orderId: string }; Querystring: { notice?: string } }>('/staff/sales/:orderId', { preHandler: full }, async (request, reply) => {
    const notice = request.query.notice;
    return sendPage(reply, await renderSale(request, request.params.orderId, undefined, isSaleNotice(notice) ? staffText(request).t(saleNotices[notice]) : undefined));
  });

  const salePath = (orderId: string, notice?: keyof typeof saleNotices): string => `/staff/sales/${encodeURIComponent(orderId)}${notice ? `?notice=${notice}` : ''}`;
  const confirm = async (request: FastifyRequest, orderId: string): Promise<string> => {
    const outcome = await deps.useCases.confirmCounterPayment(actorOf(request), orderId);
    return salePath(orderId, outcome.outcome === 'waiting' ? 'waiting' : undefined);
  };

  app.post<{ Params: { orderId: string } }>('/staff/sales/:orderId/terminal', { preHandler: full }, async (request, reply) => formAction(reply, async () => {
    await deps.useCases.sendToTerminal(actorOf(request), request.params.orderId);
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
      const webhook = await deps.useCases.simulateCustomerPayment(actorOf(request), orderId, request.body.outcome === 'failed' ? 'failed' : 'succeeded');
      if (webhook) {
        await deps.deliverQrWebhook(webhook.body, { ...webhook.headers });
        return salePath(orderId);
      }
      return confirm(request, orderId);
    }, async (message) => renderSale(request, request.params.orderId, message)));
  }

  app.get<{ Params: { number: string } }>('/staff/receipts/:number.pdf', { preHandler: full }, async (request, reply) => {
    const printed = await deps.useCases.printCounterReceipt(actorOf(request), request.params.number);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${printed.number}.pdf"`).header('cache-control', 'no-store').send(printed.pdf);
  });
}
