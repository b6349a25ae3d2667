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
