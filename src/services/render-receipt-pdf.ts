// The printed receipt (A6, print-friendly) in the receipt's language (the line's, at the time of
// the sale), with a QR code of the public page that checks it. Amounts are written with the code
// AZN (no font here has ₼). Chinese prints in Noto Sans CJK, everything else in DejaVu Sans, each
// run of text in the font that has its glyphs (pdf-fonts.ts).
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatInstant, instantFromEpochMs } from '../domain/calendar.ts';
import { formatMoneyForSms, isLocale, qepik, type Locale } from '../domain/money.ts';
import { languageScripts } from '../domain/vocabularies.ts';
import type { QuoteItem, QuoteDiscount } from '../db/order-repository.ts';
import type { Receipt } from '../db/receipt-repository.ts';
import { findPdfFonts, PdfWriter, type PdfFonts } from './pdf-fonts.ts';
// The statement's Azerbaijani→Latin-1 rule, so a receipt and a statement read the same without DejaVu.
import { transliterateAz } from './render-statement-pdf.ts';

type LabelKey = 'title' | 'operator' | 'store' | 'agent' | 'line' | 'plan' | 'months' | 'subtotal' | 'discount' | 'restoreFee' | 'total' | 'validUntil' | 'payment' | 'number' | 'issued' | 'verify' | 'voided';

type Labels = Readonly<Record<LabelKey, string>>;

export const receiptLabels: Readonly<Record<Locale, Labels>> = {
  en: { title: 'Receipt', operator: 'Operator', store: 'Store', agent: 'Agent', line: 'Number', plan: 'Plan', months: 'Months', subtotal: 'Subtotal', discount: 'Discount', restoreFee: 'Restore fee', total: 'Total paid', validUntil: 'Valid until', payment: 'Payment', number: 'Receipt no.', issued: 'Issued (Baku time)', verify: 'Scan to check this receipt is genuine', voided: 'VOID' },
  zh: { title: '收据', operator: '运营商', store: '门店', agent: '营业员', line: '号码', plan: '套餐', months: '月数', subtotal: '小计', discount: '优惠', restoreFee: '恢复费', total: '实付金额', validUntil: '有效期至', payment: '付款方式', number: '收据编号', issued: '开具时间（巴库时间）', verify: '扫码核验本收据真伪', voided: '已作废' },
  az: { title: 'Qəbz', operator: 'Operator', store: 'Mağaza', agent: 'Əməkdaş', line: 'Nömrə', plan: 'Tarif', months: 'Ay', subtotal: 'Məbləğ', discount: 'Endirim', restoreFee: 'Bərpa haqqı', total: 'Ödənilib', validUntil: 'Aktivdir', payment: 'Ödəniş', number: 'Qəbz №', issued: 'Tarix (Bakı vaxtı)', verify: 'Qəbzin həqiqiliyini yoxlamaq üçün skan edin', voided: 'LƏĞV EDİLİB' },
  ru: { title: 'Чек', operator: 'Оператор', store: 'Салон', agent: 'Сотрудник', line: 'Номер', plan: 'Тариф', months: 'Месяцев', subtotal: 'Сумма', discount: 'Скидка', restoreFee: 'Плата за восстановление', total: 'Оплачено', validUntil: 'Действует до', payment: 'Оплата', number: 'Чек №', issued: 'Дата (бакинское время)', verify: 'Отсканируйте, чтобы проверить подлинность чека', voided: 'АННУЛИРОВАН' },
  tr: { title: 'Makbuz', operator: 'Operatör', store: 'Mağaza', agent: 'Görevli', line: 'Numara', plan: 'Tarife', months: 'Ay', subtotal: 'Ara toplam', discount: 'İndirim', restoreFee: 'Geri getirme ücreti', total: 'Ödenen toplam', validUntil: 'Geçerlilik sonu', payment: 'Ödeme', number: 'Makbuz no.', issued: 'Düzenlenme (Bakü saati)', verify: 'Makbuzun gerçek olduğunu doğrulamak için tarayın', voided: 'İPTAL EDİLDİ' },
};

