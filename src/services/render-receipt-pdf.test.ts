// The receipt PDF in all five languages: DejaVuSans and (for Chinese) Noto Sans CJK embedded when
// installed, every label in the receipt's language, the plan's name from the catalogue in that
// language, and no empty boxes; else Helvetica with az transliterated and ru with English labels.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { pdfText, readPdfFonts } from '../../test/helpers/pdf-text.ts';
import type { Locale } from '../domain/money.ts';
import type { Receipt } from '../db/receipt-repository.ts';
import { findPdfFonts } from './pdf-fonts.ts';
import { chooseReceiptTypeface, receiptLabels, renderReceiptPdf, toLatin1 } from './render-receipt-pdf.ts';

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const none = (): boolean => false;

function receipt(language: string, planName: string): Receipt {
  return {
    number: 'BAK1-000042-K7QX', storeId: 'baku-28-may', seq: 42, orderId: 'ord_1', staffId: 'stf_1', msisdn: '+994500000001', paymentMethod: 'pos',
    paymentReference: 'rrn-612345678901', amount: 1234,
    items: { items: [{ msisdn: '+994500000001', planCode: 'SAXLA_NOMRE', planName, months: 3, unitPrice: 400, topUpAmount: null, subtotal: 1234, discount: 0, total: 1234, validUntilAfter: '2027-02-26' }], discounts: [] },
    validUntilAfter: '2027-02-26', language, issuedAt: new Date('2026-11-26T06:00:00Z'), voidedAt: null,
  };
}

const doc = (language: string, planName: string, storeName: string, fontExists?: (p: string) => boolean) => renderReceiptPdf({
  receipt: receipt(language, planName), storeName, storeAddress: 'Bakı', agentPhone: '+994700000001', verifyUrl: 'http://saxla.test/api/v1/receipts/BAK1-000042-K7QX/verify',
  uncompressed: true, ...(fontExists ? { fontExists } : {}),
});

test('the Azerbaijani receipt prints ə, ı and ş with DejaVuSans embedded', { skip: !existsSync(DEJAVU) && 'fonts-dejavu-core is not installed (apt-get install fonts-dejavu-core)' }, async () => {
  const pdf = await doc('az', 'Nömrəni saxla', '28 May filialı');
  assert.match(pdf.toString('latin1'), /FontFile2/, 'a TrueType font is embedded');
  const text = pdfText(pdf);
  for (const s of ['Saxla — Qəbz', 'Qəbz №: BAK1-000042-K7QX', 'Əməkdaş: +994700000001', 'Mağaza: 28 May filialı, Bakı', 'Tarif: Nömrəni saxla', 'Ödənilib: 12.34 AZN', 'Aktivdir: 2027-02-26', 'Qəbzin həqiqiliyini yoxlamaq üçün skan edin']) {
    assert.ok(text.includes(s), `${s} in ${text}`);
  }
});

test('the Russian receipt prints Cyrillic with DejaVuSans', { skip: !existsSync(DEJAVU) && 'fonts-dejavu-core is not installed' }, async () => {
  const text = pdfText(await doc('ru', 'Сохрани номер', 'Салон 28 Мая'));
  for (const s of ['Saxla — Чек', 'Тариф: Сохрани номер', 'Оплачено: 12.34 AZN', 'Салон: Салон 28 Мая']) assert.ok(text.includes(s), s);
});

test('without DejaVu: Helvetica, az transliterated, ru with English labels and Latin names; no font embedded', async () => {
  assert.equal(chooseReceiptTypeface('az', none).lang, 'az');
  assert.equal(chooseReceiptTypeface('ru', none).lang, 'en');
  assert.equal(chooseReceiptTypeface('ru', (p) => p === DEJAVU).lang, 'ru');
  assert.equal(toLatin1('Qəbz № — Sağ olun, Şəki'), 'Qebz No. - Sag olun, Seki');
  assert.equal(toLatin1('Сохрани номер'), 'Sokhrani nomer');
  const az = await doc('az', 'Nömrəni saxla', '28 May filialı', none);
  assert.doesNotMatch(az.toString('latin1'), /FontFile2/);
  const azText = pdfText(az);
  for (const s of ['Saxla - Qebz', 'Qebz No.: BAK1-000042-K7QX', 'Emekdas: +994700000001', 'Tarif: Nömreni saxla', 'Ödenilib: 12.34 AZN', 'Qebzin heqiqiliyini yoxlamaq üçün skan edin']) {
    assert.ok(azText.includes(s), `${s} in ${azText}`);
  }
  const ruText = pdfText(await doc('ru', 'Сохрани номер', 'Салон 28 Мая', none));
  for (const s of ['Saxla - Receipt', 'Plan: Sokhrani nomer', 'Total paid: 12.34 AZN', 'Store: Salon 28 Maia']) assert.ok(ruText.includes(s), `${s} in ${ruText}`);
});

