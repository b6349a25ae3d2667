// The printed receipt (A6, print-friendly) in the customer's language, with a QR code of the
// public verify URL. Amounts are written with the code AZN so every font can print them.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatInstant, instantFromEpochMs } from '../domain/calendar.ts';
import { formatMoneyForSms, isLocale, qepik, type Locale } from '../domain/money.ts';
import { languageScripts } from '../domain/vocabularies.ts';
import type { QuoteItem, QuoteDiscount } from '../db/order-repository.ts';
import type { Receipt } from '../db/receipt-repository.ts';
// The statement's Azerbaijani→Latin-1 rule, so a receipt and a statement read the same without DejaVu.
import { transliterateAz } from './render-statement-pdf.ts';

type LabelKey = 'title' | 'operator' | 'store' | 'agent' | 'line' | 'plan' | 'months' | 'subtotal' | 'discount' | 'restoreFee' | 'total' | 'validUntil' | 'payment' | 'number' | 'issued' | 'verify' | 'voided';

type Labels = Readonly<Record<LabelKey, string>>;

const en: Labels = { title: 'Receipt', operator: 'Operator', store: 'Store', agent: 'Agent', line: 'Number', plan: 'Plan', months: 'Months', subtotal: 'Subtotal', discount: 'Discount', restoreFee: 'Restore fee', total: 'Total paid', validUntil: 'Valid until', payment: 'Payment', number: 'Receipt no.', issued: 'Issued', verify: 'Scan to check this receipt is genuine', voided: 'VOID' };

// DejaVu has no Chinese and receipts embed no CJK font, so a Chinese receipt prints in English.
const labels: Readonly<Record<Locale, Labels>> = {
  en,
  zh: en,
  az: { title: 'Qəbz', operator: 'Operator', store: 'Mağaza', agent: 'Əməkdaş', line: 'Nömrə', plan: 'Tarif', months: 'Ay', subtotal: 'Məbləğ', discount: 'Endirim', restoreFee: 'Bərpa haqqı', total: 'Ödənilib', validUntil: 'Aktivdir', payment: 'Ödəniş', number: 'Qəbz №', issued: 'Tarix', verify: 'Qəbzin həqiqiliyini yoxlamaq üçün skan edin', voided: 'LƏĞV EDİLİB' },
  ru: { title: 'Чек', operator: 'Оператор', store: 'Салон', agent: 'Сотрудник', line: 'Номер', plan: 'Тариф', months: 'Месяцев', subtotal: 'Сумма', discount: 'Скидка', restoreFee: 'Плата за восстановление', total: 'Оплачено', validUntil: 'Действует до', payment: 'Оплата', number: 'Чек №', issued: 'Дата', verify: 'Отсканируйте, чтобы проверить подлинность чека', voided: 'АННУЛИРОВАН' },
  tr: { title: 'Makbuz', operator: 'Operatör', store: 'Mağaza', agent: 'Görevli', line: 'Numara', plan: 'Tarife', months: 'Ay', subtotal: 'Ara toplam', discount: 'İndirim', restoreFee: 'Geri getirme ücreti', total: 'Ödenen toplam', validUntil: 'Geçerlilik sonu', payment: 'Ödeme', number: 'Makbuz no.', issued: 'Düzenlenme', verify: 'Makbuzun gerçek olduğunu doğrulamak için tarayın', voided: 'İPTAL EDİLDİ' },
};

// Helvetica (built into every PDF reader) knows only Latin-1: ə and Cyrillic need a Unicode font,
// DejaVuSans from Debian's fonts-dejavu-core (.ci/run installs it).
const unicodeFonts = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'];

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
  readonly font: string | undefined;
  readonly text: (s: string) => string;
}

/** DejaVuSans when installed; without it, Latin-script languages (az) transliterated and ru with English labels. */
export function chooseReceiptTypeface(language: string, exists: (path: string) => boolean = existsSync): ReceiptTypeface {
  const lang = languageOf(language);
  const font = unicodeFonts.find((f) => exists(f));
  if (font) return { lang, font, text: (s) => s };
  return { lang: languageScripts[lang] === 'latin' ? lang : 'en', font: undefined, text: toLatin1 };
}

export interface ReceiptDocument {
  readonly receipt: Receipt;
  readonly storeName: string;
  readonly storeAddress: string;
  readonly agentPhone: string;
  readonly verifyUrl: string;
  /** Uncompressed content streams (tests read the text). */
  readonly uncompressed?: boolean;
  /** Which font files exist (tests pretend DejaVu is missing). */
  readonly fontExists?: (path: string) => boolean;
}

/** A receipt's language as stored; Chinese (no CJK font here) and anything unknown print in English. */
function languageOf(code: string): Locale {
  return isLocale(code) && languageScripts[code] !== 'han' ? code : 'en';
}

const money = (amount: number): string => formatMoneyForSms(qepik(amount));

export async function renderReceiptPdf(input: ReceiptDocument): Promise<Buffer> {
  const r = input.receipt;
  const face = chooseReceiptTypeface(r.language, input.fontExists);
  const l = labels[face.lang];
  const font = face.font;
  const tx = face.text;
  const qr = await QRCode.toBuffer(input.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 160 });
  const doc = new PDFDocument({ size: 'A6', margin: 24, compress: !input.uncompressed, info: { Title: `${l.title} ${r.number}`, Author: 'Saxla' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (font) doc.font(font);
  const row = (label: string, value: string): void => {
    doc.fontSize(8).text(tx(`${label}: ${value}`));
  };
  doc.fontSize(14).text(tx(`Saxla — ${l.title}`), { align: 'center' });
  if (r.voidedAt) doc.fontSize(12).text(tx(l.voided), { align: 'center' });
  doc.moveDown(0.5);
  row(l.number, r.number);
  row(l.issued, formatInstant(instantFromEpochMs(r.issuedAt.getTime())));
  row(l.operator, 'Saxla');
  row(l.store, `${input.storeName}, ${input.storeAddress}`);
  row(l.agent, input.agentPhone);
  row(l.line, r.msisdn);
  doc.moveDown(0.5);
  const sold = r.items as { items?: QuoteItem[]; discounts?: QuoteDiscount[] };
  for (const item of sold.items ?? []) {
    row(l.plan, item.planName ?? item.planCode ?? '');
    row(l.months, String(item.months ?? ''));
    row(l.subtotal, money(item.subtotal - (item.restoreFee ?? 0)));
    if (item.discount > 0) row(l.discount, `-${money(item.discount)}`);
    if (typeof item.restoreFee === 'number') row(l.restoreFee, money(item.restoreFee));
  }
  doc.moveDown(0.3);
  doc.fontSize(11).text(tx(`${l.total}: ${money(r.amount)}`));
  row(l.validUntil, r.validUntilAfter);
  row(l.payment, `${r.paymentMethod.toUpperCase()} ${r.paymentReference}`);
  doc.moveDown(0.5);
  doc.image(qr, { fit: [90, 90], align: 'center' });
  doc.fontSize(7).text(tx(l.verify));
  doc.fontSize(6).text(input.verifyUrl);
  doc.end();
  return done;
}
