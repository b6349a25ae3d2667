// A multi-SIM number's SIMs (issue 13): the list (by the ICCID's last 4 digits, the main SIM
// first) and the one way a SIM is attached, shared by the counter and the online path: the plan
// must be multi-SIM with a place free, the ICCID valid and serving no number, and the number is
// told by SMS at once.
import { randomUUID } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { iccidTail, maySimBeAdded } from '../domain/groups.ts';
import { isValidIccid, type Line } from '../domain/line.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import { smsText } from '../domain/sms-templates.ts';
import type { Database, Sql } from '../db/database.ts';
import { findLine } from '../db/line-repository.ts';
import { iccidInUse, insertSim, listLiveSims, lockNumberForSims, type SimActor } from '../db/line-sim-repository.ts';
import { findPlanSoldOrRetired } from '../db/plan-repository.ts';
import { assertLinesVisible } from './customer-scope.ts';
import { enqueueSms } from './enqueue-sms.ts';

export interface SimView {
  /** null for the main SIM, which cannot be removed here (that is a SIM swap, at a store). */
  readonly simId: string | null;
  readonly iccidLast4: string;
  readonly main: boolean;
  readonly channel: 'counter' | 'online' | null;
  readonly addedAt: string | null;
}

export async function simsOf(sql: Sql, line: Line): Promise<SimView[]> {
  const extra = await listLiveSims(sql, line.msisdn);
  return [
    { simId: null, iccidLast4: iccidTail(line.iccid), main: true, channel: null, addedAt: null },
    ...extra.map((s) => ({ simId: s.id, iccidLast4: iccidTail(s.iccid), main: false, channel: s.channel, addedAt: s.addedAt.toISOString() })),
  ];
}

/** Spaces and dashes as printed on the card are dropped; anything else must be a valid ICCID. */
export function readIccid(text: string): string {
  const iccid = text.replace(/[\s-]/g, '');
  if (!isValidIccid(iccid)) throw new DomainError('INVALID_ICCID', 'that is not a SIM serial (ICCID): 19 or 20 digits from 89, as printed on the card', [{ path: '/iccid', message: '19–20 digits from 89' }]);
  return iccid;
}

/** Refuses a SIM that cannot go on this number now; the number's row is locked first. */
export async function assertSimFits(sql: Sql, line: Line, iccid: string): Promise<void> {
  await lockNumberForSims(sql, line.msisdn);
  const plan = line.planCode === null ? undefined : await findPlanSoldOrRetired(sql, line.planCode);
  const fits = maySimBeAdded(plan, 1 + (await listLiveSims(sql, line.msisdn)).length);
  if (!fits.ok) throw new DomainError(fits.code, fits.message);
  if (await iccidInUse(sql, iccid)) throw new DomainError('ICCID_IN_USE', `the SIM ending ${iccidTail(iccid)} already serves a number`);
}

/** Attaches the SIM and tells the number, in its language, in the same transaction. */
export async function attachSim(sql: Sql, line: Line, iccid: string, actor: SimActor, now: Instant): Promise<SimView[]> {
  await assertSimFits(sql, line, iccid);
  await insertSim(sql, { id: randomUUID(), msisdn: line.msisdn, iccid, actor }, new Date(now));
  await enqueueSms(sql, {
    msisdn: line.msisdn, kind: 'sim_notice', language: line.language,
    text: smsText('sim_notice.added', line.language, { tail: iccidTail(iccid), msisdn: line.msisdn }),
  }, now);
  return simsOf(sql, line);
}

export async function loadLine(sql: Sql, msisdn: string): Promise<Line> {
  const line = await findLine(sql, parseMsisdn(msisdn));
  if (!line) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
  return line;
}

/** The SIMs of one of this customer's numbers. */
export async function listLineSims(deps: { readonly db: Database }, customerId: string, msisdn: string): Promise<{ items: SimView[] }> {
  const number = parseMsisdn(msisdn);
  return deps.db.tx(async (sql) => {
    await assertLinesVisible(sql, customerId, [number]);
    return { items: await simsOf(sql, await loadLine(sql, number)) };
  });
}
