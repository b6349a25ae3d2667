// Every SMS and USSD text names only channels that exist: *101#, the stores (and no links at
// all in SMS). Saxla has no mobile app, so no text in any language may send a customer to one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineStatuses } from './lifecycle.ts';
import { locales } from './money.ts';
import { smsMessages } from './sms-templates.ts';
import { ussdTexts } from './ussd-texts.ts';

// "app" and its forms in the five languages, plus the stores' words for one ("App Store", "Play").
const appWords = /\bapp(s|lication)?\b|\bmobile app|tətbiq|proqram|приложени|апп\b|应用|app ?store|google play|uygulama/iu;

/** Every string a USSD catalogue can produce: plain strings, lists, and functions called with sample values. */
function ussdStrings(texts: object): string[] {
  const out: string[] = [];
  for (const value of Object.values(texts)) {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) out.push(...value.filter((v): v is string => typeof v === 'string'));
    else if (typeof value === 'function') {
      for (const status of lineStatuses) {
        const result: unknown = Reflect.apply(value, undefined, [status, '01.01.2027', '3', '5.00 AZN', '01.01.2027']);
        if (typeof result === 'string') out.push(result);
        else if (Array.isArray(result)) out.push(...result.filter((v): v is string => typeof v === 'string'));
      }
    }
  }
  return out;
}

test('no SMS template in any language points to an app', () => {
  for (const [id, byLocale] of Object.entries(smsMessages)) {
    for (const locale of locales) {
      const text = byLocale[locale];
      assert.ok(text !== undefined, `${id} has ${locale}`);
      assert.doesNotMatch(text, appWords, `${id}/${locale}`);
    }
  }
});

test('the reminder names the channels that exist: *101# and the stores, in every language', () => {
  const store = { en: /store/, az: /mağaza/, ru: /салон/, zh: /门店/, tr: /mağaza/ } as const;
  for (const locale of locales) {
    const text = smsMessages['reminder.before_end']?.[locale] ?? '';
    assert.match(text, /\*101#/, locale);
    assert.match(text, store[locale], locale);
  }
});

test('no USSD screen text in any language points to an app', () => {
  for (const locale of locales) {
    const texts = ussdStrings(ussdTexts[locale]);
    assert.ok(texts.length > 20, `${locale} texts were found`);
    for (const text of texts) assert.doesNotMatch(text, appWords, `${locale}: ${text}`);
  }
});

test('the scan catches each language\'s word for an app', () => {
  for (const sample of ['Renew in the Saxla app', 'Saxla tətbiqində yeniləyin', 'в приложении Saxla', '在 Saxla 应用中续期', 'Saxla uygulamasından']) {
    assert.match(sample, appWords, sample);
  }
});
