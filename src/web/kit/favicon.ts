// Saxla's icon for browser tabs and bookmarks: a white S on the brand green, as SVG for browsers
// that take it and as a 32-pixel ICO at /favicon.ico, which every browser asks for by itself.
// Both are a few hundred bytes, so they live here rather than as files to locate at run time.
import type { FastifyInstance } from 'fastify';
import { html, type SafeHtml } from './html.ts';

const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b5d4b"/>'
  + '<path fill="#fff" d="M10 2h16v4h-16zM6 6h4v4h-4zM6 10h4v4h-4zM10 14h12v4h-12zM22 18h4v4h-4zM22 22h4v4h-4zM6 26h16v4h-16z"/></svg>';
// The same drawing as a PNG inside an ICO container (made once from the pixels above).
const ico = Buffer.from('AAABAAEAICAAAAEAIAClAAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAGxJREFUeNrt10sKACAIBFD3Ha0zdP9jFLQMFMP8ECO4rB4R1RAd1Uafnk1ceS8sQjQDrCUiUgHaLfMAbERZgHYC82EEAAAAygKsFxEA/wFu+/lrCAAAAIQDvD6h9QBcNogAiMkoFJAeTjPj+QKHbLeZN/WW2AAAAABJRU5ErkJggg==', 'base64');

// A week: the icon changes rarely, and a stale one for a few days harms nobody.
const CACHE = 'public, max-age=604800';

/** The <link>s every page's head carries. */
export const faviconLinks: SafeHtml = html`<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="icon" href="/favicon.ico" sizes="32x32">`;

export async function faviconRoutes(app: FastifyInstance): Promise<void> {
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.type('image/x-icon').header('cache-control', CACHE).send(ico));
  app.get('/favicon.svg', { schema: { hide: true } }, async (_request, reply) => reply.type('image/svg+xml').header('cache-control', CACHE).header('x-content-type-options', 'nosniff').send(svg));
}
