// The page a receipt's QR code opens: whether Saxla issued that receipt, and what it says (store,
// time in Baku, the number's last two digits, amount), in the receipt's language or the visitor's.
import { html, type SafeHtml } from '../../kit/html.ts';
import { alert } from '../../kit/forms.ts';
import { clockTime, day, money, type MoneyJson } from '../format.ts';
import type { PageContext } from '../layout.ts';

export interface ReceiptCheckJson {
  readonly genuine: true;
  readonly number: string;
  readonly amount: MoneyJson;
  readonly issuedAt: string;
  readonly store: { readonly id: string; readonly name: string; readonly city: string };
  readonly numberEnding: string;
  readonly voided: boolean;
}

export type ReceiptOutcome =
  | { readonly kind: 'genuine'; readonly receipt: ReceiptCheckJson }
  | { readonly kind: 'not_ours'; readonly number: string }
  | { readonly kind: 'throttled' };

export function receiptBody(ctx: PageContext, outcome: ReceiptOutcome): SafeHtml {
  const { t, locale } = ctx;
  const heading = html`<h1>${t('receipt.title')}</h1>`;
  if (outcome.kind === 'throttled') return html`${heading}${alert(t('receipt.throttled'))}`;
  if (outcome.kind === 'not_ours') {
    return html`${heading}${alert(t('receipt.notOurs', { number: outcome.number }))}<p><a href="/security">${t('nav.security')}</a></p>`;
  }
  const r = outcome.receipt;
  const store = r.store.city && !r.store.name.includes(r.store.city) ? `${r.store.name}, ${r.store.city}` : r.store.name;
  return html`${heading}
${alert(t('receipt.genuine', { number: r.number }), 'ok')}
${r.voided ? alert(t('receipt.voided')) : ''}
<dl class="facts">
  <dt>${t('receipt.store')}</dt><dd>${store}</dd>
  <dt>${t('receipt.issued')}</dt><dd>${day(r.issuedAt, locale)} ${clockTime(r.issuedAt)}</dd>
  <dt>${t('receipt.line')}</dt><dd>…${r.numberEnding}</dd>
  <dt>${t('receipt.amount')}</dt><dd>${money(r.amount, locale)}</dd>
</dl>`;
}
