// The icon: /favicon.ico is a real ICO holding a 32-pixel PNG, the SVG is served as SVG, both
// cached, and every page's head links them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { html } from './html.ts';
import { faviconRoutes } from './favicon.ts';
import { renderDocument } from './layout.ts';

test('/favicon.ico and /favicon.svg answer with their types and a week of caching', async () => {
  const app = Fastify();
  await app.register(faviconRoutes);
  const ico = await app.inject({ method: 'GET', url: '/favicon.ico' });
  assert.equal(ico.statusCode, 200);
  assert.equal(ico.headers['content-type'], 'image/x-icon');
  assert.equal(ico.headers['cache-control'], 'public, max-age=604800');
  const bytes = ico.rawPayload;
  assert.deepEqual([...bytes.subarray(0, 6)], [0, 0, 1, 0, 1, 0], 'ICO header, one image');
  assert.equal(bytes[6], 32, '32 pixels wide');
  const offset = bytes.readUInt32LE(18);
  assert.equal(bytes.readUInt32LE(14), bytes.length - offset, 'the directory gives the image size');
  assert.equal(bytes.subarray(offset, offset + 8).toString('latin1'), '\x89PNG\r\n\x1a\n', 'a PNG inside');
  const svg = await app.inject({ method: 'GET', url: '/favicon.svg' });
  assert.equal(svg.statusCode, 200);
  assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
  assert.match(svg.body, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  await app.close();
});

test('every page links the icon', () => {
  const page = renderDocument({ lang: 'en', title: 'x', head: html``, body: html`<p>x</p>` });
  assert.match(page, /<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml">/);
  assert.match(page, /<link rel="icon" href="\/favicon\.ico" sizes="32x32">/);
});
