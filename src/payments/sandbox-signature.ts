// The sandbox provider's webhook signature, shaped like Stripe's: `t=<unix s>,v1=<hex HMAC-SHA256
// of "<t>.<raw body>">`, 300 s tolerance. Kept apart so tests and the benchmark sign the same way.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';

export const SANDBOX_SIGNATURE_HEADER = 'saxla-signature';
export const SIGNATURE_TOLERANCE_S = 300;

export function signSandboxPayload(secret: string, rawBody: string | Buffer, timestampS: number): string {
  const mac = createHmac('sha256', secret).update(`${timestampS}.`).update(rawBody).digest('hex');
  return `t=${timestampS},v1=${mac}`;
}

/** Throws WEBHOOK_SIGNATURE_INVALID for a missing, malformed, wrong or stale signature. */
export function verifySandboxSignature(secret: string, rawBody: Buffer, header: string | undefined, nowMs: number): void {
  if (!header) throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'the Saxla-Signature header is missing');
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) candidates.push(value);
  }
  if (timestamp === undefined || candidates.length === 0) {
    throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'the Saxla-Signature header is malformed (t=<unix s>,v1=<hex>)');
  }
  if (Math.abs(nowMs / 1000 - timestamp) > SIGNATURE_TOLERANCE_S) {
    throw new DomainError('WEBHOOK_SIGNATURE_INVALID', `the signature timestamp is outside the ${SIGNATURE_TOLERANCE_S} s tolerance`);
  }
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  // Several v1 values are allowed so a secret can be rotated without dropping events.
  const ok = candidates.some((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected));
  if (!ok) throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'the signature does not match the body');
}
