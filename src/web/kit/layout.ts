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

export interface CollapsibleMenu {
  /** The id of the header that holds the menu: the toggle links to it, so it opens by :target. */
  readonly id: string;
  readonly openLabel: string;
  readonly closeLabel: string;
  readonly content: SafeHtml;
}

/**
 * A header menu for narrow screens that needs no script: "Menu" is a link to the header itself
 * (so opening it scrolls nowhere), whose panel CSS shows while the header is the :target ("Close"
 * links away again); on wide screens the CSS shows the panel inline and hides both links. Links
 * work with a keyboard and a screen reader as they are. The header must carry `id` and hold the
 * toggle inside an element of class "bar".
 */
export function collapsibleMenu(menu: CollapsibleMenu): { readonly toggle: SafeHtml; readonly panel: SafeHtml } {
  return {
    toggle: html`<a class="menu-toggle" href="#${menu.id}"><span aria-hidden="true">☰ </span>${menu.openLabel}</a>`,
    panel: html`<div class="menu-panel">${menu.content}<a class="menu-close" href="#">${menu.closeLabel}</a></div>`,
  };
}

/** The CSS both front-ends add for collapsibleMenu: one row with a toggle below `wide`, inline above. */
export function collapsibleMenuCss(wide: string): string {
  return `.menu-toggle,.menu-close{display:inline-block;min-height:44px;line-height:44px;padding:0 .6rem;font-weight:600}
.menu-panel{display:none;flex-basis:100%}:target>.menu-panel{display:block}:target>.bar .menu-toggle{display:none}
@media (min-width:${wide}){.menu-toggle,.menu-close{display:none}.menu-panel,:target>.menu-panel{display:flex;flex-wrap:wrap;align-items:center;gap:0 1rem;flex-basis:auto}}`;
}

/** A rendered page, never cached: pages show balances, codes and people's numbers. */
export function sendHtml(reply: FastifyReply, status: number, document: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(document);
}
