// A customer's support cases: open one (optionally about statement entries of their own numbers),
// list them, read one with its answers, and reply. Another customer's case reads as no case.
import { randomUUID } from 'node:crypto';
import { formatInstant, instantFromEpochMs, type Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { parseMsisdn } from '../domain/msisdn.ts';
import {
  CASE_ENTRIES_MAX, CASE_TEXT_MAX, caseCategories, nextCaseStatus, type CaseCategory, type CaseMessageKind, type CaseStatus,
} from '../domain/support-cases.ts';
import type { SpendingAlert } from '../domain/spending-anomalies.ts';
import { isOneOf } from '../domain/vocabularies.ts';
import type { Database, Sql } from '../db/database.ts';
import {
  addCaseMessage, customerNumbers, disputeOfAlert, entriesOnLines, findCase, findCaseByDispute, insertCase, listCaseEntries, listCaseMessages, listCustomerCases,
  updateCaseStatus, type SupportCase,
} from '../db/support-case-repository.ts';

export interface SupportCaseDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

export interface CaseSummary {
  readonly caseId: string;
  /** A short reference the customer can quote on the phone and that SMS name (no link). */
  readonly ref: string;
  readonly msisdn: string | null;
  readonly category: CaseCategory;
  readonly status: CaseStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CaseDetail extends CaseSummary {
  readonly messages: readonly { readonly kind: CaseMessageKind; readonly from: 'customer' | 'staff'; readonly text: string; readonly at: string }[];
  readonly entries: readonly { readonly id: string; readonly msisdn: string; readonly kind: string; readonly amount: { readonly amount: number; readonly currency: 'AZN' }; readonly at: string }[];
}

export interface OpenCaseRequest {
  readonly msisdn?: string | undefined;
  readonly category: string;
  readonly text: string;
  readonly entryIds?: readonly string[] | undefined;
}

const at = (d: Date): string => formatInstant(instantFromEpochMs(d.getTime()));

/** "S-1A2B3C4D": the first eight hex digits of the case id. */
export function caseRef(caseId: string): string {
  return `S-${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

export function summariseCase(c: SupportCase): CaseSummary {
  return {
    caseId: c.id, ref: caseRef(c.id), msisdn: c.msisdn, category: c.category, status: c.status, createdAt: at(c.createdAt), updatedAt: at(c.updatedAt),
  };
}

export async function caseDetail(sql: Sql, c: SupportCase): Promise<CaseDetail> {
  const messages = await listCaseMessages(sql, c.id);
  const entries = await listCaseEntries(sql, c.id);
  return {
    ...summariseCase(c),
    messages: messages.map((m) => ({ kind: m.kind, from: m.kind === 'text' ? 'customer' as const : 'staff' as const, text: m.body, at: at(m.createdAt) })),
    entries: entries.map((e) => ({ id: String(e.id), msisdn: e.msisdn, kind: e.kind, amount: { amount: e.amount, currency: 'AZN' as const }, at: at(e.createdAt) })),
  };
}

/** A case's text or reply: trimmed, not empty, not longer than CASE_TEXT_MAX. */
export function caseText(text: string, path = 'text'): string {
  const trimmed = text.trim();
  if (trimmed.length === 0 || [...trimmed].length > CASE_TEXT_MAX) {
    throw new DomainError('VALIDATION_FAILED', `write between 1 and ${CASE_TEXT_MAX} characters`, [{ path, message: 'length' }]);
  }
  return trimmed;
}

function parseEntryIds(ids: readonly string[]): number[] {
  if (ids.length > CASE_ENTRIES_MAX) throw new DomainError('VALIDATION_FAILED', `at most ${CASE_ENTRIES_MAX} entries`, [{ path: 'entryIds', message: 'too many' }]);
  return [...new Set(ids.map((id, index) => {
    const n = /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : NaN;
    if (!Number.isSafeInteger(n)) throw new DomainError('VALIDATION_FAILED', 'an entry id is a statement entry\'s `id`', [{ path: `entryIds/${index}`, message: 'not an entry id' }]);
    return n;
  }))];
}

export async function openSupportCase(deps: SupportCaseDeps, customerId: string, request: OpenCaseRequest): Promise<CaseSummary> {
  if (!isOneOf(caseCategories, request.category)) throw new DomainError('VALIDATION_FAILED', `category is one of ${caseCategories.join(', ')}`, [{ path: 'category', message: 'unknown' }]);
  const category = request.category;
  const text = caseText(request.text);
  const entryIds = parseEntryIds(request.entryIds ?? []);
  const now = new Date(deps.now());
  return deps.db.tx(async (sql) => {
    const own = await customerNumbers(sql, customerId);
    let msisdn: string | null = null;
    if (request.msisdn !== undefined && request.msisdn !== '') {
      msisdn = parseMsisdn(request.msisdn);
      if (!own.includes(msisdn)) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn} on this account`);
    }
    if (entryIds.length > 0) {
      // Only entries of the customer's own numbers (of the named one, when one is named).
      const found = await entriesOnLines(sql, entryIds, msisdn === null ? own : [msisdn]);
      const missing = entryIds.find((id) => !found.has(id));
      if (missing !== undefined) throw new DomainError('NOT_FOUND', `no statement entry ${missing} on your numbers`, [{ path: 'entryIds', message: String(missing) }]);
    }
    const id = randomUUID();
    await insertCase(sql, { id, customerId, msisdn, category, text, entryIds, disputeId: null, at: now });
    const created = await findCase(sql, id);
    if (!created) throw new Error('support case vanished');
    return summariseCase(created);
  });
}

