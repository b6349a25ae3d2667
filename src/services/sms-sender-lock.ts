// Only one Saxla process at a time binds to the SMSC and sends: the SMSC contract's throughput cap
// (SMS_MAX_PER_SECOND) and its bind count are then totals for the whole fleet, not per process.
// Which process sends makes no difference to what is sent: the outbox's claims already keep every
// message to one sender; the lock keeps the bind and the pace in one place.
import type { Database, HeldLock } from '../db/database.ts';

/** The advisory lock's key: "SXLA" then 1 (the SMS sender). */
export const SMS_SENDER_LOCK_KEY = 0x53584c41 * 16 + 1;

export function trySmsSenderLock(deps: { readonly db: Database }): Promise<HeldLock | undefined> {
  return deps.db.tryExclusiveLock(SMS_SENDER_LOCK_KEY);
}
