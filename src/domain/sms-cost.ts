// What an SMS costs a customer in each language: the parts a typical reminder takes, worked out
// with the real template and the real encoder, so the number Settings shows moves with either.
import { appendCheckCode } from './check-code.ts';
import type { IsoDate } from './calendar.ts';
import { locales, type Locale } from './money.ts';
import type { Msisdn } from './msisdn.ts';
import { milestoneSms } from './reminder-milestones.ts';
import { smsPartsFor, transliterateAzToGsm, type SmsEncoding, type SmsEncodingOptions } from './sms-encoding.ts';

/** How an SMS to a line is written: as is, or (Azerbaijani only, on request) in Latin letters GSM carries. */
export type SmsScript = 'native' | 'latin';

/** The text as it leaves for a line: Azerbaijani transliterated when the line chose Latin letters. */
export function smsTextForLine(text: string, language: Locale, azLatin: boolean): string {
  return language === 'az' && azLatin ? transliterateAzToGsm(text) : text;
}

// A 7-day reminder with the longest values a real one carries: a full national number, a
// two-digit day count and a three-digit countdown, and a check code.
const typicalLine = { msisdn: '+994501234567' as Msisdn, validUntil: '2026-12-31' as IsoDate };
const typicalFacts = { days: 30, daysToLoss: 210 };
const typicalCheckCode = 'K7M2QX';

export function typicalReminder(language: Locale, script: SmsScript = 'native'): string {
  const { text } = milestoneSms({ kind: 'reminder', days: 7 }, { ...typicalLine, language }, typicalFacts);
  return smsTextForLine(appendCheckCode(text, typicalCheckCode, language), language, script === 'latin');
}

export interface ReminderCost {
  readonly language: Locale;
  readonly script: SmsScript;
  readonly parts: number;
  readonly encoding: SmsEncoding;
}

/** Every language's typical reminder, and Azerbaijani in Latin letters too, under the SMSC's settings. */
export function reminderCosts(options: SmsEncodingOptions = {}): ReminderCost[] {
  const cost = (language: Locale, script: SmsScript): ReminderCost => {
    const { parts, encoding } = smsPartsFor(typicalReminder(language, script), options);
    return { language, script, parts, encoding };
  };
  return [...locales.map((language) => cost(language, 'native')), cost('az', 'latin')];
}
