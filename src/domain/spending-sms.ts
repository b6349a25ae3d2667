// The texts of the spending SMS: the budget's 80 % mark and one per anomaly, naming the charge
// that caused it (kind, destination, amount, day) in the line's language. No links.
import type { IsoDate } from './calendar.ts';
import type { Locale, Qepik } from './money.ts';
import { formatSmsDate, smsAmount, smsText } from './sms-templates.ts';
import type { Anomaly } from './spending-anomalies.ts';
import type { UsageKind } from './vocabularies.ts';

const usageKindWords: Readonly<Record<Locale, Readonly<Record<UsageKind | 'other', string>>>> = {
  en: { voice: 'calls', sms: 'SMS', data: 'mobile data', roaming_voice: 'calls abroad', roaming_data: 'data abroad', international: 'international calls', other: 'charges' },
  az: { voice: 'zənglər', sms: 'SMS', data: 'mobil internet', roaming_voice: 'rouminqdə zənglər', roaming_data: 'rouminqdə internet', international: 'beynəlxalq zənglər', other: 'ödənişlər' },
  ru: { voice: 'звонки', sms: 'SMS', data: 'мобильный интернет', roaming_voice: 'звонки в роуминге', roaming_data: 'интернет в роуминге', international: 'международные звонки', other: 'списания' },
  zh: { voice: '通话', sms: '短信', data: '移动数据', roaming_voice: '漫游通话', roaming_data: '漫游数据', international: '国际通话', other: '扣费' },
  tr: { voice: 'aramalar', sms: 'SMS', data: 'mobil veri', roaming_voice: 'yurt dışında aramalar', roaming_data: 'yurt dışında mobil veri', international: 'uluslararası aramalar', other: 'ücretler' },
};

export function budgetSmsText(locale: Locale, msisdn: string, spent: Qepik, budget: Qepik): string {
  // Whole percent, rounded down: the SMS never claims more than was spent.
  const percent = Math.floor((spent * 100) / budget);
  return smsText('spending_alert.budget', locale, { msisdn, spent: smsAmount(spent), budget: smsAmount(budget), percent });
}

export function anomalySmsText(locale: Locale, msisdn: string, anomaly: Anomaly): string {
  const first = anomaly.causes[0];
  const what = first?.type === 'usage' ? usageKindWords[locale][first.kind] : usageKindWords[locale].other;
  const destination = first?.type === 'usage' && first.destination !== null ? first.destination : '—';
  const largest = smsAmount(first?.amount ?? anomaly.amount);
  return smsText(`spending_alert.${anomaly.kind}`, locale, {
    msisdn, amount: smsAmount(anomaly.amount), date: formatSmsDate(anomaly.day as IsoDate, locale), what, destination, largest,
  });
}