async function ownCase(sql: Sql, customerId: string, caseId: string, lock = false): Promise<SupportCase> {
  const found = await findCase(sql, caseId, lock);
  if (!found || found.customerId !== customerId) throw new DomainError('NOT_FOUND', `no case ${caseId}`);
  return found;
}

export async function listSupportCases(deps: SupportCaseDeps, customerId: string): Promise<CaseSummary[]> {
  return (await listCustomerCases(deps.db, customerId, 100)).map(summariseCase);
}

export async function getSupportCase(deps: SupportCaseDeps, customerId: string, caseId: string): Promise<CaseDetail> {
  return deps.db.tx(async (sql) => caseDetail(sql, await ownCase(sql, customerId, caseId)));
}

/** The customer answers staff (more details, or "it is not solved"): the case is open again. */
export async function replyToSupportCase(deps: SupportCaseDeps, customerId: string, caseId: string, textIn: string): Promise<CaseDetail> {
  const text = caseText(textIn);
  const now = new Date(deps.now());
  return deps.db.tx(async (sql) => {
    const found = await ownCase(sql, customerId, caseId, true);
    const step = nextCaseStatus(found.status, 'text');
    if (!step.ok) throw new DomainError(step.code, step.message);
    await addCaseMessage(sql, found.id, 'text', null, text, now);
    await updateCaseStatus(sql, found.id, step.status, null, now);
    const after = await findCase(sql, found.id);
    if (!after) throw new Error('support case vanished');
    return caseDetail(sql, after);
  });
}

/**
 * "This wasn't me" on a spending alert becomes a billing case (once per alert) with the ledger
 * entries that caused it attached; usage records are named in the text by their source ids.
 * Runs inside the dispute's transaction.
 */
export async function openDisputeCase(sql: Sql, customerId: string, msisdn: string, alert: SpendingAlert, at: Date): Promise<void> {
  const disputeId = await disputeOfAlert(sql, alert.id);
  if (disputeId === undefined || (await findCaseByDispute(sql, disputeId))) return;
  const entryIds = alert.causes.flatMap((c) => (c.type === 'entry' ? [c.id] : []));
  const usage = alert.causes.flatMap((c) => (c.type === 'usage' ? [`${c.sourceId} (${c.kind}${c.destination ? ` ${c.destination}` : ''}, ${c.amount} qəpik)`] : []));
  const text = [
    `"This wasn't me" on the ${alert.kind.replace(/_/g, ' ')} alert of ${alert.day}: ${alert.amount} qəpik.`,
    ...(usage.length > 0 ? [`Usage records: ${usage.join('; ')}${alert.moreCauses > 0 ? ` and ${alert.moreCauses} more` : ''}.`] : []),
  ].join('\n');
  await insertCase(sql, { id: randomUUID(), customerId, msisdn, category: 'billing', text, entryIds, disputeId, at });
}
