// Ends every session of the accounts holding these numbers: called by the lifecycle sweep, inside
// its transaction, when lines enter quarantine (the number may soon belong to someone else).
import { SESSION_ABSOLUTE_MS } from '../domain/account-rules.ts';
import type { Instant } from '../domain/calendar.ts';
import type { Sql } from '../db/database.ts';
import { revokeSessionsForLines } from '../db/session-repository.ts';

/** Returns how many sessions ended. */
export async function endSessionsForLines(sql: Sql, msisdns: readonly string[], now: Instant): Promise<number> {
  if (msisdns.length === 0) return 0;
  // Sessions past their absolute lifetime are dead already; leaving them alone keeps the update small.
  return revokeSessionsForLines(sql, msisdns, 'line_quarantine', new Date(now), new Date(now - SESSION_ABSOLUTE_MS));
}
