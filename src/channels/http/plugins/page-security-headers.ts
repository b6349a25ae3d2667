// The standalone HTML pages outside the portal (the demo phone, the sandbox's hosted payment page)
// get the portal's protection: a CSP that allows nothing but this origin, no framing (clickjacking
// on a payment form), no MIME sniffing, no Referer to other sites. Registered inside the page's
// own plugin, so the JSON API beside it stays without these headers.
import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** The CSP source that allows exactly this inline <style> block's text. */
export function inlineStyleSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

export async function registerPageSecurityHeaders(scope: FastifyInstance, options: { readonly styleSrc?: readonly string[] } = {}): Promise<void> {
  await scope.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'", ...(options.styleSrc ?? [])],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
}
