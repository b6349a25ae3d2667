// The answer while the database is away: 503 with Retry-After, as problem+json for API clients
// and as a short page in the visitor's language for a person with a browser. The process stays
// up; the pool reconnects by itself when the database returns.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../../domain/money.ts';
import { isDatabaseOutage as isConnectionLost } from '../../../services/database-availability.ts';
import { problemFor } from '../error-map.ts';
import { pageLocale } from '../../../web/portal/locale.ts';

/** Seconds a client is asked to wait: about how long a database restart takes. */
export const DATABASE_RETRY_AFTER_S = 5;

const API_DETAIL = 'the database is unavailable for a moment; try again shortly. '
  + 'A request that moves money is safe to repeat with the same Idempotency-Key';

const texts: Readonly<Record<Locale, { title: string; body: string; again: string }>> = {
  az: { title: 'Saxla: bir az gözləyin', body: 'Xidmət bir neçə saniyəlik əlçatan deyil. Bir azdan yenidən cəhd edin.', again: 'Yenidən cəhd edin' },
  en: { title: 'Saxla: one moment', body: 'The service is unavailable for a few seconds. Please try again shortly.', again: 'Try again' },
  ru: { title: 'Saxla: минуту', body: 'Сервис недоступен несколько секунд. Попробуйте ещё раз чуть позже.', again: 'Попробовать снова' },
  zh: { title: 'Saxla：请稍候', body: '服务暂时不可用，请稍后再试。', again: '重试' },
  tr: { title: 'Saxla: bir dakika', body: 'Hizmet birkaç saniyeliğine kullanılamıyor. Lütfen biraz sonra tekrar deneyin.', again: 'Tekrar dene' },
};

/** The error means the database is away (a lost connection, a server stopping or starting). */
export function isDatabaseOutage(error: unknown): boolean {
  return isConnectionLost(error);
}

function wantsPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return !path.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
}

function localeOf(request: FastifyRequest): Locale {
  // The cookie parser runs on every request, but an error can come before it did.
  return (request.cookies as FastifyRequest['cookies'] | undefined) === undefined ? 'az' : pageLocale(request);
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

function outagePage(locale: Locale, refresh: boolean, again: string): string {
  const t = texts[locale];
  // A GET page reloads itself; a form is never posted again without the person asking.
  const meta = refresh ? `<meta http-equiv="refresh" content="${String(DATABASE_RETRY_AFTER_S * 2)}">` : '';
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${meta}`
    + `<title>${t.title}</title></head><body><main><h1>${t.title}</h1><p>${t.body}</p>`
    + `<p><a href="${escapeAttribute(again)}">${t.again}</a></p></main></body></html>`;
}

export function sendDatabaseUnavailable(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  void reply.code(503).header('retry-after', String(DATABASE_RETRY_AFTER_S));
  if (wantsPage(request)) {
    const get = request.method === 'GET';
    // One leading slash: "//evil.example/x" would be a link off-site (protocol-relative).
    const again = get ? `/${request.url.replace(/^[/\\]+/, '')}` : '/';
    return reply.type('text/html; charset=utf-8').send(outagePage(localeOf(request), get, again));
  }
  return reply.type('application/problem+json').send(problemFor('DATABASE_UNAVAILABLE', API_DETAIL));
}