// Cyrillic in Latin letters (passport-style), for what is not a label: store and plan names.
const cyrillicLatin: Readonly<Record<string, string>> = Object.fromEntries(
  [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюя'].map((c, i) => [c, ['a', 'b', 'v', 'g', 'd', 'e', 'e', 'zh', 'z', 'i', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't', 'u', 'f', 'kh', 'ts', 'ch', 'sh', 'shch', 'ie', 'y', '', 'e', 'iu', 'ia'][i] ?? '']));

/** Latin-1 only: az as people type it without an az keyboard, Cyrillic transliterated, the rest "?". */
export function toLatin1(text: string): string {
  return transliterateAz(text)
    .replace(/[\u0400-\u04ff]/g, (c) => {
      const lower = cyrillicLatin[c.toLowerCase()] ?? '';
      return c === c.toLowerCase() ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .replace(/[^\t\n\r -\u00ff]/g, (c) => (c === '—' ? '-' : c === '№' ? 'No.' : '?'));
}

export interface ReceiptTypeface {
  readonly lang: Locale;
  readonly fonts: PdfFonts;
  readonly text: (s: string) => string;
}

/**
 * The receipt's language when an installed font prints it: Chinese with Noto Sans CJK, ə and
 * Cyrillic with DejaVu. Without them, Latin-script languages are brought to Latin-1 and the
 * others print in English.
 */
export function chooseReceiptTypeface(language: string, exists?: (path: string) => boolean): ReceiptTypeface {
  const lang: Locale = isLocale(language) ? language : 'en';
  const fonts = findPdfFonts(exists);
  const same = (s: string): string => s;
  const plain = fonts.unicode ? same : toLatin1;
  if (languageScripts[lang] === 'han') return fonts.cjk ? { lang, fonts, text: same } : { lang: 'en', fonts, text: plain };
  if (fonts.unicode) return { lang, fonts, text: same };
  return { lang: languageScripts[lang] === 'latin' ? lang : 'en', fonts, text: toLatin1 };
}

export interface ReceiptDocument {
  readonly receipt: Receipt;
  readonly storeName: string;
  readonly storeAddress: string;
  readonly agentPhone: string;
  /** The public page that checks this receipt (the QR code's target). */
  readonly verifyUrl: string;
  /** A plan's name in a language, from the catalogue; undefined: the name the quote carried. */
  readonly planName?: (code: string, locale: Locale) => string | undefined;
  /** Uncompressed content streams (tests read the text). */
  readonly uncompressed?: boolean;
  /** Which font files exist (tests pretend DejaVu is missing). */
  readonly fontExists?: (path: string) => boolean;
}

const money = (amount: number): string => formatMoneyForSms(qepik(amount));

export async function renderReceiptPdf(input: ReceiptDocument): Promise<Buffer> {
  const r = input.receipt;
  const face = chooseReceiptTypeface(r.language, input.fontExists);
  const l = receiptLabels[face.lang];
  const tx = face.text;
  const qr = await QRCode.toBuffer(input.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 160 });
  const doc = new PDFDocument({ size: 'A6', margin: 24, compress: !input.uncompressed, info: { Title: `${l.title} ${r.number}`, Author: 'Saxla' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const pen = new PdfWriter(doc, face.fonts, languageScripts[face.lang] === 'han' ? 'cjk' : 'latin');
  const row = (label: string, value: string): void => {
    doc.fontSize(8);
    pen.text(tx(`${label}: ${value}`));
  };
  doc.fontSize(14);
  pen.text(tx(`Saxla — ${l.title}`), { align: 'center' });
  if (r.voidedAt) {
    doc.fontSize(12);
    pen.text(tx(l.voided), { align: 'center' });
  }
  doc.moveDown(0.5);
  row(l.number, r.number);
  // "2026-11-26T10:00:00+04:00" → "2026-11-26 10:00": the label says it is Baku time.
  row(l.issued, formatInstant(instantFromEpochMs(r.issuedAt.getTime())).slice(0, 16).replace('T', ' '));
  row(l.operator, 'Saxla');
  row(l.store, `${input.storeName}, ${input.storeAddress}`);
  row(l.agent, input.agentPhone);
  row(l.line, r.msisdn);
  doc.moveDown(0.5);
  const sold = r.items as { items?: QuoteItem[]; discounts?: QuoteDiscount[] };
  for (const item of sold.items ?? []) {
    // The catalogue's name in the language printed (the quote's may be in another, or absent).
    const name = item.planCode ? (input.planName?.(item.planCode, face.lang) ?? item.planName ?? item.planCode) : (item.planName ?? '');
    row(l.plan, name);
    row(l.months, String(item.months ?? ''));
    row(l.subtotal, money(item.subtotal - (item.restoreFee ?? 0)));
    if (item.discount > 0) row(l.discount, `-${money(item.discount)}`);
    if (typeof item.restoreFee === 'number') row(l.restoreFee, money(item.restoreFee));
  }
  doc.moveDown(0.3);
  doc.fontSize(11);
  pen.text(tx(`${l.total}: ${money(r.amount)}`));
  row(l.validUntil, r.validUntilAfter);
  row(l.payment, `${r.paymentMethod.toUpperCase()} ${r.paymentReference}`);
  doc.moveDown(0.5);
  doc.image(qr, { fit: [90, 90], align: 'center' });
  doc.fontSize(7);
  pen.text(tx(l.verify));
  doc.fontSize(6);
  pen.text(input.verifyUrl);
  doc.end();
  return done;
}
