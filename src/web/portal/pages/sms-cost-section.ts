// Settings → What an SMS costs: the parts a typical reminder takes in each language (the API works
// them out from the real template with the real encoder) and, per number, the choice to get
// Azerbaijani SMS in Latin letters without ə, which makes that reminder one part.
import type { Locale } from '../../../domain/money.ts';
import { html, type SafeHtml } from '../../kit/html.ts';
import { languageNames } from '../../kit/language-choice.ts';
import { phone } from '../format.ts';
import type { PageContext } from '../layout.ts';

export interface SmsCostJson {
  readonly items: readonly { readonly language: Locale; readonly script: 'native' | 'latin'; readonly parts: number; readonly encoding: string }[];
}

export interface LineSmsOptionsJson {
  readonly msisdn: string;
  readonly language: Locale;
  readonly azLatin: boolean;
}

export interface SmsCostView {
  readonly cost: SmsCostJson;
  readonly lines: readonly LineSmsOptionsJson[];
}

/** The form field of one line's checkbox: digits only, so the name needs no escaping anywhere. */
export function latinFieldName(msisdn: string): string {
  return `latin-${msisdn.replace(/\D/g, '')}`;
}

// The letter the section is about, passed in rather than written in each catalogue: the Turkish
// catalogue is checked to hold no ə, which would mean Azerbaijani respelled.
const SCHWA = 'ə';

export function smsCostSection(ctx: PageContext, view: SmsCostView): SafeHtml {
  const { t } = ctx;
  const partsOf = (language: Locale, script: 'native' | 'latin'): number | undefined =>
    view.cost.items.find((i) => i.language === language && i.script === script)?.parts;
  const rows = view.cost.items.map((item) => {
    const name = languageNames[item.language];
    const label = item.script === 'latin' ? t('settings.latinRow', { language: name, schwa: SCHWA }) : name;
    return html`<tr><th scope="row" lang="${item.language}">${label}</th><td class="num">${item.parts}</td></tr>`;
  });
  const latin = partsOf('az', 'latin');
  const native = partsOf('az', 'native');
  const box = (line: LineSmsOptionsJson): SafeHtml => {
    const id = latinFieldName(line.msisdn);
    const note = line.language === 'az' ? '' : html` <span class="hint">(${t('settings.latinNotAz', { language: languageNames[line.language] })})</span>`;
    return html`<div class="choice">
      <input type="checkbox" id="${id}" name="${id}" value="on" ${line.azLatin ? html`checked` : ''}>
      <label for="${id}">${phone(line.msisdn)}${note}</label></div>`;
  };
  const form = view.lines.length === 0 || latin === undefined || native === undefined ? '' : html`<form method="post" action="/settings/sms" class="stack">
    <fieldset><legend>${t('settings.latinLegend', { schwa: SCHWA })}</legend>
      <p class="hint">${t('settings.latinText', { latin, native, schwa: SCHWA })}</p>
      ${view.lines.map(box)}
    </fieldset>
    <button type="submit">${t('settings.saveSms')}</button>
  </form>`;
  return html`<section class="card" aria-labelledby="sms-cost-h">
  <h2 id="sms-cost-h">${t('settings.smsCost')}</h2>
  <p>${t('settings.smsCostText', { schwa: SCHWA })}</p>
  <table class="sms-cost"><thead><tr><th scope="col">${t('settings.smsLanguage')}</th><th scope="col">${t('settings.smsParts')}</th></tr></thead>
  <tbody>${rows}</tbody></table>
  ${form}
</section>`;
}
