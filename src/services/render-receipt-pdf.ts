// The printed receipt (A6, print-friendly) in the customer's language, with a QR code of the
// public verify URL. Amounts are written with the code AZN so every font can print them.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatInstant, instantFromEpochMs } from '../domain/calendar.ts';
import { formatMoneyForSms, qepik } from '../domain/money.ts';
import type { QuoteItem, QuoteDiscount } from '../db/order-repository.ts';
import type { Receipt } from './issue-receipt.ts';

type ReceiptLanguage = 'az' | 'en' | 'ru';

type LabelKey = 'title' | 'operator' | 'store' | 'agent' | 'line' | 'plan' | 'months' | 'subtotal' | 'discount' | 'restoreFee' | 'total' | 'validUntil' | 'payment' | 'number' | 'issued' | 'verify' | 'voided';

const labels: Readonly<Record<ReceiptLanguage, Readonly<Record<LabelKey, string>>>> = {
  en: { title: 'Receipt', operator: 'Operator', store: 'Store', agent: 'Agent', line: 'Number', plan: 'Plan', months: 'Months', subtotal: 'Subtotal', discount: 'Discount', restoreFee: 'Restore fee', total: 'Total paid', validUntil: 'Valid until', payment: 'Payment', number: 'Receipt no.', issued: 'Issued', verify: 'Scan to check this receipt is genuine', voided: 'VOID' },
  az: { title: 'Qəbz', operator: 'Operator', store: 'Mağaza', agent: 'Əməkdaş', line: 'Nömrə', plan: 'Tarif', months: 'Ay', subtotal: 'Məbləğ', discount: 'Endirim', restoreFee: 'Bərpa haqqı', total: 'Ödənilib', validUntil: 'Aktivdir', payment: 'Ödəniş', number: 'Qəbz №', issued: 'Tarix', verify: 'Qəbzin həqiqiliyini yoxlamaq üçün skan edin', voided: 'LƏĞV EDİLİB' },
  ru: { title: 'Чек', operator: 'Оператор', store: 'Салон', agent: 'Сотрудник', line: 'Номер', plan: 'Тариф', months: 'Месяцев', subtotal: 'Сумма', discount: 'Скидка', restoreFee: 'Плата за восстановление', total: 'Оплачено', validUntil: 'Действует до', payment: 'Оплата', number: 'Чек №', issued: 'Дата', verify: 'Отсканируйте, чтобы проверить подлинность чека', voided: 'АННУЛИРОВАН' },
};

// Latin-1 fonts cannot print ə or Cyrillic; a Unicode TrueType font is used when the system has one.
const unicodeFonts = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'];

export interface ReceiptDocument {
  readonly receipt: Receipt;
  readonly storeName: string;
  readonly storeAddress: string;
  readonly agentPhone: string;
  readonly verifyUrl: string;
  /** Uncompressed content streams (tests read the text). */
  readonly uncompressed?: boolean;
}

function languageOf(code: string): ReceiptLanguage {
  return code === 'az' || code === 'ru' ? code : 'en';
}

const money = (amount: number): string => formatMoneyForSms(qepik(amount));

export async function renderReceiptPdf(input: ReceiptDocument): Promise<Buffer> {
  const r = input.receipt;
  const lang = languageOf(r.language);
  const l = labels[lang];
  const font = lang === 'en' ? undefined : unicodeFonts.find((f) => existsSync(f));
  const qr = await QRCode.toBuffer(input.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 160 });
  const doc = new PDFDocument({ size: 'A6', margin: 24, compress: !input.uncompressed, info: { Title: `${l.title} ${r.number}`, Author: 'Saxla' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (font) doc.font(font);
  const row = (label: string, value: string): void => {
    doc.fontSize(8).text(`${label}: ${value}`);
  };
  doc.fontSize(14).text(`Saxla — ${l.title}`, { align: 'center' });
  if (r.voidedAt) doc.fontSize(12).text(l.voided, { align: 'center' });
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
  doc.fontSize(11).text(`${l.total}: ${money(r.amount)}`);
  row(l.validUntil, r.validUntilAfter);
  row(l.payment, `${r.paymentMethod.toUpperCase()} ${r.paymentReference}`);
  doc.moveDown(0.5);
  doc.image(qr, { fit: [90, 90], align: 'center' });
  doc.fontSize(7).text(l.verify);
  doc.fontSize(6).text(input.verifyUrl);
  doc.end();
  return done;
}
