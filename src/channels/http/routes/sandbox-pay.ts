// The sandbox provider's hosted page, served by Saxla at the order's paymentUrl: GET shows a card
// form, a form POST with cardNumber pays. The outcome reaches the order only by signed webhook.
// Like a real hosted page it sends the customer back to the order's page on Saxla by itself once
// the card is answered (a meta refresh: the page runs no script), with a link for anyone whose
// browser does not follow it. The page speaks the visitor's portal language (?lang=, the cookie).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatMoney, qepik, type Locale } from '../../../domain/money.ts';
import type { SandboxProvider, SandboxSession } from '../../../payments/sandbox-provider.ts';
import { alert } from '../../../web/kit/forms.ts';
import { html, type SafeHtml } from '../../../web/kit/html.ts';
import { renderDocument, sendHtml } from '../../../web/kit/layout.ts';
import { pageLocale, rememberAskedLocale } from '../../../web/portal/locale.ts';
import { registerPageSecurityHeaders } from '../plugins/page-security-headers.ts';
import { sandboxPayTexts } from './sandbox-pay-texts.ts';

/** Seconds the outcome stays on screen before the way back: long enough to read one sentence. */
export const SANDBOX_RETURN_SECONDS = 3;

// The order's success and cancel address. Saxla gives every provider one return address per order,
// its order page, which shows paid, waiting or declined (with "try again") from the order itself.
const orderPage = (session: SandboxSession): string => `/orders/${encodeURIComponent(session.orderId)}`;

interface PageParts {
  readonly status: number;
  readonly body: SafeHtml;
  /** Where the browser goes by itself after SANDBOX_RETURN_SECONDS. */
  readonly returnTo?: string;
}

function send(reply: FastifyReply, locale: Locale, parts: PageParts): FastifyReply {
  const t = sandboxPayTexts[locale];
  const refresh = parts.returnTo ? html`<meta http-equiv="refresh" content="${`${SANDBOX_RETURN_SECONDS}; url=${parts.returnTo}`}">` : '';
  const document = renderDocument({
    lang: locale,
    dir: 'ltr',
    title: t.title,
    head: html`<meta name="referrer" content="same-origin">
<link rel="stylesheet" href="/assets/portal/portal.css">
${refresh}`,
    body: html`<header class="top"><div class="brand"><span class="logo">Saxla</span><p class="official">${t.test}</p></div></header>
<main id="main"><h1>${t.title}</h1>
${parts.body}
</main>`,
  });
  return sendHtml(reply, parts.status, document);
}

function summary(session: SandboxSession, locale: Locale): SafeHtml {
  const t = sandboxPayTexts[locale];
  const amount = session.currency === 'AZN' ? formatMoney(qepik(session.amount), locale) : `${(session.amount / 100).toFixed(2)} ${session.currency}`;
  return html`<dl class="pay-summary"><dt>${t.order}</dt><dd>${session.orderId}</dd><dt>${t.amount}</dt><dd>${amount}</dd></dl>`;
}

function form(session: SandboxSession, locale: Locale, notice?: string): SafeHtml {
  const t = sandboxPayTexts[locale];
  return html`<section class="card">${summary(session, locale)}
${alert(notice)}
<form method="post" class="stack">
<div class="field"><label for="cardNumber">${t.card}</label>
<p class="hint" id="hint">${t.hint}</p>
<input id="cardNumber" name="cardNumber" type="text" inputmode="numeric" autocomplete="cc-number" required maxlength="23" aria-describedby="hint"></div>
<div class="actions"><button type="submit">${t.pay}</button><a class="button secondary" href="${orderPage(session)}">${t.cancel}</a></div>
</form></section>`;
}

/** The outcome, announced, with the way back that the meta refresh also takes. */
function outcome(session: SandboxSession, locale: Locale, message: string, kind: 'ok' | 'error' | 'info'): SafeHtml {
  const t = sandboxPayTexts[locale];
  const text = kind === 'info' ? html`<p class="alert">${message}</p>` : alert(message, kind);
  return html`<section class="card">${summary(session, locale)}${text}
<p class="note">${t.redirecting}</p>
<p><a class="button" href="${orderPage(session)}">${t.back}</a></p></section>`;
}

function localeOf(request: FastifyRequest, reply: FastifyReply): Locale {
  rememberAskedLocale(request, reply);
  return pageLocale(request);
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
    const locale = localeOf(request, reply);
    const t = sandboxPayTexts[locale];
    const session = await sandbox.findSession(request.params.sessionId);
    if (!session) return send(reply, locale, { status: 404, body: alert(t.missing) });
    if (session.status !== 'open') return send(reply, locale, { status: 200, body: outcome(session, locale, t.closed, 'info'), returnTo: orderPage(session) });
    return send(reply, locale, { status: 200, body: form(session, locale) });
  });

  app.post<{ Params: { sessionId: string }; Body: { cardNumber?: unknown } }>('/pay/sandbox/:sessionId', { schema: { hide: true, params } }, async (request, reply) => {
    const locale = localeOf(request, reply);
    const t = sandboxPayTexts[locale];
    const card = typeof request.body?.cardNumber === 'string' ? request.body.cardNumber : '';
    const session = await sandbox.findSession(request.params.sessionId);
    if (!session) return send(reply, locale, { status: 404, body: alert(t.missing) });
    const result = await sandbox.pay(session.id, card);
    switch (result.outcome) {
      case 'succeeded':
        return send(reply, locale, { status: 200, body: outcome(result.session, locale, t.paid, 'ok'), returnTo: orderPage(result.session) });
      case 'declined':
        return send(reply, locale, { status: 402, body: outcome(result.session, locale, t.declined, 'error'), returnTo: orderPage(result.session) });
      case 'closed':
        return send(reply, locale, { status: 409, body: outcome(result.session, locale, t.closed, 'info'), returnTo: orderPage(result.session) });
      case 'unknown_card':
        return send(reply, locale, { status: 422, body: form(session, locale, t.unknown) });
    }
  });
}
