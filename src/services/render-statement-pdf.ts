// A statement as PDF (A4) in the customer's language: heading, the entries as a table with the
// balance after each, and the totals. Amounts carry the code AZN, as on receipts.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { formatMoneyForSms, qepik, type Locale, type Money } from '../domain/money.ts';
import { languageScripts } from '../domain/vocabularies.ts';
import type { Statement } from './get-statement.ts';

type LabelKey = 'title' | 'number' | 'period' | 'opening' | 'broughtForward' | 'closing' | 'date' | 'what' | 'amount' | 'after' | 'none' | 'validUntil';
type Labels = Readonly<Record<LabelKey, string>> & {
  readonly kinds: Readonly<Record<string, string>>;
  /** 26.11.2026 and 12,34 AZN (day first, decimal comma) or 2026-11-26 and 12.34 AZN. */
  readonly numbers: 'day-first-comma' | 'iso-dot';
};

const labels: Readonly<Record<Locale, Labels>> = {
  en: {
    title: 'Statement', number: 'Number', period: 'Period', opening: 'Opening balance', broughtForward: 'Balance brought forward on {at}',
    closing: 'Closing balance', date: 'Date', what: 'What', amount: 'Amount', after: 'Balance after', none: 'Nothing happened on this number in this period.', validUntil: 'active until',
    kinds: { opening_balance: 'Opening balance', top_up: 'Top-up', payment: 'Payment', plan_charge: 'Plan', restore_fee: 'Restore fee', usage: 'Usage', refund: 'Refund', adjustment: 'Adjustment' },
    numbers: 'iso-dot',
  },
  az: {
    title: 'Hesabdan çıxarış', number: 'Nömrə', period: 'Dövr', opening: 'İlkin balans', broughtForward: '{at} tarixinə köçürülən balans',
    closing: 'Son balans', date: 'Tarix', what: 'Nə', amount: 'Məbləğ', after: 'Sonrakı balans', none: 'Bu müddətdə bu nömrədə heç nə olmayıb.', validUntil: 'aktivdir',
    kinds: { opening_balance: 'İlkin balans', top_up: 'Balans artırma', payment: 'Ödəniş', plan_charge: 'Tarif', restore_fee: 'Bərpa haqqı', usage: 'İstifadə', refund: 'Geri qaytarma', adjustment: 'Düzəliş' },
    numbers: 'day-first-comma',
  },
  ru: {
    title: 'Выписка', number: 'Номер', period: 'Период', opening: 'Начальный баланс', broughtForward: 'Баланс, перенесённый на {at}',
    closing: 'Конечный баланс', date: 'Дата', what: 'Операция', amount: 'Сумма', after: 'Баланс после', none: 'За этот период по номеру ничего не было.', validUntil: 'действует до',
    kinds: { opening_balance: 'Начальный баланс', top_up: 'Пополнение', payment: 'Оплата', plan_charge: 'Тариф', restore_fee: 'Плата за восстановление', usage: 'Расход', refund: 'Возврат', adjustment: 'Корректировка' },
    numbers: 'day-first-comma',
  },
  zh: {
    title: '账单', number: '号码', period: '期间', opening: '期初余额', broughtForward: '{at} 结转余额',
    closing: '期末余额', date: '日期', what: '项目', amount: '金额', after: '余额', none: '此期间该号码没有记录。', validUntil: '有效期至',
    kinds: { opening_balance: '期初余额', top_up: '充值', payment: '付款', plan_charge: '套餐', restore_fee: '恢复费', usage: '使用', refund: '退款', adjustment: '调整' },
    numbers: 'iso-dot',
  },
  tr: {
    title: 'Hesap ekstresi', number: 'Numara', period: 'Dönem', opening: 'Açılış bakiyesi', broughtForward: '{at} itibarıyla devreden bakiye',
    closing: 'Kapanış bakiyesi', date: 'Tarih', what: 'İşlem', amount: 'Tutar', after: 'Sonraki bakiye', none: 'Bu dönemde bu numarada hiçbir işlem olmadı.', validUntil: 'geçerlilik sonu',
    kinds: { opening_balance: 'Açılış bakiyesi', top_up: 'Bakiye yükleme', payment: 'Ödeme', plan_charge: 'Tarife', restore_fee: 'Geri getirme ücreti', usage: 'Kullanım', refund: 'İade', adjustment: 'Düzeltme' },
    numbers: 'day-first-comma',
  },
};

// Helvetica (built into every PDF reader) knows only Latin-1: ə and Cyrillic need a Unicode font.
// Debian's fonts-dejavu-core puts DejaVuSans here (.ci/run installs it).
const unicodeFonts = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'];
// DejaVu has no Chinese. Only with one of these CJK fonts is a Chinese statement written in
// Chinese; none is installed by .ci/run (tens of MB), so zh statements normally use English labels.
const cjkFonts: readonly { path: string; family?: string }[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/truetype/arphic/uming.ttc', family: 'AR PL UMing CN' },
];

// Without a Unicode font, Azerbaijani stays readable in Latin-1 the way people type it without
// an az keyboard; ç, ö and ü are Latin-1 already.
const azLatin1: Readonly<Record<string, string>> = { 'ə': 'e', 'Ə': 'E', 'ğ': 'g', 'Ğ': 'G', 'ı': 'i', 'İ': 'I', 'ş': 's', 'Ş': 'S' };

