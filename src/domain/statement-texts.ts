// What a statement says, in each customer language: the document's labels (PDF, CSV headers), the
// entry kinds and the plain description of each entry. One table, so the portal's History, the
// JSON `description`, the CSV and the PDF never tell an entry differently.
import type { Locale } from './money.ts';

export type DescriptionKey =
  | 'opening' | 'topUp' | 'topUpCard' | 'topUpPaypal' | 'topUpStore'
  | 'payment' | 'payCard' | 'payPaypal' | 'payStoreCard' | 'payStoreQr'
  | 'renewal' | 'restoreFee' | 'refund' | 'refundRenewal' | 'refundPayment' | 'refundTopUp' | 'usage' | 'adjustment'
  | 'transferOut' | 'transferIn';

export type StatementLabelKey =
  | 'title' | 'number' | 'period' | 'opening' | 'broughtForward' | 'closing' | 'date' | 'what' | 'amount' | 'after' | 'none' | 'validUntil'
  | 'reference' | 'page';

export type CsvColumn = 'date' | 'kind' | 'description' | 'amount' | 'currency' | 'balance_after' | 'valid_until_before' | 'valid_until_after' | 'reference';

export interface StatementTexts {
  readonly labels: Readonly<Record<StatementLabelKey, string>>;
  readonly kinds: Readonly<Record<string, string>>;
  readonly descriptions: Readonly<Record<DescriptionKey, string>>;
  readonly csv: Readonly<Record<CsvColumn, string>> & { readonly broughtForward: string; readonly closing: string };
  /** "3 months" with the language's plural. */
  readonly months: (n: number) => string;
  /** 26.11.2026 and 12,34 AZN (day first, decimal comma) or 2026-11-26 and 12.34 AZN. */
  readonly numbers: 'day-first-comma' | 'iso-dot';
}

// Russian needs three plural forms; an abbreviation is how Russian statements write months anyway.
const ruMonths = (n: number): string => `${n} мес.`;

