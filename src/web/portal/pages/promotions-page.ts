// Promotions a visitor or customer can use now (the page and the dashboard's panel), and the
// operator's announcements. Every word comes from the API in the page's language, so the page
// only arranges them; codes stand out so they can be typed as written.
import { html, type SafeHtml } from '../../kit/html.ts';
import { day } from '../format.ts';
import type { PageContext } from '../layout.ts';

export interface PromotionJson {
  readonly code?: string;
  readonly name: string;
  readonly description: string;
  readonly validUntil: string | null;
  readonly conditions: readonly string[];
}

export interface AnnouncementJson {
  readonly id: string;
  readonly text: string;
  readonly endsOn: string;
}

function until(ctx: PageContext, offer: PromotionJson): string {
  return offer.validUntil === null ? ctx.t('promos.always') : ctx.t('promos.until', { date: day(offer.validUntil, ctx.locale) });
}

function codeLine(ctx: PageContext, offer: PromotionJson): SafeHtml {
  return offer.code === undefined
    ? html`<p class="promo-code muted">${ctx.t('promos.automatic')}</p>`
    : html`<p class="promo-code">${ctx.t('promos.code', { code: '' })}<strong><code>${offer.code}</code></strong></p>`;
}

function offerCard(ctx: PageContext, offer: PromotionJson, i: number): SafeHtml {
  const id = `promo-${i}`;
  // Without a description of its own, the description is made of conditions: not said twice.
  const conditions = offer.conditions.filter((c) => !offer.description.includes(c));
  return html`<article class="card promo" aria-labelledby="${id}">
  <h2 id="${id}">${offer.name}</h2>
  <p class="lead">${offer.description}</p>
  ${codeLine(ctx, offer)}
  <p class="note">${until(ctx, offer)}</p>
  ${conditions.length === 0 ? '' : html`<h3>${ctx.t('promos.conditions')}</h3><ul class="checks">${conditions.map((c) => html`<li>${c}</li>`)}</ul>`}
</article>`;
}

/** Announcements as one labelled region; nothing at all when there are none. */
export function announcementsBlock(ctx: PageContext, announcements: readonly AnnouncementJson[]): SafeHtml {
  if (announcements.length === 0) return html``;
  return html`<section class="announcements" aria-label="${ctx.t('announce.label')}">
${announcements.map((a) => html`<p class="alert">${a.text}</p>`)}
</section>`;
}

export function promotionsBody(ctx: PageContext, offers: readonly PromotionJson[], announcements: readonly AnnouncementJson[]): SafeHtml {
  const { t } = ctx;
  return html`<h1>${t('promos.title')}</h1>
${announcementsBlock(ctx, announcements)}
<p class="lead">${t(ctx.signedIn ? 'promos.introMine' : 'promos.intro')}</p>
${offers.length === 0 ? html`<p>${t('promos.none')}</p>` : offers.map((offer, i) => offerCard(ctx, offer, i))}
${ctx.signedIn ? html`<p class="actions"><a class="button" href="/dashboard">${t('promos.renew')}</a></p>` : ''}`;
}

/** The dashboard's short list: name, code and last day; the conditions are one link away. */
export function promotionsPanel(ctx: PageContext, offers: readonly PromotionJson[]): SafeHtml {
  if (offers.length === 0) return html``;
  const { t } = ctx;
  return html`<section class="card promos" aria-labelledby="promos-h">
  <h2 id="promos-h">${t('promos.panelTitle')}</h2>
  <ul>${offers.map((offer) => html`<li><strong>${offer.name}</strong>${offer.code === undefined ? '' : html` · <code>${offer.code}</code>`} · <span class="note">${until(ctx, offer)}</span></li>`)}</ul>
  <p><a href="/promotions">${t('promos.all')}</a></p>
</section>`;
}
