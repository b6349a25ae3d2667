// Session tokens: 256 random bits handed to the browser once; the database keeps only their HMAC.
import { randomBytes } from 'node:crypto';
import { SESSION_ABSOLUTE_MS } from '../domain/account-rules.ts';
import { instantFromEpochMs, type Instant } from '../domain/calendar.ts';
import { clientNetwork } from '../domain/client-address.ts';
import type { Locale } from '../domain/money.ts';
import type { Sql } from '../db/database.ts';
import { insertSession } from '../db/session-repository.ts';
import { keyedHash } from './secret-hash.ts';

/** What signing in hands to the channel: the token goes into the cookie and nowhere else. */
export interface StartedSession {
  readonly token: string;
  readonly customerId: string;
  readonly language: Locale;
  /** The absolute end; idle expiry may come sooner. */
  readonly expiresAt: Instant;
}

export function sessionTokenHash(secret: string, token: string): string {
  return keyedHash(secret, 'session', token);
}

export async function startSession(sql: Sql, secret: string, customerId: string, language: Locale, now: Instant): Promise<StartedSession> {
  const token = randomBytes(32).toString('base64url');
  await insertSession(sql, sessionTokenHash(secret, token), customerId, new Date(now));
  return { token, customerId, language, expiresAt: instantFromEpochMs(now + SESSION_ABSOLUTE_MS) };
}

/**
 * The key of a caller's address in per-address and per-pair limits: an HMAC (the address itself is
 * never stored) of the client it stands for, so one host's /64 of IPv6 addresses counts as one.
 */
export function addressKey(secret: string, address: string): string {
  return keyedHash(secret, 'address', clientNetwork(address));
}
