// Picks the portal's catalogue for a locale; one function per page render.
import type { Locale } from '../../domain/money.ts';
import { translatorFor, type Translator } from '../kit/translator.ts';
import { az } from './messages/az.ts';
import { en, type MessageKey, type Messages } from './messages/en.ts';
import { ru } from './messages/ru.ts';
import { tr } from './messages/tr.ts';
import { zh } from './messages/zh.ts';

const catalogues: Readonly<Record<Locale, Messages>> = { az, en, ru, zh, tr };

export type Translate = Translator<MessageKey>;

export function translator(locale: Locale): Translate {
  return translatorFor(catalogues[locale]);
}

export type { MessageKey };
