// A statement as PDF (A4) in the statement's language: heading, the entries as a table with the
// balance after each, and the totals. Each entry reads as its plain description, with its reference
// below in small grey type. Amounts carry the code AZN, as on receipts (no font here has ₼).
import PDFDocument from 'pdfkit';
import { formatMoneyForSms, qepik, type Locale, type Money } from '../domain/money.ts';
import { fillText, statementTexts, type StatementTexts } from '../domain/statement-texts.ts';
import { languageScripts } from '../domain/vocabularies.ts';
import type { Statement } from './get-statement.ts';
import { findPdfFonts, PdfWriter, type PdfFonts } from './pdf-fonts.ts';

// Without a Unicode font, Azerbaijani stays readable in Latin-1 the way people type it without
// an az keyboard; ç, ö and ü are Latin-1 already.
const azLatin1: Readonly<Record<string, string>> = { 'ə': 'e', 'Ə': 'E', 'ğ': 'g', 'Ğ': 'G', 'ı': 'i', 'İ': 'I', 'ş': 's', 'Ş': 'S' };

export function transliterateAz(text: string): string {
  return text.replace(/[əƏğĞıİşŞ]/g, (c) => azLatin1[c] ?? c);
}

export interface Typeface {
  /** The language the document is written in: the one asked for, unless no installed font can print it. */
  readonly lang: Locale;
  readonly texts: StatementTexts;
  readonly fonts: PdfFonts;
  readonly text: (s: string) => string;
}

/**
 * The fonts for a language: Chinese needs Noto Sans CJK, ə and Cyrillic need DejaVu. Without them
 * a Latin-script language is brought to Latin-1 and the others fall back to English.
 */
export function chooseTypeface(locale: Locale, exists?: (path: string) => boolean): Typeface {
  const fonts = findPdfFonts(exists);
  const same = (s: string): string => s;
  const script = languageScripts[locale];
  const english = { lang: 'en' as const, texts: statementTexts.en, fonts, text: fonts.unicode ? same : transliterateAz };
  if (script === 'han') return fonts.cjk ? { lang: locale, texts: statementTexts[locale], fonts, text: same } : english;
  if (fonts.unicode) return { lang: locale, texts: statementTexts[locale], fonts, text: same };
  if (script === 'latin') return { lang: locale, texts: statementTexts[locale], fonts, text: transliterateAz };
  return english;
}

/** "2026-11-26T10:00:00+04:00" → 26.11.2026 10:00 (az, ru, tr) or 2026-11-26 10:00 (en, zh). */
function when(iso: string, texts: StatementTexts, withTime: boolean): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, hm] = m;
  const date = texts.numbers === 'day-first-comma' ? `${d}.${mo}.${y}` : `${y}-${mo}-${d}`;
  return withTime && hm ? `${date} ${hm}` : date;
}

const amountText = (m: Money, texts: StatementTexts): string => {
  const text = formatMoneyForSms(qepik(m.amount));
  return texts.numbers === 'day-first-comma' ? text.replace('.', ',') : text;
};

export interface StatementPdfOptions {
  /** Overrides the statement's own language (its `language`). */
  readonly locale?: Locale;
  /** Uncompressed content streams (tests read the text). */
  readonly uncompressed?: boolean;
  /** Which font files exist; tests pretend a bare system. */
  readonly fontExists?: (path: string) => boolean;
}

