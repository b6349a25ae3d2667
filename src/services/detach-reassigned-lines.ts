// When numbers go to new owners: every account's link to them is detached. The old accounts keep
// their history (the rows stay, marked), nobody logs in with those numbers any more, and the new
// owner registers afresh and sees nothing from before their own link. Runs in the caller's transaction.
import type { Instant } from '../domain/calendar.ts';
import type { Sql } from '../db/database.ts';
import { detachLinks } from '../db/account-repository.ts';
import { deleteAutoRenewForLines } from '../db/auto-renew-repository.ts';
import { revokeCustomerSessions } from '../db/session-repository.ts';

/** Returns how many links were detached. */
export async function detachReassignedLines(sql: Sql, msisdns: readonly string[], now: Instant): Promise<number> {
  if (msisdns.length === 0) return 0;
  const detached = await detachLinks(sql, msisdns, new Date(now));
  // The old owner's automatic payments must never pay for the new owner's number.
  await deleteAutoRenewForLines(sql, msisdns);
  // Sessions normally ended at quarantine already; an account whose login number went elsewhere
  // must not keep one in any case. Accounts that only lost a family line stay signed in.
  const lostLogin = [...new Set(detached.filter((d) => d.wasLogin).map((d) => d.customerId))];
  if (lostLogin.length > 0) await revokeCustomerSessions(sql, lostLogin, 'line_detached', new Date(now));
  return detached.length;
}
