// Settings → Language of our SMS: one choice per number, the language of every SMS, statement and
// receipt of it. A number has one language however many accounts manage it (the latest choice
// wins); the page language above is this visitor's own.
import { locales } from '../../../domain/money.ts';
import { html, type SafeHtml } from '../../kit/html.ts';
import { languageNames } from '../../kit/language-choice.ts';
import { select } from '../../kit/forms.ts';
import type { LineJson } from '../api-types.ts';
import { phone } from '../format.ts';
import type { PageContext } from '../layout.ts';

/** The form field of one line's choice: digits only, so the name needs no escaping anywhere. */
export function lineLanguageField(msisdn: string): string {
  return `sms-language-${msisdn.replace(/\D/g, '')}`;
}

export function lineLanguageSection(ctx: PageContext, lines: readonly Pick<LineJson, 'msisdn' | 'language'>[]): SafeHtml {
  const { t } = ctx;
  if (lines.length === 0) return html``;
  // Each language named in itself, like the sign-up form's list.
  const choices = locales.map((l) => ({ value: l, label: languageNames[l], lang: l }));
  return html`<section class="card" aria-labelledby="sms-language-h">
  <h2 id="sms-language-h">${t('settings.lineLanguage')}</h2>
  <p>${t('settings.lineLanguageText')}</p>
  <form method="post" action="/settings/line-languages" class="stack">
    ${lines.map((line) => select(lineLanguageField(line.msisdn), t('settings.lineLanguageFor', { msisdn: phone(line.msisdn) }), choices, line.language))}
    <button type="submit">${t('settings.saveLineLanguage')}</button>
  </form>
</section>`;
}
