// The one HTML document both front-ends build their pages on: <html lang>, the head every page
// needs, a language switcher that keeps the page's own path and query, and how a page is sent.
import type { FastifyReply } from 'fastify';
import { faviconLinks } from './favicon.ts';
import { html, type SafeHtml } from './html.ts';

export interface DocumentParts {
  readonly lang: string;
  /** Written out only when given (the portal says ltr; the console leaves the default). */
  readonly dir?: 'ltr' | 'rtl';
  /** The <title>'s text and whatever else the page's head carries (stylesheets, scripts). */
  readonly title: string;
  readonly head: SafeHtml;
  readonly body: SafeHtml;
}

export function renderDocument(parts: DocumentParts): string {
  return `<!doctype html>\n${html`<html lang="${parts.lang}"${parts.dir ? html` dir="${parts.dir}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${parts.title}</title>
${faviconLinks}
${parts.head}
</head>
<body>
${parts.body}
</body>
</html>`.text}`;
}

export interface LanguageSwitcher<L extends string> {
  readonly languages: readonly L[];
  readonly current: L;
  /** Each language's name in itself. */
  readonly names: Readonly<Record<L, string>>;
  /** The page to switch on: its path and query are kept, ?lang= is set. */
  readonly here: URL;
  /** The navigation's accessible name, in the page language. */
  readonly label: string;
}

export function languageSwitcher<L extends string>(switcher: LanguageSwitcher<L>): SafeHtml {
  const items = switcher.languages.map((language) => {
    const url = new URL(switcher.here.toString());
    url.searchParams.set('lang', language);
    const current = language === switcher.current ? html` aria-current="true"` : '';
    return html`<li><a href="${url.pathname + url.search}" hreflang="${language}" lang="${language}"${current}>${switcher.names[language]}</a></li>`;
  });
  return html`<nav class="langs" aria-label="${switcher.label}"><ul>${items}</ul></nav>`;
}

/** A rendered page, never cached: pages show balances, codes and people's numbers. */
export function sendHtml(reply: FastifyReply, status: number, document: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(document);
}