export function transliterateAz(text: string): string {
  return text.replace(/[əƏğĞıİşŞ]/g, (c) => azLatin1[c] ?? c);
}

interface Typeface {
  readonly labels: Labels;
  readonly lang: Locale;
  readonly font: { path: string; family?: string } | undefined;
  readonly text: (s: string) => string;
}

export function chooseTypeface(locale: Locale, exists: (path: string) => boolean = existsSync): Typeface {
  const unicode = unicodeFonts.find((f) => exists(f));
  const same = (s: string): string => s;
  const script = languageScripts[locale];
  if (script === 'han') {
    const cjk = cjkFonts.find((f) => exists(f.path));
    if (cjk) return { labels: labels[locale], lang: locale, font: cjk, text: same };
    return { labels: labels.en, lang: 'en', font: unicode ? { path: unicode } : undefined, text: same };
  }
  if (unicode) return { labels: labels[locale], lang: locale, font: { path: unicode }, text: same };
  // Latin-script languages stay in their own words, their extra letters brought to Latin-1.
  if (script === 'latin') return { labels: labels[locale], lang: locale, font: undefined, text: transliterateAz };
  return { labels: labels.en, lang: 'en', font: undefined, text: same };
}

/** "2026-11-26T10:00:00+04:00" → 26.11.2026 10:00 (az, ru) or 2026-11-26 10:00 (en, zh). */
function when(iso: string, lang: Locale, withTime: boolean): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, hm] = m;
  const date = labels[lang].numbers === 'day-first-comma' ? `${d}.${mo}.${y}` : `${y}-${mo}-${d}`;
  return withTime && hm ? `${date} ${hm}` : date;
}

const amountText = (m: Money, lang: Locale): string => {
  const text = formatMoneyForSms(qepik(m.amount));
  return labels[lang].numbers === 'day-first-comma' ? text.replace('.', ',') : text;
};

export interface StatementPdfOptions {
  readonly locale: Locale;
  /** Uncompressed content streams (tests read the text). */
  readonly uncompressed?: boolean;
  /** Which font files exist; tests pretend a bare system. */
  readonly fontExists?: (path: string) => boolean;
}

export async function renderStatementPdf(statement: Statement, options: StatementPdfOptions): Promise<Buffer> {
  const face = chooseTypeface(options.locale, options.fontExists);
  const l = face.labels;
  const t = face.text;
  const doc = new PDFDocument({ size: 'A4', margin: 40, compress: !options.uncompressed, lang: face.lang, info: { Title: `Saxla ${l.title} ${statement.msisdn}`, Author: 'Saxla' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (face.font?.family) doc.font(face.font.path, face.font.family);
  else if (face.font) doc.font(face.font.path);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const columns = [{ x: left, w: 95 }, { x: left + 100, w: width - 310 }, { x: left + width - 205, w: 100 }, { x: left + width - 100, w: 100 }];

  doc.fontSize(16).text(t(`Saxla — ${l.title}`));
  doc.moveDown(0.3);
  doc.fontSize(10).text(t(`${l.number}: ${statement.msisdn}`));
  doc.text(t(`${l.period}: ${when(statement.from, face.lang, false)} – ${when(statement.to, face.lang, false)}`));
  doc.moveDown(0.5);
  const broughtForward = !statement.openingBalanceAt.startsWith(`${statement.from}T00:00:00`);
  const openingLabel = broughtForward ? l.broughtForward.replace('{at}', when(statement.openingBalanceAt, face.lang, true)) : l.opening;
  doc.fontSize(11).text(t(`${openingLabel}: ${amountText(statement.openingBalance, face.lang)}`));
  doc.moveDown(0.5);

  const row = (cells: readonly string[], size: number): void => {
    doc.fontSize(size);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: columns[i]?.w ?? 100 }));
    const height = Math.max(...heights) + 4;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    cells.forEach((c, i) => {
      const col = columns[i];
      if (col) doc.text(c, col.x, top, { width: col.w, align: i >= 2 ? 'right' : 'left' });
    });
    doc.x = left;
    doc.y = top + height;
  };
  row([l.date, l.what, l.amount, l.after].map(t), 9);
  doc.moveTo(left, doc.y - 2).lineTo(left + width, doc.y - 2).lineWidth(0.5).stroke();
  if (statement.entries.length === 0) row([t(l.none), '', '', ''], 9);
  for (const e of statement.entries) {
    const what = `${l.kinds[e.kind] ?? e.kind}\n${e.description}${e.validUntilAfter !== e.validUntilBefore ? `, ${l.validUntil} ${when(e.validUntilAfter, face.lang, false)}` : ''}`;
    row([when(e.at, face.lang, true), t(what), amountText(e.amount, face.lang), amountText(e.balanceAfter, face.lang)], 9);
  }
  doc.moveDown(0.5);
  doc.fontSize(11).text(t(`${l.closing}: ${amountText(statement.closingBalance, face.lang)}`), left, doc.y, { width });
  doc.end();
  return done;
}
