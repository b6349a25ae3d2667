// The *101# "my packs" screen: what is left in each pack this period, as many packs as the
// screen holds (the renewal day gives way first), in minutes, SMS, MB or GB.
import type { IsoDate } from './calendar.ts';
import type { Locale } from './money.ts';
import type { PackLeft } from './usage-rating.ts';
import { composeScreen, firstFitting, formatUssdDate } from './ussd-screen.ts';
import type { UssdTexts } from './ussd-texts.ts';

const decimalComma: Readonly<Record<Locale, boolean>> = { az: true, en: false, ru: true, zh: false, tr: true };

/** "79/100 min", "1.5/3 GB", "95/100": rounded down, so a pack never looks fuller than it is. */
function leftOf(pack: PackLeft, t: UssdTexts, locale: Locale): string {
  if (pack.unit === 'second') return `${Math.floor(pack.left / 60)}/${Math.floor(pack.included / 60)} ${t.packUnits.minutes}`;
  if (pack.unit === 'message') return `${pack.left}/${pack.included}`;
  const mb = (kb: number): number => Math.floor(kb / 1024);
  if (mb(pack.included) < 1024) return `${mb(pack.left)}/${mb(pack.included)} ${t.packUnits.mb}`;
  const gb = (kb: number): string => {
    const tenths = Math.floor((mb(kb) * 10) / 1024);
    return `${Math.floor(tenths / 10)}${tenths % 10 === 0 ? '' : `${decimalComma[locale] ? ',' : '.'}${tenths % 10}`}`;
  };
  return `${gb(pack.left)}/${gb(pack.included)} ${t.packUnits.gb}`;
}

/** The screen's text; `head` is the heading or an "invalid choice" notice in its place. */
export function packsScreenText(packs: readonly PackLeft[], t: UssdTexts, locale: Locale, head: string): string {
  const first = packs[0];
  if (!first) return composeScreen([head, t.noPacks, t.back], locale);
  const lines = packs.map((p) => `${t.packKinds[p.kind]} ${leftOf(p, t, locale)}`);
  const renew = t.packsRenew(formatUssdDate(first.resetsAt.slice(0, 10) as IsoDate, locale));
  return firstFitting([
    composeScreen([head, ...lines, renew, t.back], locale),
    ...lines.map((_, i) => composeScreen([head, ...lines.slice(0, lines.length - i), t.back], locale)),
    composeScreen([head, t.back], locale),
  ]);
}