test('the Turkish receipt: Turkish labels with DejaVuSans; transliterated without it', { skip: !existsSync(DEJAVU) && 'fonts-dejavu-core is not installed' }, async () => {
  const text = pdfText(await doc('tr', 'Numaramı Koru', '28 May filialı'));
  for (const s of ['Saxla — Makbuz', 'Makbuz no.: BAK1-000042-K7QX', 'Görevli: +994700000001', 'Tarife: Numaramı Koru', 'Ödenen toplam: 12.34 AZN', 'Geçerlilik sonu: 2027-02-26', 'Makbuzun gerçek olduğunu doğrulamak için tarayın']) {
    assert.ok(text.includes(s), `${s} in ${text}`);
  }
  assert.equal(chooseReceiptTypeface('tr', none).lang, 'tr');
  const bare = pdfText(await doc('tr', 'Numaramı Koru', '28 May filialı', none));
  for (const s of ['Saxla - Makbuz', 'Tarife: Numarami Koru', 'Ödenen toplam: 12.34 AZN']) assert.ok(bare.includes(s), `${s} in ${bare}`);
});

const expatPack: Readonly<Record<Locale, string>> = { az: 'Əcnəbi paketi', en: 'Expat Pack', ru: 'Пакет для иностранцев', zh: '外籍人士套餐', tr: 'Yabancı paketi' };
const fonts = findPdfFonts();

for (const language of ['az', 'en', 'ru', 'zh', 'tr'] as const) {
  test(`a ${language} receipt: labels in ${language}, the plan's name in ${language}, real glyphs`, { skip: (!fonts.unicode || !fonts.cjk) && 'fonts-dejavu-core and fonts-noto-cjk are needed' }, async () => {
    // The quote carried the name in another language (the page's): the receipt prints the catalogue's in its own.
    const pdf = await renderReceiptPdf({
      receipt: { ...receipt(language, 'Saxla Nömrə'), items: { items: [{ ...itemOf(receipt(language, '')), planCode: 'ECNEBI_PAKET', planName: '外籍人士套餐' }], discounts: [] } },
      storeName: '28 May filialı', storeAddress: 'Bakı, Cəfər Cabbarlı 44', agentPhone: '+994700000001', verifyUrl: 'http://saxla.test/receipts/BAK1-000042-K7QX?lang=' + language,
      planName: (code, locale) => (code === 'ECNEBI_PAKET' ? expatPack[locale] : undefined), uncompressed: true,
    });
    const { text, notdef, fonts: used } = readPdfFonts(pdf);
    const l = receiptLabels[language];
    for (const s of [`Saxla — ${l.title}`, `${l.number}: BAK1-000042-K7QX`, `${l.plan}: ${expatPack[language]}`, `${l.total}: 12.34 AZN`, `${l.validUntil}: 2027-02-26`, l.verify, `${l.store}: 28 May filialı, Bakı, Cəfər Cabbarlı 44`, `${l.issued}: 2026-11-26 10:00`,
      `${l.operator}: Saxla`, `${l.agent}: +994700000001`, `${l.line}: +994500000001`, `${l.months}: 3`, `${l.subtotal}: 12.34 AZN`, `${l.payment}: POS rrn-612345678901`]) {
      assert.ok(text.includes(s), `${language}: "${s}" in ${text}`);
    }
    assert.equal(notdef, 0, 'no empty boxes');
    assert.equal(used.some((f) => f.endsWith('+NotoSansCJKsc-Regular')), language === 'zh');
    if (language !== 'zh') assert.doesNotMatch(text, /[\u4e00-\u9fff]/, 'no Chinese plan name on a non-Chinese receipt');
  });
}

function itemOf(r: Receipt): Record<string, unknown> {
  const sold = r.items as { items: Record<string, unknown>[] };
  return sold.items[0] ?? {};
}

test('without the CJK font a Chinese receipt prints in English, with the English plan name: never boxes', async () => {
  const pdf = await renderReceiptPdf({
    receipt: receipt('zh', '外籍人士套餐'), storeName: '28 May', storeAddress: 'Baku', agentPhone: '+994700000001', verifyUrl: 'http://saxla.test/receipts/X',
    planName: (_code, locale) => (locale === 'en' ? 'Keep my number' : '保号套餐'), uncompressed: true, fontExists: (p) => p === DEJAVU,
  });
  const { text, notdef } = readPdfFonts(pdf);
  assert.ok(text.includes('Plan: Keep my number'), text);
  assert.equal(notdef, 0);
});

test('a voided restore with a discount: those labels too, in all five languages, real glyphs', { skip: (!fonts.unicode || !fonts.cjk) && 'fonts-dejavu-core and fonts-noto-cjk are needed' }, async () => {
  for (const language of ['az', 'en', 'ru', 'zh', 'tr'] as const) {
    const base = receipt(language, expatPack[language]);
    const item = { ...itemOf(base), discount: 100, restoreFee: 500, subtotal: 1834, total: 1734 };
    const pdf = await renderReceiptPdf({
      receipt: { ...base, amount: 1734, voidedAt: new Date('2026-11-26T06:05:00Z'), items: { items: [item], discounts: [] } },
      storeName: '28 May', storeAddress: 'Bakı', agentPhone: '+994700000001', verifyUrl: 'http://saxla.test/receipts/X', uncompressed: true,
    });
    const { text, notdef } = readPdfFonts(pdf);
    const l = receiptLabels[language];
    for (const s of [l.voided, `${l.discount}: -1.00 AZN`, `${l.restoreFee}: 5.00 AZN`, `${l.subtotal}: 13.34 AZN`, `${l.total}: 17.34 AZN`]) assert.ok(text.includes(s), `${language}: ${s} in ${text}`);
    assert.equal(notdef, 0, language);
  }
});
