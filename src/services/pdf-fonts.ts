// Which font prints which character in Saxla's PDFs (statements, receipts). Helvetica, built into
// every reader, knows only Latin-1; DejaVu Sans (Debian fonts-dejavu-core) prints Latin with ə, ğ,
// ı, ş and Cyrillic but no Chinese; Noto Sans CJK (fonts-noto-cjk) prints Chinese but lacks ə, ğ, ı
// and ş. So a text is cut into runs, each written in the font that has its glyphs, and pdfkit
// embeds only the glyphs used (a subset), which keeps a Chinese statement in tens of kilobytes.
import { existsSync, readFileSync } from 'node:fs';
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;
type TextOptions = NonNullable<Parameters<Doc['text']>[1]>;

const dejavuPaths = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf', '/usr/share/fonts/dejavu/DejaVuSans.ttf'];
// A .ttc holds several faces; the simplified-Chinese one is named, as pdfkit opens collections by name.
const cjkFaces: readonly CjkFace[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
];

export interface CjkFace {
  readonly path: string;
  readonly family: string;
}

export interface PdfFonts {
  /** DejaVu Sans, or undefined: Helvetica (Latin-1) then. */
  readonly unicode: string | undefined;
  /** Noto Sans CJK, or undefined: no Chinese can be printed. */
  readonly cjk: CjkFace | undefined;
}

export function findPdfFonts(exists: (path: string) => boolean = existsSync): PdfFonts {
  return { unicode: dejavuPaths.find((p) => exists(p)), cjk: cjkFaces.find((f) => exists(f.path)) };
}

/** Han ideographs, CJK punctuation and full-width forms: what only the CJK font prints. */
export function needsCjk(codePoint: number): boolean {
  return (codePoint >= 0x2e80 && codePoint <= 0x9fff) || (codePoint >= 0xf900 && codePoint <= 0xfaff)
    || (codePoint >= 0xfe30 && codePoint <= 0xfe4f) || (codePoint >= 0xff00 && codePoint <= 0xffef)
    || (codePoint >= 0x20000 && codePoint <= 0x3134f);
}

export type FontRole = 'cjk' | 'latin';

export interface TextRun {
  readonly role: FontRole;
  readonly text: string;
}

// Noto Sans CJK also has Latin-1, basic Cyrillic and the usual dashes and quotes, but not ə, ğ, ı
// or ş: in a Chinese document only those leave the CJK font, so most lines stay in one font.
const cjkPunctuation = new Set([0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2026]);

export function cjkFontCovers(codePoint: number): boolean {
  return codePoint <= 0xff || (codePoint >= 0x400 && codePoint <= 0x45f) || cjkPunctuation.has(codePoint) || needsCjk(codePoint);
}

// Spaces, digits and ASCII punctuation print in either font: they stay in the run they follow.
const neutral = /[\s\d.,:;!?()[\]/'"+\-%]/u;

/** Splits a text into runs of one font each, keeping to the document's main font where it has the glyph. */
export function fontRuns(text: string, primary: FontRole): TextRun[] {
  const runs: { role: FontRole; text: string }[] = [];
  for (const ch of text) {
    const current = runs.at(-1);
    const cp = ch.codePointAt(0) ?? 0;
    const own: FontRole = primary === 'cjk' ? (cjkFontCovers(cp) ? 'cjk' : 'latin') : (needsCjk(cp) ? 'cjk' : 'latin');
    const role: FontRole = neutral.test(ch) ? (current?.role ?? primary) : own;
    if (current && current.role === role) current.text += ch;
    else runs.push({ role, text: ch });
  }
  return runs;
}

// pdfkit would read the font file for every document (the CJK collection is 19 MB): each process
// reads a file once and hands pdfkit the bytes, which saves about 100 ms per Chinese PDF.
const fontFiles = new Map<string, Buffer>();

function fontFile(path: string): Buffer {
  const cached = fontFiles.get(path);
  if (cached) return cached;
  const data = readFileSync(path);
  fontFiles.set(path, data);
  return data;
}

const fontNames: Readonly<Record<FontRole, string>> = { cjk: 'saxla-cjk', latin: 'saxla-latin' };

/**
 * Writes with the fonts there are. `cjkText` says whether Chinese can be printed; without DejaVu
 * the Latin runs go to Helvetica, and callers bring their text to Latin-1 first.
 */
export class PdfWriter {
  readonly cjkText: boolean;
  readonly unicodeText: boolean;
  private readonly primary: FontRole;
  private readonly doc: Doc;

  constructor(doc: Doc, fonts: PdfFonts, primary: FontRole) {
    this.doc = doc;
    this.cjkText = fonts.cjk !== undefined;
    this.unicodeText = fonts.unicode !== undefined;
    this.primary = primary === 'cjk' && fonts.cjk ? 'cjk' : 'latin';
    if (fonts.unicode) doc.registerFont(fontNames.latin, fontFile(fonts.unicode));
    else doc.registerFont(fontNames.latin, 'Helvetica');
    if (fonts.cjk) doc.registerFont(fontNames.cjk, fontFile(fonts.cjk.path), fonts.cjk.family);
    doc.font(fontNames[this.primary]);
  }

  private runs(text: string): TextRun[] {
    // Without the CJK font every run is Latin: Han characters would be boxes, so callers never send them.
    return this.cjkText ? fontRuns(text, this.primary) : [{ role: 'latin', text }];
  }

  /** Like doc.text, with each run in its font; `at` places the first line like text(s, x, y). */
  text(text: string, options: TextOptions = {}, at?: { x: number; y: number }): void {
    const runs = this.runs(text);
    // pdfkit sets each fragment's baseline by its own font's ascender (Noto CJK's is taller than
    // DejaVu's): runs of two fonts on one line share the main font's baseline instead.
    const baseline = runs.length > 1 ? { baseline: -this.ascent() } : {};
    runs.forEach((run, i) => {
      this.doc.font(fontNames[run.role]);
      const opts = { ...options, ...baseline, continued: i < runs.length - 1 };
      if (i === 0 && at) this.doc.text(run.text, at.x, at.y, opts);
      else this.doc.text(run.text, opts);
    });
    this.doc.font(fontNames[this.primary]);
  }

  /** The main font's ascent at the current size, in points (pdfkit keeps the font's metrics on `_font`). */
  private ascent(): number {
    this.doc.font(fontNames[this.primary]);
    const state = this.doc as unknown as { _font?: unknown; _fontSize?: unknown };
    const ascender = typeof state._font === 'object' && state._font !== null ? (state._font as { ascender?: unknown }).ascender : undefined;
    if (typeof ascender !== 'number' || typeof state._fontSize !== 'number') throw new Error('pdfkit no longer exposes the font metrics');
    return (ascender / 1000) * state._fontSize;
  }

  /** The height the text takes at this width, measured in the taller font it uses. */
  heightOf(text: string, options: TextOptions): number {
    const roles = new Set(this.runs(text).map((r) => r.role));
    const heights = [...roles].map((role) => {
      this.doc.font(fontNames[role]);
      return this.doc.heightOfString(text, options);
    });
    this.doc.font(fontNames[this.primary]);
    return Math.max(0, ...heights);
  }
}
