// The sandbox provider's page for saving a card (auto-renew), like a real provider's setup page:
// GET shows a card field, the form POST saves the test card and sends the customer back to Saxla.
// Saxla learns the outcome by asking the provider (complete), never from this page's answer.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Locale } from '../../../domain/money.ts';
import type { SandboxSavedCards } from '../../../payments/sandbox-saved-cards.ts';
import { registerPageSecurityHeaders } from '../plugins/page-security-headers.ts';
import { requestLocale } from './plans.ts';

type Key = 'title' | 'lead' | 'card' | 'hint' | 'save' | 'declined' | 'closed' | 'unknown' | 'missing' | 'back';
const texts: Readonly<Record<Locale, Readonly<Record<Key, string>>>> = {
  en: {
    title: 'Saxla sandbox: save a card', lead: 'Save a test card for automatic payments. Nothing is charged now.', card: 'Card number', save: 'Save card',
    hint: 'Test cards: 4242 4242 4242 4242 is saved and pays; 4000 0000 0000 0341 is saved but declined when charged later; 4000 0000 0000 0002 is refused.',
    declined: 'The card was refused. Nothing was saved.', closed: 'This page has already been used.', unknown: 'That is not a sandbox test card.',
    missing: 'No such page.', back: 'Back to Saxla',
  },
  az: {
    title: 'Saxla sınaq: kartı yadda saxla', lead: 'Avtomatik ödənişlər üçün sınaq kartını yadda saxlayın. İndi heç nə tutulmur.', card: 'Kart nömrəsi', save: 'Kartı yadda saxla',
    hint: 'Sınaq kartları: 4242 4242 4242 4242 saxlanılır və ödəyir; 4000 0000 0000 0341 saxlanılır, amma sonra ödənişdə rədd edilir; 4000 0000 0000 0002 qəbul edilmir.',
    declined: 'Kart qəbul edilmədi. Heç nə saxlanılmadı.', closed: 'Bu səhifə artıq istifadə olunub.', unknown: 'Bu sınaq kartı deyil.',
    missing: 'Belə səhifə yoxdur.', back: 'Saxla-ya qayıdın',
  },
  ru: {
    title: 'Песочница Saxla: сохранить карту', lead: 'Сохраните тестовую карту для автоплатежей. Сейчас ничего не списывается.', card: 'Номер карты', save: 'Сохранить карту',
    hint: 'Тестовые карты: 4242 4242 4242 4242 сохраняется и платит; 4000 0000 0000 0341 сохраняется, но позже платёж по ней отклоняется; 4000 0000 0000 0002 не принимается.',
    declined: 'Карта не принята. Ничего не сохранено.', closed: 'Эта страница уже использована.', unknown: 'Это не тестовая карта.',
    missing: 'Такой страницы нет.', back: 'Вернуться в Saxla',
  },
  zh: {
    title: 'Saxla 沙盒：保存银行卡', lead: '保存一张测试卡用于自动付款。现在不会扣款。', card: '卡号', save: '保存银行卡',
    hint: '测试卡：4242 4242 4242 4242 可保存并付款；4000 0000 0000 0341 可保存，但之后扣款会被拒绝；4000 0000 0000 0002 不被接受。',
    declined: '银行卡被拒绝，未保存任何信息。', closed: '此页面已使用过。', unknown: '这不是沙盒测试卡。',
    missing: '没有此页面。', back: '返回 Saxla',
  },
  tr: {
    title: 'Saxla deneme: kartı kaydet', lead: 'Otomatik ödemeler için bir deneme kartı kaydedin. Şimdi hiçbir ücret alınmaz.', card: 'Kart numarası', save: 'Kartı kaydet',
    hint: 'Deneme kartları: 4242 4242 4242 4242 kaydedilir ve öder; 4000 0000 0000 0341 kaydedilir ama sonraki ödemede reddedilir; 4000 0000 0000 0002 kabul edilmez.',
    declined: 'Kart kabul edilmedi. Hiçbir şey kaydedilmedi.', closed: 'Bu sayfa zaten kullanıldı.', unknown: 'Bu bir deneme kartı değil.',
    missing: 'Böyle bir sayfa yok.', back: 'Saxla\'ya dön',
  },
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(reply: FastifyReply, status: number, locale: Locale, body: string): FastifyReply {
  const t = texts[locale];
  const doc = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${escapeHtml(t.title)}</title></head><body><main><h1>${escapeHtml(t.title)}</h1>${body}</main></body></html>`;
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(doc);
}

function form(locale: Locale, notice?: string): string {
  const t = texts[locale];
  return `<p>${escapeHtml(t.lead)}</p>${notice ? `<p role="alert">${escapeHtml(notice)}</p>` : ''}`
    + `<form method="post"><p><label for="cardNumber">${t.card}</label><br>`
    + '<input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" required maxlength="23" aria-describedby="hint"></p>'
    + `<p id="hint">${escapeHtml(t.hint)}</p><p><button type="submit">${t.save}</button></p></form>`;
}

export async function sandboxSetupRoutes(app: FastifyInstance, { cards }: { cards: SandboxSavedCards }): Promise<void> {
  await registerPageSecurityHeaders(app);
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
  }
  const params = { type: 'object', required: ['setupId'], properties: { setupId: { type: 'string', minLength: 1, maxLength: 64 } } } as const;

  app.get<{ Params: { setupId: string } }>('/pay/sandbox/setup/:setupId', { schema: { hide: true, params } }, async (request, reply) => {
    const locale = requestLocale(request);
    const setup = await cards.findSetup(request.params.setupId);
    if (!setup) return page(reply, 404, locale, `<p>${texts[locale].missing}</p>`);
    if (setup.status !== 'open') return page(reply, 200, locale, `<p>${texts[locale].closed}</p><p><a href="${escapeHtml(setup.returnUrl)}">${texts[locale].back}</a></p>`);
    return page(reply, 200, locale, form(locale));
  });

  app.post<{ Params: { setupId: string }; Body: { cardNumber?: unknown } }>('/pay/sandbox/setup/:setupId', { schema: { hide: true, params } }, async (request, reply) => {
    const locale = requestLocale(request);
    const card = typeof request.body?.cardNumber === 'string' ? request.body.cardNumber : '';
    const setup = await cards.findSetup(request.params.setupId);
    if (!setup) return page(reply, 404, locale, `<p>${texts[locale].missing}</p>`);
    const result = await cards.saveCard(setup.id, card);
    if (result.outcome === 'unknown_card') return page(reply, 422, locale, form(locale, texts[locale].unknown));
    // Saved or refused, the customer goes back to Saxla, which asks the provider what happened.
    return reply.redirect(result.page.returnUrl, 303);
  });
}
