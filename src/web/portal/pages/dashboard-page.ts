// My numbers: balance, validity end, stage and the two countdowns in large type, readable with
// JavaScript off. Under 30 days to one-way the call to renew comes first.
import { html, type SafeHtml } from '../../kit/html.ts';
import { languageNames } from '../../kit/language-choice.ts';
import type { LineJson } from '../api-types.ts';
import { day, money, phone } from '../format.ts';
import type { PageContext } from '../layout.ts';
import { alert } from '../../kit/forms.ts';
import { accountActions } from './accounts-pages.ts';
import { autoRenewPanel, type AutoRenewJson } from './auto-renew-page.ts';
import { packsPanel, type PackJson } from './packs-panel.ts';
import { announcementsBlock, promotionsPanel, type AnnouncementJson, type PromotionJson } from './promotions-page.ts';
import { spendingPanel, type SpendingJson } from './spending-page.ts';

const URGENT_DAYS = 30;

function lineCard(ctx: PageContext, line: LineJson, autoRenew: AutoRenewJson | null | undefined, packs?: readonly PackJson[], removable = false, spending?: SpendingJson): SafeHtml {
  const { t, locale } = ctx;
  const c = line.countdown;
  const id = `line-${line.msisdn.replace(/\D/g, '')}`;
  const path = encodeURIComponent(line.msisdn);
  const urgent = c.daysUntilOneWay < URGENT_DAYS && (line.status === 'active' || line.status === 'one_way' || line.status === 'suspended');
  const storeOnly = line.status === 'quarantine' || line.status === 'recyclable';
  return html`<article class="line ${urgent ? 'urgent' : ''}" aria-labelledby="${id}">
  <h2 id="${id}">${phone(line.msisdn)}</h2>
  ${urgent ? html`<p class="alert warn">${t('cta.urgent', { msisdn: phone(line.msisdn) })}</p>` : ''}
  <div class="counts">
    ${line.status === 'active'
      ? html`<p class="count"><span class="num">${c.daysUntilOneWay}</span> <span class="what">${t('count.oneWay')}</span> <span class="when">${t('count.from', { date: day(c.oneWayFrom, locale) })}</span></p>`
      : html`<p class="count muted"><span class="what">${t('count.oneWayNow', { date: day(c.oneWayFrom, locale) })}</span></p>`}
    <p class="count"><span class="num">${c.daysUntilNumberLost}</span> <span class="what">${t('count.lost')}</span> <span class="when">${t('count.from', { date: day(c.numberLostFrom, locale) })}</span></p>
  </div>
  <dl class="facts">
    <div><dt>${t('line.balance')}</dt><dd>${money(line.balance, locale)}</dd></div>
    <div><dt>${t('line.validUntil')}</dt><dd>${day(line.validUntil, locale)}</dd></div>
    <div><dt>${t('line.stage')}</dt><dd class="stage-${line.status}">${t(`status.${line.status}`)}</dd></div>
    <div><dt>${t('line.plan')}</dt><dd>${line.planName ?? t('line.noPlan')}</dd></div>
    <div><dt>${t('line.smsLanguage')}</dt><dd lang="${line.language}"><a href="/settings#sms-language-h">${languageNames[line.language]}</a></dd></div>
  </dl>
  ${packsPanel(ctx, id, packs)}
  ${spendingPanel(ctx, spending)}
  ${autoRenew === undefined || storeOnly ? '' : autoRenewPanel(ctx, line.msisdn, autoRenew)}
  <p class="actions">
    ${storeOnly
      ? html`<a class="button" href="/stores">${t('cta.store')}</a>`
      : html`<a class="button ${urgent ? 'primary' : ''}" href="/lines/${path}/renew">${t('cta.renew')}</a>
        <a class="button secondary" href="/lines/${path}/top-up">${t('cta.topUp')}</a>
        <a class="button secondary" href="/lines/${path}/keep-until">${t('cta.keepUntil')}</a>`}
    <a class="button secondary" href="/lines/${path}/history">${t('cta.history')}</a>
    <a class="button secondary" href="/lines/${path}/spending">${t('cta.spending')}</a>
    <a class="button secondary" href="/lines/${path}/sims">${t('cta.sims')}</a>
    ${removable ? html`<a class="button secondary" href="/lines/${path}/remove">${t('cta.remove')}</a>` : ''}
  </p>
</article>`;
}

/**
 * `autoRenew`: each line's automatic payments (null: off); a line missing from it shows no panel.
 * `packs`: each line's packs this period (GET …/usage), by number; a line without any shows none.
 * `spending`: each line's spending (GET …/spending), by number; a line missing from it shows no panel.
 */
export function dashboardBody(ctx: PageContext, lines: readonly LineJson[], autoRenew: ReadonlyMap<string, AutoRenewJson | null> = new Map(),
  packs: ReadonlyMap<string, readonly PackJson[]> = new Map(), notice?: string, spending: ReadonlyMap<string, SpendingJson> = new Map(),
  promotions: { readonly offers: readonly PromotionJson[]; readonly announcements: readonly AnnouncementJson[] } = { offers: [], announcements: [] }): SafeHtml {
  const { t } = ctx;
  // The API lists the login number first; it is the one line that cannot be removed.
  return html`<h1>${t('dash.title')}</h1>
${alert(notice, 'ok')}
${announcementsBlock(ctx, promotions.announcements)}
${accountActions(ctx, lines.length)}
${lines.length === 0 ? html`<p>${t('dash.none')}</p>` : lines.map((line, i) => lineCard(ctx, line, autoRenew.get(line.msisdn), packs.get(line.msisdn), i > 0, spending.get(line.msisdn)))}
${promotionsPanel(ctx, promotions.offers)}`;
}
