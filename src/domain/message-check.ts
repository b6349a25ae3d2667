// The public "is this SMS ours?" check: how a typed check code is read, and how often anyone may
// ask. Per-number limits do the protecting (a code is 1 in ~10^9 per guess); the per-address limit
// is sized for carrier NAT, where thousands of subscribers share one public address.
import { DomainError } from './errors.ts';
import { isCheckCode, type CheckCode } from './check-code.ts';
import type { SmsKind } from './sms-templates.ts';

export interface FixedWindowLimit {
  readonly max: number;
  readonly windowMs: number;
}

const HOUR = 3_600_000;

export const MESSAGE_CHECKS_PER_ADDRESS: FixedWindowLimit = { max: 2000, windowMs: HOUR };
export const MESSAGE_CHECKS_PER_NUMBER: FixedWindowLimit = { max: 30, windowMs: HOUR };

export type MessageCheckResult =
  | { readonly genuine: true; readonly sentAt: string; readonly kind: SmsKind }
  | { readonly genuine: false };

/** "k7m2qx", "K7M 2QX", "K7M-2QX" as typed from a handset → "K7M2QX"; anything else is refused. */
export function parseCheckCodeInput(text: string): CheckCode {
  const code = text.replace(/[\s-]/g, '').toUpperCase();
  if (!isCheckCode(code)) {
    throw new DomainError('VALIDATION_FAILED', 'code: a check code is 6 characters from A–Z (no I or O) and 2–9, with at least one letter', [
      { path: 'querystring/code', message: 'code is not a check code' },
    ]);
  }
  return code;
}

/** The start of the fixed window holding `at` (epoch ms), so every process counts into the same row. */
export function windowStart(at: number, limit: FixedWindowLimit): number {
  return at - (at % limit.windowMs);
}
