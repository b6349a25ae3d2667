// The sandbox provider's hosted page, served by Saxla at the order's paymentUrl: GET shows a small
// form, a form POST with cardNumber pays. The outcome reaches the order only by signed webhook.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { formatMoney, type Locale } from '../../../domain/money.ts';
import { qepik } from '../../../domain/money.ts';
import type { SandboxProvider, SandboxSession } from '../../../payments/sandbox-provider.ts';
import { registerPageSecurityHeaders } from '../plugins/page-security-headers.ts';
import { requestLocale } from './plans.ts';

const texts: Readonly<Record<Locale, Readonly<Record<'title' | 'order' | 'amount' | 'card' | 'hint' | 'pay' | 'paid' | 'declined' | 'closed' | 'unknown' | 'missing' | 'back', string>>>> = {
  en: {
    title: 'Saxla sandbox payment', order: 'Order', amount: 'Amount', card: 'Card number', pay: 'Pay',
    hint: 'Test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined.',
    paid: 'Payment accepted. Your order will be activated within seconds; you can close this page.',
    declined: 'Your card was declined. Nothing was charged. Go back to Saxla and try again with another card.',
    closed: 'This payment is already finished.', unknown: 'That is not a sandbox test card.', missing: 'No such payment page.',
    back: 'Back to Saxla: follow your order',
  },
  az: {
    title: 'Saxla sınaq ödənişi', order: 'Sifariş', amount: 'Məbləğ', card: 'Kart nömrəsi', pay: 'Ödə',
    hint: 'Sınaq kartları: 4242 4242 4242 4242 ödəyir, 4000 0000 0000 0002 rədd edilir.',
    paid: 'Ödəniş qəbul olundu. Sifarişiniz bir neçə saniyəyə aktivləşəcək.',
    declined: 'Kartınız rədd edildi. Heç nə tutulmadı. Saxla-ya qayıdıb başqa kartla yenidən cəhd edin.',
    closed: 'Bu ödəniş artıq başa çatıb.', unknown: 'Bu sınaq kartı deyil.', missing: 'Belə ödəniş səhifəsi yoxdur.',
    back: 'Saxla-ya qayıdın: sifarişinizi izləyin',
  },
  ru: {
    title: 'Тестовая оплата Saxla', order: 'Заказ', amount: 'Сумма', card: 'Номер карты', pay: 'Оплатить',
    hint: 'Тестовые карты: 4242 4242 4242 4242 оплачивает, 4000 0000 0000 0002 отклоняется.',
    paid: 'Платёж принят. Заказ будет активирован через несколько секунд.',
    declined: 'Карта отклонена. Деньги не списаны. Вернитесь в Saxla и попробуйте другую карту.',
    closed: 'Этот платёж уже завершён.', unknown: 'Это не тестовая карта.', missing: 'Такой страницы оплаты нет.',
    back: 'Вернуться в Saxla: статус заказа',
  },
  zh: {
    title: 'Saxla 沙盒支付', order: '订单', amount: '金额', card: '卡号', pay: '支付',
    hint: '测试卡：4242 4242 4242 4242 支付成功，4000 0000 0000 0002 被拒绝。',
    paid: '付款已受理，订单将在几秒内激活。', declined: '您的卡被拒绝，未扣款。请返回 Saxla 换一张卡重试。',
    closed: '此付款已完成。', unknown: '这不是沙盒测试卡。', missing: '没有此付款页面。',
    back: '返回 Saxla：查看订单状态',
  },
  tr: {
    title: 'Saxla deneme ödemesi', order: 'Sipariş', amount: 'Tutar', card: 'Kart numarası', pay: 'Öde',
    hint: 'Deneme kartları: 4242 4242 4242 4242 ödemeyi geçirir, 4000 0000 0000 0002 reddedilir.',
    paid: 'Ödeme kabul edildi. Siparişiniz birkaç saniye içinde etkinleşecek; bu sayfayı kapatabilirsiniz.',
    declined: 'Kartınız reddedildi. Hiçbir ücret alınmadı. Saxla\'ya dönüp başka bir kartla tekrar deneyin.',
    closed: 'Bu ödeme zaten tamamlandı.', unknown: 'Bu bir deneme kartı değil.', missing: 'Böyle bir ödeme sayfası yok.',
    back: 'Saxla\'ya dön: siparişinizi takip edin',
  },
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(reply: FastifyReply, status: number, locale: Locale, body: string): FastifyReply {
  const t = texts[locale];
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${escapeHtml(t.title)}</title></head><body><main><h1>${escapeHtml(t.title)}</h1>${body}</main></body></html>`;
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

function form(session: SandboxSession, locale: Locale, notice?: string): string {
  const t = texts[locale];
  const amount = session.currency === 'AZN' ? formatMoney(qepik(session.amount), locale) : `${session.amount} ${session.currency}`;
  return `<dl><dt>${t.order}</dt><dd>${escapeHtml(session.orderId)}</dd><dt>${t.amount}</dt><dd>${escapeHtml(amount)}</dd></dl>`
    + (notice ? `<p role="alert">${escapeHtml(notice)}</p>` : '')
    + `<form method="post"><p><label for="cardNumber">${t.card}</label><br>`
    + '<input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" required maxlength="23" aria-describedby="hint"></p>'
    + `<p id="hint">${escapeHtml(t.hint)}</p><p><button type="submit">${t.pay}</button></p></form>`;
}

// Like a real hosted page, it sends the customer back to the order's page on Saxla when done.
function backLink(session: SandboxSession, locale: Locale): string {
  return `<p><a href="/orders/${encodeURIComponent(session.orderId)}">${escapeHtml(texts[locale].back)}</a></p>`;
}

export async function sandboxPayRoutes(app: FastifyInstance, { sandbox }: { sandbox: SandboxProvider }): Promise<void> {
  // A payment form: never framed (clickjacking), no scripts, no sniffing, like a real provider's page.
  await registerPageSecurityHeaders(app);
  // The hosted page's form posts urlencoded; parse it here unless the app already does.
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
  }
  const params = { type: 'object', required: ['sessionId'], properties: { sessionId: { type: 'string', minLength: 1, maxLength: 64 } } } as const;

  app.get<{ Params: { sessionId: string } }>('/pay/sandbox/:sessionId', { schema: { hide: true, params } }, async (request, reply) => {
    const locale = requestLocale(request);
    const session = await sandbox.findSession(request.params.sessionId);
    if (!session) return page(reply, 404, locale, `<p>${texts[locale].missing}</p>`);
    if (session.status !== 'open') return page(reply, 200, locale, `<p>${texts[locale].closed}</p>${backLink(session, locale)}`);
    return page(reply, 200, locale, form(session, locale));
  });

  app.post<{ Params: { sessionId: string }; Body: { cardNumber?: unknown } }>('/pay/sandbox/:sessionId', { schema: { hide: true, params } }, async (request, reply) => {
    const locale = requestLocale(request);
    const t = texts[locale];
    const card = typeof request.body?.cardNumber === 'string' ? request.body.cardNumber : '';
    const session = await sandbox.findSession(request.params.sessionId);
    if (!session) return page(reply, 404, locale, `<p>${t.missing}</p>`);
    const result = await sandbox.pay(session.id, card);
    switch (result.outcome) {
      case 'succeeded':
        return page(reply, 200, locale, `<p role="status">${t.paid}</p>${backLink(result.session, locale)}`);
      case 'declined':
        return page(reply, 402, locale, `<p role="alert">${t.declined}</p>${backLink(result.session, locale)}`);
      case 'closed':
        return page(reply, 409, locale, `<p>${t.closed}</p>${backLink(result.session, locale)}`);
      case 'unknown_card':
        return page(reply, 422, locale, form(session, locale, t.unknown));
    }
  });
}
