// The support desk in the staff console (role `support`, or an admin): the queue of unresolved
// cases by age, one case with what it is about, an answer / a request for more / a resolution
// (each tells the customer by SMS, without a link, in the line's language), and the dashboard's
// first-answer and resolution times.
import { addDays, startOfOperatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { isLocale } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import { smsText } from '../domain/sms-templates.ts';
import { nextCaseStatus, summariseCaseTimes, type StaffCaseAction, type SupportFigures } from '../domain/support-cases.ts';
import type { Database } from '../db/database.ts';
import type { StaffMember } from '../db/staff-repository.ts';
import {
  addCaseMessage, caseTimesBetween, countCaseMessages, customerNumbers, findCase, lineLanguage, listOpenCases, updateCaseStatus,
} from '../db/support-case-repository.ts';
import { enqueueSms } from './enqueue-sms.ts';
import type { StaffActor } from './staff-scope.ts';
import { caseDetail, caseRef, caseText, summariseCase, type CaseDetail, type CaseSummary } from './support-cases.ts';

export interface SupportDeskDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

/** Cases are answered by support staff and admins; store agents and managers work the counter. */
export function assertSupportDesk(staff: StaffMember): void {
  if (staff.role !== 'support' && staff.role !== 'admin') throw new DomainError('FORBIDDEN', 'support cases are answered by the support team');
}

/** The times are the operator's: managers, support and admins see them. */
function assertSeesFigures(staff: StaffMember): void {
  if (staff.role !== 'manager' && staff.role !== 'support' && staff.role !== 'admin') throw new DomainError('FORBIDDEN', 'only managers, support and admins see the support figures');
}

export interface QueuedCase extends CaseSummary {
  /** Milliseconds since the case was opened. */
  readonly ageMs: number;
}

export async function listSupportQueue(deps: SupportDeskDeps, actor: StaffActor): Promise<QueuedCase[]> {
  assertSupportDesk(actor.staff);
  const now = deps.now();
  return (await listOpenCases(deps.db, 200)).map((c) => ({ ...summariseCase(c), ageMs: now - c.createdAt.getTime() }));
}

export interface DeskCase extends CaseDetail {
  /** Where SMS about the case go: the number it names, else the account's login number. */
  readonly notifies: string | null;
}

export async function readDeskCase(deps: SupportDeskDeps, actor: StaffActor, caseId: string): Promise<DeskCase> {
  assertSupportDesk(actor.staff);
  return deps.db.tx(async (sql) => {
    const found = await findCase(sql, caseId);
    if (!found) throw new DomainError('NOT_FOUND', `no case ${caseId}`);
    const notifies = found.msisdn ?? (await customerNumbers(sql, found.customerId))[0] ?? null;
    return { ...(await caseDetail(sql, found)), notifies };
  });
}

/** Staff write into a case; the customer is told by SMS in the same transaction. */
export async function actOnSupportCase(deps: SupportDeskDeps, actor: StaffActor, caseId: string, action: StaffCaseAction, textIn: string): Promise<CaseSummary> {
  assertSupportDesk(actor.staff);
  const text = caseText(textIn);
  const now = deps.now();
  return deps.db.tx(async (sql) => {
    const found = await findCase(sql, caseId, true);
    if (!found) throw new DomainError('NOT_FOUND', `no case ${caseId}`);
    const step = nextCaseStatus(found.status, action);
    if (!step.ok) throw new DomainError(step.code, step.message);
    const at = new Date(now);
    await addCaseMessage(sql, found.id, action, actor.staff.id, text, at);
    await updateCaseStatus(sql, found.id, step.status, actor.staff.id, at);
    const msisdn = found.msisdn ?? (await customerNumbers(sql, found.customerId))[0];
    if (msisdn !== undefined) {
      const stored = await lineLanguage(sql, msisdn);
      const language = isLocale(stored) ? stored : 'en';
      await enqueueSms(sql, {
        msisdn: msisdn as Msisdn, kind: 'support_notice', language,
        text: smsText(`support_notice.${action}`, language, { ref: caseRef(found.id) }),
        // One SMS per staff message: the key names the message's place in the case.
        dedupeKey: `support:${found.id}:${await countCaseMessages(sql, found.id)}`,
      }, now);
    }
    const after = await findCase(sql, found.id);
    if (!after) throw new Error('support case vanished');
    return summariseCase(after);
  });
}

/** Cases opened in the Baku days [from, to] and how fast they were answered and resolved. */
export async function readSupportFigures(deps: SupportDeskDeps, actor: StaffActor, from: IsoDate, to: IsoDate): Promise<SupportFigures & { readonly from: IsoDate; readonly to: IsoDate }> {
  assertSeesFigures(actor.staff);
  if (to < from) throw new DomainError('INVALID_PERIOD', 'the period ends before it starts');
  const rows = await caseTimesBetween(deps.db, new Date(startOfOperatorDay(from)), new Date(startOfOperatorDay(addDays(to, 1))));
  return {
    from, to,
    ...summariseCaseTimes(rows.map((r) => ({
      createdAt: r.createdAt.getTime(), firstAnsweredAt: r.firstAnsweredAt?.getTime() ?? null, resolvedAt: r.resolvedAt?.getTime() ?? null,
    }))),
  };
}
