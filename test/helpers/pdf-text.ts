// The text a PDF shows, for assertions: pdfkit writes text as hex strings, as character codes
// with a standard font and as glyph ids mapped back through the ToUnicode CMap with an embedded one.
import { inflateSync } from 'node:zlib';

function streamsOf(pdf: Buffer): string[] {
  const out: string[] = [];
  for (const m of pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const raw = m[1] ?? '';
    try {
      out.push(inflateSync(Buffer.from(raw, 'latin1')).toString('latin1'));
    } catch {
      out.push(raw);
    }
  }
  return out;
}

function toUnicodeMaps(streams: readonly string[]): Map<number, string>[] {
  return streams.filter((s) => s.includes('beginbfrange')).map((cmap) => {
    const map = new Map<number, string>();
    for (const range of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/gi)) {
      let code = Number.parseInt(range[1] ?? '0', 16);
      for (const target of (range[2] ?? '').matchAll(/<([0-9a-f ]+)>/gi)) {
        const units = (target[1] ?? '').split(' ').map((h) => Number.parseInt(h, 16));
        map.set(code, String.fromCharCode(...units));
        code += 1;
      }
    }
    return map;
  });
}

/** Every text run decoded both ways (standard font and each embedded font), joined. */
export function pdfText(pdf: Buffer): string {
  const streams = streamsOf(pdf);
  const maps = toUnicodeMaps(streams);
  const out: string[] = [];
  for (const content of streams.filter((s) => !s.includes('beginbfrange'))) {
    const runs = [...content.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => m[1] ?? '');
    out.push(runs.map((hex) => Buffer.from(hex, 'hex').toString('latin1')).join(''));
    for (const map of maps) {
      out.push(runs.map((hex) => (hex.match(/.{4}/g) ?? []).map((c) => map.get(Number.parseInt(c, 16)) ?? '').join('')).join(''));
    }
  }
  return out.join('\n');
}

export interface PdfFontReading {
  /** The text as printed, each run decoded through its own font (embedded: its ToUnicode CMap). */
  readonly text: string;
  /** Glyphs drawn as .notdef (glyph 0, the empty box) with an embedded font: characters the font lacks. */
  readonly notdef: number;
  /** The fonts used, by their PDF names (`/BaseFont`), e.g. `AAAAAA+NotoSansCJKsc-Regular`. */
  readonly fonts: readonly string[];
}

interface PdfObject { readonly dict: string; readonly stream: string | undefined }

function objectsOf(pdf: Buffer): Map<string, PdfObject> {
  const objects = new Map<string, PdfObject>();
  for (const m of pdf.toString('latin1').matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2] ?? '';
    const at = body.search(/stream\r?\n/);
    const dict = at < 0 ? body : body.slice(0, at);
    let stream: string | undefined;
    if (at >= 0) {
      const raw = body.slice(body.indexOf('\n', at) + 1).replace(/\r?\nendstream\s*$/, '');
      stream = dict.includes('/FlateDecode') ? inflateSync(Buffer.from(raw, 'latin1')).toString('latin1') : raw;
    }
    objects.set(m[1] ?? '', { dict, stream });
  }
  return objects;
}

/**
 * Reads a pdfkit PDF (compressed or not) the way a viewer would: which font each text run uses and
 * what its glyphs mean. Runs are joined without separators; assert on text that fits on one line.
 */
export function readPdfFonts(pdf: Buffer): PdfFontReading {
  const objects = objectsOf(pdf);
  const cmapOf = (id: string): Map<number, string> | undefined => {
    const cmap = objects.get(id)?.stream;
    return cmap === undefined ? undefined : toUnicodeMaps([cmap])[0];
  };
  // Resource name (/F1) → its font: pdfkit names fonts once for the whole document.
  const fonts = new Map<string, { base: string; map: Map<number, string> | undefined }>();
  for (const obj of objects.values()) {
    for (const f of obj.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(f[2] ?? '')?.dict ?? '';
      const base = /\/BaseFont \/(\S+)/.exec(font)?.[1] ?? '?';
      const unicode = /\/ToUnicode (\d+) 0 R/.exec(font)?.[1];
      fonts.set(f[1] ?? '', { base, map: unicode === undefined ? undefined : cmapOf(unicode) });
    }
  }
  const used = new Set<string>();
  let text = '';
  let notdef = 0;
  for (const obj of objects.values()) {
    const content = obj.stream;
    if (content === undefined || !/\bTf\b/.test(content) || !/\bBT\b/.test(content)) continue;
    let current: { base: string; map: Map<number, string> | undefined } | undefined;
    for (const token of content.matchAll(/\/(F\d+) [\d.]+ Tf|<([0-9a-fA-F]*)>/g)) {
      if (token[1] !== undefined) {
        current = fonts.get(token[1]);
        if (current) used.add(current.base);
        continue;
      }
      const hex = token[2] ?? '';
      if (!current?.map) {
        text += Buffer.from(hex, 'hex').toString('latin1');
        continue;
      }
      for (const code of hex.match(/.{4}/g) ?? []) {
        const gid = Number.parseInt(code, 16);
        if (gid === 0) notdef += 1;
        text += current.map.get(gid) ?? '';
      }
    }
  }
  return { text, notdef, fonts: [...used] };
}
