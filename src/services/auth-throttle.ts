// Checks and records throttling events inside the caller's transaction. A slot is taken before
// the work it guards (a login is counted as failed until it succeeds), so parallel attempts
// cannot all pass a limit that only one of them should.
import type { Instant } from '../domain/calendar.ts';
import type { Limit } from '../domain/account-rules.ts';
import type { Sql } from '../db/database.ts';
import { countThrottleEvents, lockThrottleKey, recordThrottleEvent, type ThrottleScope } from '../db/throttle-repository.ts';

const DAY_MS = 86_400_000;

function cutoffs(limits: readonly Limit[], now: Instant): Date[] {
  return limits.map((l) => new Date(now - l.windowMs));
}

/** True when the key has reached any of its limits (nothing is recorded). */
export async function isThrottled(sql: Sql, scope: ThrottleScope, subject: string, limits: readonly Limit[], now: Instant): Promise<boolean> {
  const counts = await countThrottleEvents(sql, scope, subject, cutoffs(limits, now));
  return limits.some((limit, i) => (counts[i] ?? 0) >= limit.max);
}

/** Records one event unless a limit is reached; the event's id, or undefined when refused. */
export async function takeThrottleSlot(sql: Sql, scope: ThrottleScope, subject: string, limits: readonly Limit[], now: Instant): Promise<number | undefined> {
  await lockThrottleKey(sql, scope, subject);
  if (await isThrottled(sql, scope, subject, limits, now)) return undefined;
  return recordEvent(sql, scope, subject, now);
}

/** The key of one (address, number) pair: the address's HMAC and the number. */
export function pairSubject(addressHash: string, msisdn: string): string {
  return `${addressHash}:${msisdn}`;
}

export function recordEvent(sql: Sql, scope: ThrottleScope, subject: string, now: Instant): Promise<number> {
  // No window is longer than a day; older rows count for nothing.
  return recordThrottleEvent(sql, scope, subject, new Date(now), new Date(now - DAY_MS));
}