export async function renderStatementPdf(statement: Statement, options: StatementPdfOptions = {}): Promise<Buffer> {
  const face = chooseTypeface(options.locale ?? statement.language, options.fontExists);
  const tx = face.texts;
  const l = tx.labels;
  const t = face.text;
  const doc = new PDFDocument({ size: 'A4', margin: 40, bufferPages: true, compress: !options.uncompressed, lang: face.lang, info: { Title: `Saxla ${l.title} ${statement.msisdn}`, Author: 'Saxla' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const pen = new PdfWriter(doc, face.fonts, languageScripts[face.lang] === 'han' ? 'cjk' : 'latin');

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const columns = [{ x: left, w: 95 }, { x: left + 100, w: width - 310 }, { x: left + width - 205, w: 100 }, { x: left + width - 100, w: 100 }];

  doc.fontSize(16);
  pen.text(t(`Saxla — ${l.title}`));
  doc.moveDown(0.3);
  doc.fontSize(10);
  pen.text(t(`${l.number}: ${statement.msisdn}`));
  pen.text(t(`${l.period}: ${when(statement.from, tx, false)} – ${when(statement.to, tx, false)}`));
  doc.moveDown(0.5);
  const broughtForward = !statement.openingBalanceAt.startsWith(`${statement.from}T00:00:00`);
  const openingLabel = broughtForward ? fillText(l.broughtForward, { at: when(statement.openingBalanceAt, tx, true) }) : l.opening;
  doc.fontSize(11);
  pen.text(t(`${openingLabel}: ${amountText(statement.openingBalance, tx)}`));
  doc.moveDown(0.5);

  // A cell is its main text and, below it, an optional note in small grey type (the reference).
  interface Cell { readonly text: string; readonly note?: string }
  const cellHeight = (cell: Cell, w: number, size: number): number => {
    doc.fontSize(size);
    const main = pen.heightOf(cell.text, { width: w });
    if (!cell.note) return main;
    doc.fontSize(size - 2);
    return main + pen.heightOf(cell.note, { width: w });
  };
  const header: readonly Cell[] = [l.date, l.what, l.amount, l.after].map((s) => ({ text: t(s) }));
  const row = (cells: readonly Cell[], size: number): void => {
    const height = Math.max(...cells.map((c, i) => cellHeight(c, columns[i]?.w ?? 100, size))) + 4;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      // A new page repeats the column headings, so its figures still say what they are.
      doc.addPage();
      headings();
    }
    const top = doc.y;
    cells.forEach((c, i) => {
      const col = columns[i];
      if (!col) return;
      const align = i >= 2 ? 'right' : 'left';
      doc.fontSize(size).fillColor('black');
      pen.text(c.text, { width: col.w, align }, { x: col.x, y: top });
      if (c.note) {
        doc.fontSize(size - 2).fillColor('#555555');
        pen.text(c.note, { width: col.w, align });
        doc.fillColor('black');
      }
    });
    doc.x = left;
    doc.y = top + height;
  };
  function headings(): void {
    row(header, 9);
    doc.moveTo(left, doc.y - 2).lineTo(left + width, doc.y - 2).lineWidth(0.5).stroke();
  }
  headings();
  if (statement.entries.length === 0) row([{ text: t(l.none) }, { text: '' }, { text: '' }, { text: '' }], 9);
  for (const e of statement.entries) {
    const validity = e.validUntilAfter !== e.validUntilBefore ? `${face.lang === 'zh' ? '，' : ', '}${l.validUntil} ${when(e.validUntilAfter, tx, false)}` : '';
    // The statement's own language for the description; a PDF forced into another one describes the kind only.
    const description = face.lang === statement.language ? e.description : (tx.kinds[e.kind] ?? e.kind);
    row([
      { text: when(e.at, tx, true) },
      { text: t(`${description}${validity}`), ...(e.reference ? { note: t(`${l.reference}: ${e.reference}`) } : {}) },
      { text: amountText(e.amount, tx) },
      { text: amountText(e.balanceAfter, tx) },
    ], 9);
  }
  doc.moveDown(0.5);
  doc.fontSize(11);
  pen.text(t(`${l.closing}: ${amountText(statement.closingBalance, tx)}`), { width }, { x: left, y: doc.y });
  // "Page 1 of 3" under each page, once the number of pages is known (the pages are kept until now).
  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor('#555555');
    pen.text(t(fillText(l.page, { page: String(i + 1), pages: String(pages.count) })), { width, align: 'right' }, { x: left, y: doc.page.height - bottom + 12 });
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
