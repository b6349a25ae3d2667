// "Left in your packs" on a line's card: each pack of this period with what is left of it, in the
// units people think in (minutes, SMS, MB or GB), and the day the packs renew.
import { html, type SafeHtml } from '../../kit/html.ts';
import type { Locale } from '../../../domain/money.ts';
import { day } from '../format.ts';
import type { PageContext } from '../layout.ts';

/** One item of GET /api/v1/lines/{msisdn}/usage. */
export interface PackJson {
  readonly kind: 'voice' | 'sms' | 'data' | 'roaming_voice' | 'roaming_data' | 'international';
  readonly unit: 'second' | 'message' | 'kilobyte';
  readonly included: number;
  readonly used: number;
  readonly left: number;
  readonly resetsAt: string;
}

const decimalComma: Readonly<Record<Locale, boolean>> = { az: true, en: false, ru: true, zh: false, tr: true };

/** An amount in the pack's own unit as a person reads it: whole minutes, SMS, MB below 1 GB, else GB to one decimal. */
export function packAmount(ctx: PageContext, unit: PackJson['unit'], value: number): string {
  const { t, locale } = ctx;
  if (unit === 'second') return t('packs.minutes', { n: String(Math.floor(value / 60)) });
  if (unit === 'message') return t('packs.messages', { n: String(value) });
  const mb = Math.floor(value / 1024);
  if (mb < 1024) return t('packs.mb', { n: String(mb) });
  // Tenths of a GB, rounded down, so a pack never looks fuller than it is.
  const tenths = Math.floor((mb * 10) / 1024);
  const text = `${Math.floor(tenths / 10)}${tenths % 10 === 0 ? '' : `${decimalComma[locale] ? ',' : '.'}${tenths % 10}`}`;
  return t('packs.gb', { n: text });
}

/** The panel, or nothing when the line has no pack this period. */
export function packsPanel(ctx: PageContext, msisdnId: string, packs: readonly PackJson[] | undefined): SafeHtml | '' {
  const first = packs?.[0];
  if (!packs || !first) return '';
  const { t, locale } = ctx;
  const id = `packs-${msisdnId}`;
  return html`<section class="packs" aria-labelledby="${id}">
  <h3 id="${id}">${t('packs.title')}</h3>
  <ul>
    ${packs.map((p) => html`<li><span class="what">${t(`packs.kind.${p.kind}`)}</span>
      <strong>${t('packs.left', { left: packAmount(ctx, p.unit, p.left), included: packAmount(ctx, p.unit, p.included) })}</strong>
      <meter min="0" max="${p.included}" value="${p.left}" aria-hidden="true"></meter></li>`)}
  </ul>
  <p class="muted">${t('packs.resets', { date: day(first.resetsAt, locale) })}</p>
</section>`;
}
