// The frame of every page: language, the official domain in plain sight, navigation, footer.
import { locales, type Locale } from '../../../domain/money.ts';
import { html, type SafeHtml } from './html.ts';
import { languageNames } from '../page-language.ts';
import type { Translate } from './i18n.ts';

export interface PageContext {
  readonly locale: Locale;
  readonly t: Translate;
  /** Path and query of this request, to build the language links. */
  readonly url: URL;
  readonly signedIn: boolean;
  /** The SMSC simulator runs and its demo phone page exists. */
  readonly demoPhone: boolean;
  /** The official domain, written out for people to compare with their address bar. */
  readonly domain: string;
  /** The SMS sender ID customers see. */
  readonly sender: string;
}

export interface PageOptions {
  readonly title: string;
  readonly body: SafeHtml;
  /** Extra <head> content (a page's own script or a noscript refresh). */
  readonly head?: SafeHtml;
  readonly active?: string;
}

function languageLinks(ctx: PageContext): SafeHtml {
  const items = locales.map((locale) => {
    const url = new URL(ctx.url.toString());
    url.searchParams.set('lang', locale);
    const current = locale === ctx.locale;
    return html`<li><a href="${url.pathname + url.search}" hreflang="${locale}" lang="${locale}" ${current ? html`aria-current="true"` : ''}>${languageNames[locale]}</a></li>`;
  });
  return html`<nav class="langs" aria-label="${ctx.t('site.language')}"><ul>${items}</ul></nav>`;
}

function navigation(ctx: PageContext, active: string | undefined): SafeHtml {
  const { t } = ctx;
  const link = (href: string, label: string): SafeHtml =>
    html`<li><a href="${href}" ${active === href ? html`aria-current="page"` : ''}>${label}</a></li>`;
  const account = ctx.signedIn
    ? [link('/dashboard', t('nav.dashboard')), link('/settings', t('nav.settings'))]
    : [link('/login', t('nav.login')), link('/register', t('nav.register'))];
  const logout = ctx.signedIn
    ? html`<li><form method="post" action="/logout" class="inline"><button type="submit" class="link">${t('nav.logout')}</button></form></li>`
    : '';
  return html`<nav class="menu" aria-label="${t('site.menu')}"><ul>
    ${link('/', t('nav.home'))}${account}${link('/stores', t('nav.stores'))}${link('/security', t('nav.security'))}
    ${ctx.demoPhone ? link('/demo-phone', t('nav.demoPhone')) : ''}${logout}
  </ul></nav>`;
}

export function renderPage(ctx: PageContext, options: PageOptions): string {
  const { t } = ctx;
  return `<!doctype html>\n${html`<html lang="${ctx.locale}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${options.title} · Saxla</title>
<link rel="stylesheet" href="/assets/portal/portal.css">
${options.head ?? ''}
</head>
<body>
<a class="skip" href="#main">${t('site.skip')}</a>
<header class="top">
  <div class="brand"><a href="/" class="logo">Saxla</a>
    <p class="official">${t('site.official', { domain: '' })}<strong class="domain">${ctx.domain}</strong></p></div>
  ${languageLinks(ctx)}
  ${navigation(ctx, options.active)}
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
<footer class="bottom"><p>${t('site.footer', { domain: ctx.domain })}</p><p>*101#</p></footer>
</body>
</html>`.text}`;
}
