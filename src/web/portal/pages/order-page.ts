// One order, followed to its end: waiting (polled by a small script, or a refresh without
// JavaScript), done with the SMS to expect, or declined / expired / slow, each with a retry that
// cannot charge twice (a new order only once the old one can no longer be paid).
import { html, trustedHtml, type SafeHtml } from '../../kit/html.ts';
import type { Locale } from '../../../domain/money.ts';
import type { OrderJson } from '../api-types.ts';
import { day, money, phone } from '../format.ts';
import type { PageContext } from '../layout.ts';
import { renewHref } from './renew-pages.ts';
import { topUpHref } from './top-up-page.ts';

export type OrderView =
  | { readonly kind: 'waiting'; readonly order: OrderJson; readonly slow: boolean }
  | { readonly kind: 'done'; readonly order: OrderJson; readonly msisdn: string; readonly validUntil: string; readonly smsExample: string; readonly smsLanguage?: Locale }
  | { readonly kind: 'declined'; readonly order: OrderJson; readonly quoteHolds: boolean }
  | { readonly kind: 'expired' | 'refunded'; readonly order: OrderJson };

/** How the waiting page follows the order: the script polls; without it, a plain refresh. */
export function waitingHead(orderId: string): SafeHtml {
  return html`<script src="/assets/portal/order-wait.js" defer data-order="${orderId}"></script>
<noscript><meta http-equiv="refresh" content="3"></noscript>`;
}

/**
 * After a declined card, while the quote's price holds: pay again on the same quote, so the promo
 * code and the price stay as they were (a new order; the declined one can no longer be paid).
 */
function retrySameQuote(ctx: PageContext, order: OrderJson): SafeHtml {
  const item = order.items?.[0];
  return html`<form method="post" action="/orders" class="actions">
  <input type="hidden" name="quoteId" value="${order.quoteId ?? ''}">
  <input type="hidden" name="retryOf" value="${order.orderId}">
  <input type="hidden" name="msisdn" value="${item?.msisdn ?? ''}">
  <input type="hidden" name="planCode" value="${item?.planCode ?? ''}">
  <input type="hidden" name="months" value="${item?.months ?? ''}">
  <button type="submit" class="primary">${ctx.t('order.retrySame', { total: order.total ? money(order.total, ctx.locale) : '' })}</button>
  <a class="button secondary" href="/dashboard">${ctx.t('nav.dashboard')}</a>
</form>`;
}

function retryLink(ctx: PageContext, order: OrderJson, key: 'order.retry' | 'order.newQuote'): SafeHtml {
  const item = order.items?.[0];
  if (!item) return html`<p><a class="button" href="/dashboard">${ctx.t('nav.dashboard')}</a></p>`;
  // A top-up (no plan) is tried again on the top-up page; a renewal keeps its promo code.
  const again = item.planCode === null ? topUpHref(item.msisdn) : renewHref({
    msisdn: item.msisdn, planCode: item.planCode, months: item.months ?? undefined, ...(order.promoCode ? { promoCode: order.promoCode } : {}),
  });
  return html`<p class="actions"><a class="button primary" href="${again}">${ctx.t(key)}</a>
  <a class="button secondary" href="/dashboard">${ctx.t('nav.dashboard')}</a></p>`;
}

export function orderBody(ctx: PageContext, view: OrderView): SafeHtml {
  const { t } = ctx;
  const order = view.order;
  const title = html`<p class="muted">${t('order.title', { id: order.orderId })}</p>`;
  switch (view.kind) {
    case 'waiting': {
      const paid = order.status === 'paid';
      const heading = paid ? t('order.paidTitle') : view.slow ? t('order.timeoutTitle') : t('order.waitTitle');
      const text = paid ? t('order.paidText') : view.slow ? t('order.timeoutText') : t('order.waitText');
      // Once the provider is slow the page says "do not pay again": it offers no payment page then,
      // only following the order (the script, or a refresh) until it settles or expires.
      return html`<h1>${heading}</h1>${title}
<div class="waiting" role="status" aria-live="polite" data-status="${order.status}"><span class="spinner" aria-hidden="true"></span><p>${text}</p></div>
<p class="actions">
  ${!paid && !view.slow && order.paymentUrl ? html`<a class="button secondary" href="${order.paymentUrl}">${t('order.payAgain')}</a>` : ''}
  <a class="button secondary" href="/orders/${encodeURIComponent(order.orderId)}">${t('order.checkNow')}</a>
</p>`;
    }
    case 'done':
      return html`<h1>${order.items?.[0]?.planCode === null ? t('order.topUpDoneTitle') : t('order.doneTitle')}</h1>${title}
<p class="alert ok big" role="status" data-status="activated">${t('order.doneText', { msisdn: phone(view.msisdn), date: day(view.validUntil, ctx.locale) })}</p>
<p>${t('order.smsExpect', { sender: ctx.sender })}</p>
<blockquote class="sms"${view.smsLanguage ? html` lang="${view.smsLanguage}"` : ''}>${view.smsExample.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`${trustedHtml('<br>')}${line}`))}</blockquote>
<p><a class="button" href="/dashboard">${t('nav.dashboard')}</a></p>`;
    case 'declined':
      return html`<h1>${t('order.declinedTitle')}</h1>${title}<p class="alert error" role="alert" data-status="failed">${t('order.declinedText')}</p>${
        view.quoteHolds && order.quoteId && order.items?.[0]?.planCode ? retrySameQuote(ctx, order) : retryLink(ctx, order, 'order.retry')}`;
    case 'expired':
      return html`<h1>${t('order.expiredTitle')}</h1>${title}<p class="alert warn" role="alert" data-status="expired">${t('order.expiredText')}</p>${retryLink(ctx, order, 'order.newQuote')}`;
    case 'refunded':
      return html`<h1>${t('order.refundedTitle')}</h1>${title}<p class="alert" role="status">${t('order.refundedText')}</p><p><a class="button" href="/dashboard">${t('nav.dashboard')}</a></p>`;
  }
}

/** The expired-quote page, when the quote ran out before an order was opened. */
export function expiredQuoteBody(ctx: PageContext, form: { msisdn: string; planCode?: string; months?: number }, topUp = false): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('order.expiredTitle')}</h1><p class="alert warn" role="alert">${t('order.expiredText')}</p>
<p class="actions"><a class="button primary" href="${topUp ? topUpHref(form.msisdn) : renewHref(form)}">${t('order.newQuote')}</a></p>`;
}
