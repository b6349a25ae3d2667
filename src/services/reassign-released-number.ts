// A released (recyclable) number given to a new holder by the operator's provisioning with a new
// SIM. In the caller's transaction: the ledger change through applyLineChange (the old balance
// written off, the new opening balance and validity), the new SIM and language, the former
// holder's links, standing orders, sessions, extra SIMs, group memberships and budget ended, and
// the reassignment recorded for the reassigned-number check. Nothing here happens without the rest.
import type { Instant } from '../domain/calendar.ts';
import type { Line } from '../domain/line.ts';
import { reprovisionRecyclableLine } from '../domain/number-reassignment.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import type { Sql } from '../db/database.ts';
import { endFormerHolderTies, recordReassignment, setLineSim } from '../db/number-reassignment-repository.ts';
import { applyLineChange } from './apply-line-change.ts';
import { detachReassignedLines } from './detach-reassigned-lines.ts';
import { hashRequest } from './request-hash.ts';

/** `line` is the new holder's line as provisioning parsed it; `oldIccid` the SIM the number was released with. */
export async function reassignReleasedNumber(sql: Sql, line: Line, oldIccid: string, policy: ValidityPolicy, now: Instant): Promise<{ replayed: boolean }> {
  const { replayed } = await applyLineChange(sql, {
    msisdn: line.msisdn,
    // The hand-over from one SIM to the next happens once; the same request again is a replay.
    idempotencyKey: `reassign:${line.msisdn}:${oldIccid}:${line.iccid}`,
    requestHash: hashRequest({ iccid: line.iccid, balance: line.balance, validUntil: line.validUntil, planCode: line.planCode, language: line.language }),
    kind: 'reassign',
    reference: null,
    cause: 'reassigned',
    now,
    policy,
    decide: (stored, today) => ({ change: reprovisionRecyclableLine(stored, line, today, policy), result: { msisdn: line.msisdn } }),
  });
  if (replayed) return { replayed };
  const at = new Date(now);
  await setLineSim(sql, line.msisdn, line.iccid, line.language, at);
  await detachReassignedLines(sql, [line.msisdn], now);
  await endFormerHolderTies(sql, line.msisdn, at);
  await recordReassignment(sql, { msisdn: line.msisdn, at, cause: 'reprovision', oldIccid, newIccid: line.iccid });
  return { replayed };
}