export const statementTexts: Readonly<Record<Locale, StatementTexts>> = {
  en: {
    labels: {
      title: 'Statement', number: 'Number', period: 'Period', opening: 'Opening balance', broughtForward: 'Balance brought forward on {at}',
      closing: 'Closing balance', date: 'Date', what: 'What', amount: 'Amount', after: 'Balance after', none: 'Nothing happened on this number in this period.',
      validUntil: 'active until', reference: 'Reference', page: 'Page {page} of {pages}',
    },
    kinds: { opening_balance: 'Opening balance', top_up: 'Top-up', payment: 'Payment', plan_charge: 'Plan', restore_fee: 'Restore fee', usage: 'Usage', refund: 'Refund', adjustment: 'Adjustment', transfer_out: 'Transfer sent', transfer_in: 'Transfer received' },
    descriptions: {
      opening: 'Opening balance', topUp: 'Top-up', topUpCard: 'Top-up by card', topUpPaypal: 'Top-up by PayPal', topUpStore: 'Top-up at {store}',
      payment: 'Payment', payCard: 'Card payment', payPaypal: 'PayPal payment', payStoreCard: 'Card payment at {store}', payStoreQr: 'QR payment at {store}',
      renewal: 'Renewal: {plan} × {months}', restoreFee: 'Fee for bringing the number back from quarantine',
      refund: 'Refund', refundRenewal: 'Refund: renewal cancelled', refundPayment: 'Refund: payment returned', refundTopUp: 'Refund: top-up returned',
      usage: 'Usage', adjustment: 'Adjustment',
      transferOut: 'Sent to {msisdn}', transferIn: 'Received from {msisdn}',
    },
    csv: {
      date: 'Date', kind: 'Kind', description: 'Description', amount: 'Amount', currency: 'Currency', balance_after: 'Balance after',
      valid_until_before: 'Active until (before)', valid_until_after: 'Active until (after)', reference: 'Reference',
      broughtForward: 'Balance brought forward', closing: 'Closing balance',
    },
    months: (n) => (n === 1 ? '1 month' : `${n} months`),
    numbers: 'iso-dot',
  },
  az: {
    labels: {
      title: 'Hesabdan çıxarış', number: 'Nömrə', period: 'Dövr', opening: 'İlkin balans', broughtForward: '{at} tarixinə köçürülən balans',
      closing: 'Son balans', date: 'Tarix', what: 'Nə', amount: 'Məbləğ', after: 'Sonrakı balans', none: 'Bu müddətdə bu nömrədə heç nə olmayıb.',
      validUntil: 'aktivdir', reference: 'İstinad', page: 'Səhifə {page} / {pages}',
    },
    kinds: { opening_balance: 'İlkin balans', top_up: 'Balans artırma', payment: 'Ödəniş', plan_charge: 'Tarif', restore_fee: 'Bərpa haqqı', usage: 'İstifadə', refund: 'Geri qaytarma', adjustment: 'Düzəliş', transfer_out: 'Göndərilən köçürmə', transfer_in: 'Alınan köçürmə' },
    descriptions: {
      opening: 'İlkin balans', topUp: 'Balans artırma', topUpCard: 'Kartla balans artırma', topUpPaypal: 'PayPal ilə balans artırma', topUpStore: 'Mağazada balans artırma: {store}',
      payment: 'Ödəniş', payCard: 'Kartla ödəniş', payPaypal: 'PayPal ilə ödəniş', payStoreCard: 'Mağazada kartla ödəniş: {store}', payStoreQr: 'Mağazada QR ilə ödəniş: {store}',
      renewal: 'Yeniləmə: {plan} × {months}', restoreFee: 'Nömrənin karantindən bərpa haqqı',
      refund: 'Geri qaytarma', refundRenewal: 'Geri qaytarma: yeniləmə ləğv edildi', refundPayment: 'Geri qaytarma: ödəniş qaytarıldı', refundTopUp: 'Geri qaytarma: balans artırma qaytarıldı',
      usage: 'İstifadə', adjustment: 'Düzəliş',
      transferOut: '{msisdn} nömrəsinə göndərildi', transferIn: '{msisdn} nömrəsindən alındı',
    },
    csv: {
      date: 'Tarix', kind: 'Növ', description: 'Təsvir', amount: 'Məbləğ', currency: 'Valyuta', balance_after: 'Sonrakı balans',
      valid_until_before: 'Aktivdir (əvvəl)', valid_until_after: 'Aktivdir (sonra)', reference: 'İstinad',
      broughtForward: 'Köçürülən balans', closing: 'Son balans',
    },
    months: (n) => `${n} ay`,
    numbers: 'day-first-comma',
  },
  ru: {
    labels: {
      title: 'Выписка', number: 'Номер', period: 'Период', opening: 'Начальный баланс', broughtForward: 'Баланс, перенесённый на {at}',
      closing: 'Конечный баланс', date: 'Дата', what: 'Операция', amount: 'Сумма', after: 'Баланс после', none: 'За этот период по номеру ничего не было.',
      validUntil: 'действует до', reference: 'Референс', page: 'Страница {page} из {pages}',
    },
    kinds: { opening_balance: 'Начальный баланс', top_up: 'Пополнение', payment: 'Оплата', plan_charge: 'Тариф', restore_fee: 'Плата за восстановление', usage: 'Расход', refund: 'Возврат', adjustment: 'Корректировка', transfer_out: 'Перевод отправлен', transfer_in: 'Перевод получен' },
    descriptions: {
      opening: 'Начальный баланс', topUp: 'Пополнение', topUpCard: 'Пополнение картой', topUpPaypal: 'Пополнение через PayPal', topUpStore: 'Пополнение в салоне: {store}',
      payment: 'Оплата', payCard: 'Оплата картой', payPaypal: 'Оплата через PayPal', payStoreCard: 'Оплата картой в салоне: {store}', payStoreQr: 'Оплата по QR-коду в салоне: {store}',
      renewal: 'Продление: {plan} × {months}', restoreFee: 'Плата за восстановление номера из карантина',
      refund: 'Возврат', refundRenewal: 'Возврат: продление отменено', refundPayment: 'Возврат: оплата возвращена', refundTopUp: 'Возврат: пополнение возвращено',
      usage: 'Расход', adjustment: 'Корректировка',
      transferOut: 'Отправлено на {msisdn}', transferIn: 'Получено с {msisdn}',
    },
    csv: {
      date: 'Дата', kind: 'Тип', description: 'Описание', amount: 'Сумма', currency: 'Валюта', balance_after: 'Баланс после',
      valid_until_before: 'Действует до (до операции)', valid_until_after: 'Действует до (после операции)', reference: 'Референс',
      broughtForward: 'Перенесённый баланс', closing: 'Конечный баланс',
    },
    months: ruMonths,
    numbers: 'day-first-comma',
  },
  zh: {
    labels: {
      title: '账单', number: '号码', period: '期间', opening: '期初余额', broughtForward: '{at} 结转余额',
      closing: '期末余额', date: '日期', what: '项目', amount: '金额', after: '余额', none: '此期间该号码没有记录。',
      validUntil: '有效期至', reference: '参考号', page: '第 {page} 页，共 {pages} 页',
    },
    kinds: { opening_balance: '期初余额', top_up: '充值', payment: '付款', plan_charge: '套餐', restore_fee: '恢复费', usage: '用量', refund: '退款', adjustment: '调整', transfer_out: '转出', transfer_in: '转入' },
    descriptions: {
      opening: '期初余额', topUp: '充值', topUpCard: '银行卡充值', topUpPaypal: 'PayPal 充值', topUpStore: '门店充值：{store}',
      payment: '付款', payCard: '银行卡付款', payPaypal: 'PayPal 付款', payStoreCard: '门店刷卡付款：{store}', payStoreQr: '门店扫码付款：{store}',
      renewal: '续费：{plan} × {months}', restoreFee: '号码解除隔离恢复费',
      refund: '退款', refundRenewal: '退款：续费已取消', refundPayment: '退款：付款已退回', refundTopUp: '退款：充值已退回',
      usage: '用量', adjustment: '调整',
      transferOut: '转给 {msisdn}', transferIn: '来自 {msisdn}',
    },
    csv: {
      date: '日期', kind: '类型', description: '说明', amount: '金额', currency: '币种', balance_after: '余额',
      valid_until_before: '原有效期至', valid_until_after: '新有效期至', reference: '参考号',
      broughtForward: '结转余额', closing: '期末余额',
    },
    months: (n) => `${n} 个月`,
    numbers: 'iso-dot',
  },
  tr: {
    labels: {
      title: 'Hesap ekstresi', number: 'Numara', period: 'Dönem', opening: 'Açılış bakiyesi', broughtForward: '{at} itibarıyla devreden bakiye',
      closing: 'Kapanış bakiyesi', date: 'Tarih', what: 'İşlem', amount: 'Tutar', after: 'Sonraki bakiye', none: 'Bu dönemde bu numarada hiçbir işlem olmadı.',
      validUntil: 'geçerlilik sonu', reference: 'Referans', page: 'Sayfa {page} / {pages}',
    },
    kinds: { opening_balance: 'Açılış bakiyesi', top_up: 'Bakiye yükleme', payment: 'Ödeme', plan_charge: 'Tarife', restore_fee: 'Geri getirme ücreti', usage: 'Kullanım', refund: 'İade', adjustment: 'Düzeltme', transfer_out: 'Gönderilen transfer', transfer_in: 'Alınan transfer' },
    descriptions: {
      opening: 'Açılış bakiyesi', topUp: 'Bakiye yükleme', topUpCard: 'Kartla bakiye yükleme', topUpPaypal: 'PayPal ile bakiye yükleme', topUpStore: 'Mağazada bakiye yükleme: {store}',
      payment: 'Ödeme', payCard: 'Kartla ödeme', payPaypal: 'PayPal ile ödeme', payStoreCard: 'Mağazada kartla ödeme: {store}', payStoreQr: 'Mağazada QR ile ödeme: {store}',
      renewal: 'Yenileme: {plan} × {months}', restoreFee: 'Numarayı karantinadan geri getirme ücreti',
      refund: 'İade', refundRenewal: 'İade: yenileme iptal edildi', refundPayment: 'İade: ödeme geri gönderildi', refundTopUp: 'İade: bakiye yükleme geri alındı',
      usage: 'Kullanım', adjustment: 'Düzeltme',
      transferOut: '{msisdn} numarasına gönderildi', transferIn: '{msisdn} numarasından alındı',
    },
    csv: {
      date: 'Tarih', kind: 'Tür', description: 'Açıklama', amount: 'Tutar', currency: 'Para birimi', balance_after: 'Sonraki bakiye',
      valid_until_before: 'Geçerlilik sonu (önce)', valid_until_after: 'Geçerlilik sonu (sonra)', reference: 'Referans',
      broughtForward: 'Devreden bakiye', closing: 'Kapanış bakiyesi',
    },
    months: (n) => `${n} ay`,
    numbers: 'day-first-comma',
  },
};

/** Fills {name} placeholders; a missing value leaves the placeholder visible rather than "undefined". */
export function fillText(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
