// The manat font: a WOFF served with its type and a long cache, holding a glyph for U+20BC, and
// the @font-face rule both stylesheets use names that path and keeps to that one character.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Fastify from 'fastify';
import { MANAT_FONT_PATH, manatFontFace, manatFontRoutes } from './manat-font.ts';
import { staffCss } from '../staff/staff-layout.ts';

test('the font is a WOFF, cached for a year, and the rule keeps it to ₼', async () => {
  const app = Fastify();
  await app.register(manatFontRoutes);
  const res = await app.inject({ method: 'GET', url: MANAT_FONT_PATH });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'font/woff');
  assert.match(String(res.headers['cache-control']), /max-age=31536000/);
  assert.equal(res.rawPayload.subarray(0, 4).toString('latin1'), 'wOFF');
  assert.equal(res.rawPayload.readUInt32BE(8), res.rawPayload.length, 'the header gives the file length');
  assert.match(manatFontFace, /unicode-range:U\+20BC/);
  assert.ok(manatFontFace.includes(`url(${MANAT_FONT_PATH})`));
  await app.close();
});

test('both front-ends put the font first in their stacks', () => {
  assert.ok(staffCss.startsWith(manatFontFace), 'the console declares it');
  assert.match(staffCss, /body\{font:16px\/1\.45 "Saxla Manat",/);
  const portal = readFileSync(join(import.meta.dirname, '..', '..', '..', 'web', 'portal', 'portal.css'), 'utf8');
  assert.ok(portal.includes(`url(${MANAT_FONT_PATH}) format("woff"); unicode-range: U+20BC;`));
  assert.match(portal, /body \{ margin: 0; font: 1rem\/1\.5 "Saxla Manat", system-ui,/);
});
