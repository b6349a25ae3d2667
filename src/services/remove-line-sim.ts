// Taking an extra SIM off a multi-SIM number, by the customer online or by staff at the counter.
// The row keeps who removed it and when (the audit trail); staff removals go to the staff audit
// too; the number is told by SMS at once.
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { iccidTail } from '../domain/groups.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { smsText } from '../domain/sms-templates.ts';
import type { Database, Sql } from '../db/database.ts';
import { lockNumberForSims, markSimRemoved, type SimActor } from '../db/line-sim-repository.ts';
import { assertLinesVisible } from './customer-scope.ts';
import { enqueueSms } from './enqueue-sms.ts';
import { loadLine, simsOf, type SimView } from './line-sims.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Inside the caller's transaction: the removal, the SMS, the number's SIMs after. */
export async function detachSim(sql: Sql, msisdn: string, simId: string, actor: SimActor, now: Instant): Promise<{ items: SimView[]; iccidLast4: string }> {
  const line = await loadLine(sql, msisdn);
  await lockNumberForSims(sql, line.msisdn);
  const removed = uuidPattern.test(simId) ? await markSimRemoved(sql, line.msisdn, simId, actor, new Date(now)) : undefined;
  if (!removed) throw new DomainError('NOT_FOUND', `no extra SIM ${simId} on ${line.msisdn}`);
  await enqueueSms(sql, {
    msisdn: line.msisdn, kind: 'sim_notice', language: line.language,
    text: smsText('sim_notice.removed', line.language, { tail: iccidTail(removed.iccid), msisdn: line.msisdn }),
  }, now);
  return { items: await simsOf(sql, line), iccidLast4: iccidTail(removed.iccid) };
}

export async function removeLineSim(deps: { readonly db: Database; readonly now: () => Instant }, customerId: string, msisdn: string, simId: string): Promise<{ items: SimView[] }> {
  const number = parseMsisdn(msisdn);
  const now = deps.now();
  return deps.db.tx(async (sql) => {
    await assertLinesVisible(sql, customerId, [number]);
    const { items } = await detachSim(sql, number, simId, { customerId }, now);
    return { items };
  });
}
