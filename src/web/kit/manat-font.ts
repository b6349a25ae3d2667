// The manat sign (U+20BC) for every page. Many systems have no font with it (Debian's DejaVu 2.37
// and Noto CJK do not: headless chromium drew a box), so the pages carry an 832-byte web font
// holding that one glyph, drawn for Saxla (scripts/manat-font.py). With unicode-range a browser
// uses it for ₼ alone and fetches it only on a page that shows an amount. It comes first in a
// font stack: chromium on Linux draws system-ui's missing-glyph box rather than try later families.
import type { FastifyInstance } from 'fastify';

export const MANAT_FONT_PATH = '/assets/fonts/saxla-manat.woff';
export const MANAT_FONT_FAMILY = '"Saxla Manat"';

const woff = Buffer.from('d09GRgABAAAAAANAAAoAAAAABBAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAABPUy8yAAABZAAAADEAAABgf0B42mNtYXAAAAGgAAAAKgAAADQADCEPZ2x5ZgAAAdQAAABSAAAAUoxb4BtoZWFkAAAA9AAAADYAAAA2MDJcpmhoZWEAAAEsAAAAHwAAACQFtgIpaG10eAAAAZgAAAAIAAAACAScAABsb2NhAAABzAAAAAYAAAAGACkAAG1heHAAAAFMAAAAFgAAACAABQAcbmFtZQAAAigAAAEAAAABwvwlYGZwb3N0AAADKAAAABYAAAAsYnRm4QABAAAAAQAAW69Y918PPPUAAQPoAAAAAOc7DIUAAAAA5zsMhQA8AAACbAK8AAAAAwACAAAAAAAAeJxjYGRgYG75z8bAwLSCgYGhgsmAASiCApgATXIC5QB4nGNgZGBgYGKQAmIGMAsNAAADTwAiAAB4nGNgZvJjnMDAysDCQBxggjGCHSN8GBgU9ijsYW75z8bAwNzC8AtNrQIDAwD8nQcNAAAAAfQAAAKoAAB4nGNgYGBiYGBgBmIRIMkIplkYFIA0CxAC+Qp7/v+HkPddwfIMAF9uBzgAAAAAAAAAKQAAAAIAPAAAAmwCvAAVABkAADMRNDc2MzIXFhURIxE0JyYjIgcGFREzETMRPFJSdHRSUlQ5OlFROjmaVAFKdFJSUlJ0/rYBSlE6OTk6Uf62Arz9RAAAeJxdjrFqwzAURa9jJ6EUOnTo/IauDslWyNAla4YmkKF0EUGOHYwUZBnnqzr2K/oF/ZjSa1kQUwuJc48uTwbwgE8kGL6ce+AE90wDTzDHS+QUj3iNnI06U/Jb5FnopEiyO6Z3fERO8ISvyBO++x05xTN+ImejzpT8G3nWdzZOdUYK62SvrrVaS+G0Fm+lbbR0lS/Fl1ouzp710YeKbJVRfqdPba1cMEHk0Ry0ayprZLVYYgMHhQ4GggKWSbCnuaLmuQ7WQXMJPO8FLZqQOlQ0ZfBlMBc2Lc7kI91timDL03B77Hh74ozeu1Hn1sj/dQ5Mjm9WnN3/5QoLLP8AyflMpXicY2BiwA+A8oxMrLmJeYklAAbxAh4AAA==', 'base64');

/** The @font-face rule both front-ends' stylesheets start with. */
export const manatFontFace = `@font-face{font-family:${MANAT_FONT_FAMILY};src:url(${MANAT_FONT_PATH}) format("woff");unicode-range:U+20BC;font-display:swap}`;

export async function manatFontRoutes(app: FastifyInstance): Promise<void> {
  // A year, immutable: a changed drawing gets a new file name.
  app.get(MANAT_FONT_PATH, { schema: { hide: true } }, async (_request, reply) => reply.type('font/woff').header('cache-control', 'public, max-age=31536000, immutable').send(woff));
}
