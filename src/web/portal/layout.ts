// The frame of every page: language, the official domain in plain sight, navigation, footer.
import { locales, type Locale } from '../../domain/money.ts';
import { html, type SafeHtml } from '../kit/html.ts';
import { languageNames } from '../kit/language-choice.ts';
import { collapsibleMenu, languageSwitcher, renderDocument } from '../kit/layout.ts';
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

function navigation(ctx: PageContext, active: string | undefined): SafeHtml {
  const { t } = ctx;
  const link = (href: string, label: string): SafeHtml =>
    html`<li><a href="${href}" ${active === href ? html`aria-current="page"` : ''}>${label}</a></li>`;
  const account = ctx.signedIn
    ? [link('/dashboard', t('nav.dashboard')), link('/support', t('nav.support')), link('/settings', t('nav.settings'))]
    : [link('/login', t('nav.login')), link('/register', t('nav.register'))];
  const logout = ctx.signedIn
    ? html`<li><form method="post" action="/logout" class="inline"><button type="submit" class="link">${t('nav.logout')}</button></form></li>`
    : '';
  return html`<nav class="menu" aria-label="${t('site.menu')}"><ul>
    ${link('/', t('nav.home'))}${account}${link('/promotions', t('nav.promotions'))}${link('/stores', t('nav.stores'))}${link('/security', t('nav.security'))}
    ${ctx.demoPhone ? link('/demo-phone', t('nav.demoPhone')) : ''}${logout}
  </ul></nav>`;
}

export function renderPage(ctx: PageContext, options: PageOptions): string {
  const { t } = ctx;
  const switcher = languageSwitcher({ languages: locales, current: ctx.locale, names: languageNames, here: ctx.url, label: t('site.language') });
  // One row on a phone (brand, official address, "Menu"); the links and languages open below it.
  const menu = collapsibleMenu({ id: 'site-menu', openLabel: t('site.menuOpen'), closeLabel: t('site.menuClose'), content: html`${navigation(ctx, options.active)}${switcher}` });
  return renderDocument({
    lang: ctx.locale,
    dir: 'ltr',
    title: `${options.title} · Saxla`,
    head: html`<meta name="referrer" content="same-origin">
<link rel="stylesheet" href="/assets/portal/portal.css">
${options.head ?? ''}`,
    body: html`<a class="skip" href="#main">${t('site.skip')}</a>
<header class="top" id="site-menu">
  <div class="bar"><a href="/" class="logo">Saxla</a>
    <p class="official">${t('site.official', { domain: '' })}<strong class="domain">${ctx.domain}</strong></p>
    ${menu.toggle}</div>
  ${menu.panel}
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
<footer class="bottom"><p>${t('site.footer', { domain: ctx.domain })}</p><p>*101#</p></footer>`,
  });
}
