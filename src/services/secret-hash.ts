// HMACs under SAXLA_SECRET for values we must recognise but never keep: one-time codes (a 6-digit
// code's plain hash would fall to a million guesses), session tokens and callers' addresses.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type KeyedHashPurpose = 'one-time-code' | 'session' | 'address';

/** Hex HMAC-SHA256; the purpose separates the uses so one hash never stands for another. */
export function keyedHash(secret: string, purpose: KeyedHashPurpose, value: string): string {
  return createHmac('sha256', secret).update(`saxla:${purpose}\u0000${value}`).digest('hex');
}

export function sameKeyedHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
