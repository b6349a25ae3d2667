// The demo phone: what each number received from the in-process SMSC simulator, newest first.
// Registered only when the simulator runs (SMPP_URL unset), so no real customer's SMS shows here.
import type { FastifyInstance } from 'fastify';
import { isDomainError } from '../../../domain/errors.ts';
import type { Locale } from '../../../domain/money.ts';
import { parseMsisdn } from '../../../domain/msisdn.ts';
import type { HttpDeps } from '../http-deps.ts';
import { inlineStyleSource, registerPageSecurityHeaders } from '../plugins/page-security-headers.ts';
import { pageLocale, rememberAskedLocale } from '../../../web/portal/locale.ts';

/** What the page reads from the simulator. */
export interface DemoPhoneMessage {
  readonly msisdn: string;
  readonly source: string;
  readonly text: string;
  readonly segments: number;
  readonly dataCoding: number;
  readonly receivedAt: string;
}

export interface DemoPhoneInbox {
  /** Newest first. */
  messagesFor(msisdn: string): readonly DemoPhoneMessage[];
  allMessages(): readonly DemoPhoneMessage[];
}

const labels: Readonly<Record<Locale, { title: string; number: string; show: string; all: string; none: string; from: string; parts: string; intro: string }>> = {
  en: { title: 'Demo phone', number: 'Phone number', show: 'Show messages', all: 'Latest messages to every number', none: 'No messages yet.', from: 'From', parts: 'parts', intro: 'What the demo SMS centre delivered. Nothing here leaves this computer.' },
  az: { title: 'Demo telefon', number: 'Telefon nömrəsi', show: 'Mesajları göstər', all: 'Bütün nömrələrə son mesajlar', none: 'Hələ mesaj yoxdur.', from: 'Göndərən', parts: 'hissə', intro: 'Demo SMS mərkəzinin çatdırdıqları. Buradakılar bu kompüterdən çıxmır.' },
  ru: { title: 'Демо-телефон', number: 'Номер телефона', show: 'Показать сообщения', all: 'Последние сообщения на все номера', none: 'Сообщений пока нет.', from: 'От', parts: 'частей', intro: 'Что доставил демо-SMS-центр. Ничто отсюда не покидает этот компьютер.' },
  zh: { title: '演示手机', number: '电话号码', show: '显示短信', all: '所有号码的最新短信', none: '暂无短信。', from: '发件人', parts: '段', intro: '演示短信中心投递的内容，不会离开这台电脑。' },
  tr: { title: 'Demo telefon', number: 'Telefon numarası', show: 'Mesajları göster', all: 'Tüm numaralara gelen son mesajlar', none: 'Henüz mesaj yok.', from: 'Gönderen', parts: 'parça', intro: 'Demo SMS merkezinin teslim ettikleri. Buradaki hiçbir şey bu bilgisayarın dışına çıkmaz.' },
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

// One constant block, so the page's CSP can allow exactly it by hash instead of any inline style.
const pageStyle = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 32rem; padding: 1rem; color: #111; background: #fff; }
  label { display: block; font-weight: 600; margin-bottom: .25rem; }
  input { font: inherit; padding: .5rem; width: 100%; box-sizing: border-box; border: 1px solid #555; border-radius: .25rem; }
  button { font: inherit; margin-top: .5rem; padding: .5rem 1rem; border: 0; border-radius: .25rem; background: #0b5394; color: #fff; }
  ol { list-style: none; padding: 0; }
  li { border: 1px solid #bbb; border-radius: .75rem; padding: .75rem; margin: .75rem 0; background: #f4f7fb; }
  .meta { margin: 0; font-size: .875rem; color: #333; }
  .text { margin: .25rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .problem { color: #a00000; }
`;

function renderPage(locale: Locale, typed: string, messages: readonly DemoPhoneMessage[], showNumber: boolean, problem: string | undefined): string {
  const l = labels[locale];
  const items = messages.map((m) => `
      <li>
        <p class="meta">${showNumber ? `<strong>${escapeHtml(m.msisdn)}</strong> · ` : ''}${escapeHtml(l.from)} ${escapeHtml(m.source)} · <time datetime="${escapeHtml(m.receivedAt)}">${escapeHtml(m.receivedAt.replace('T', ' ').slice(0, 19))}</time>${m.segments > 1 ? ` · ${m.segments} ${escapeHtml(l.parts)}` : ''}</p>
        <p class="text">${escapeHtml(m.text)}</p>
      </li>`).join('');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(l.title)} · Saxla</title>
<style>${pageStyle}</style>
</head>
<body>
<main>
  <h1>${escapeHtml(l.title)}</h1>
  <p>${escapeHtml(l.intro)}</p>
  <form method="get" action="/demo-phone">
    <input type="hidden" name="lang" value="${locale}">
    <label for="msisdn">${escapeHtml(l.number)}</label>
    <input id="msisdn" name="msisdn" type="tel" inputmode="tel" autocomplete="tel" value="${escapeHtml(typed)}"${problem ? ' aria-invalid="true" aria-describedby="msisdn-problem"' : ''}>
    ${problem ? `<p id="msisdn-problem" class="problem">${escapeHtml(problem)}</p>` : ''}
    <button type="submit">${escapeHtml(l.show)}</button>
  </form>
  <h2>${escapeHtml(showNumber ? l.all : typed)}</h2>
  ${messages.length === 0 ? `<p>${escapeHtml(l.none)}</p>` : `<ol>${items}\n  </ol>`}
</main>
</body>
</html>`;
}

const messageSchema = {
  type: 'object',
  properties: {
    msisdn: { type: 'string' }, source: { type: 'string' }, text: { type: 'string' },
    segments: { type: 'integer' }, dataCoding: { type: 'integer' }, receivedAt: { type: 'string' },
  },
} as const;

export async function demoPhoneRoutes(app: FastifyInstance, { inbox }: { deps: HttpDeps; inbox: DemoPhoneInbox }): Promise<void> {
  const view = (m: DemoPhoneMessage): DemoPhoneMessage => ({
    msisdn: m.msisdn, source: m.source, text: m.text, segments: m.segments, dataCoding: m.dataCoding, receivedAt: m.receivedAt,
  });

  app.get<{ Querystring: { msisdn?: string } }>('/api/v1/demo-phone/messages', {
    schema: {
      tags: ['demo'], summary: 'SMS the demo SMSC delivered, newest first (only while the simulator runs)',
      querystring: { type: 'object', additionalProperties: false, properties: { msisdn: { type: 'string', maxLength: 32 } } },
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: messageSchema } } } },
    },
  }, async (request) => {
    const typed = request.query.msisdn;
    const items = typed === undefined || typed.trim() === '' ? inbox.allMessages() : inbox.messagesFor(parseMsisdn(typed));
    return { items: items.map(view) };
  });

  // The page in a scope of its own with the page headers (CSP, no framing, nosniff); the JSON above stays plain.
  await app.register(async (pageScope) => {
    await registerPageSecurityHeaders(pageScope, { styleSrc: [inlineStyleSource(pageStyle)] });
    pageScope.get<{ Querystring: { msisdn?: string; lang?: string } }>('/demo-phone', {
      schema: {
        hide: true,
        querystring: { type: 'object', properties: { msisdn: { type: 'string', maxLength: 64 }, lang: { type: 'string', maxLength: 8 } } },
      },
    }, async (request, reply) => {
      const locale = pageLocale(request);
      rememberAskedLocale(request, reply);
      const typed = (request.query.msisdn ?? '').trim();
      let messages: readonly DemoPhoneMessage[] = [];
      let problem: string | undefined;
      if (typed === '') {
        messages = inbox.allMessages();
      } else {
        try {
          messages = inbox.messagesFor(parseMsisdn(typed));
        } catch (error) {
          if (!isDomainError(error)) throw error;
          problem = error.message;
        }
      }
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store')
        .send(renderPage(locale, typed, messages.map(view), typed === '', problem));
    });
  });
}
