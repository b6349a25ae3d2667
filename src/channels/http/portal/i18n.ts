// Picks the catalogue for a locale and fills {placeholders}; one function per page render.
import type { Locale } from '../../../domain/money.ts';
import { az } from './messages/az.ts';
import { en, type MessageKey, type Messages } from './messages/en.ts';
import { ru } from './messages/ru.ts';
import { zh } from './messages/zh.ts';

const catalogues: Readonly<Record<Locale, Messages>> = { az, en, ru, zh };

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, params) => {
    const text = messages[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
  };
}

/** The language's own name, shown in the switcher whatever the page language. */
export const languageNames: Readonly<Record<Locale, string>> = { az: 'Azərbaycanca', en: 'English', ru: 'Русский', zh: '中文' };

export type { MessageKey };
