// Support cases (issue 13): what a case may be about, the states it moves through, and the two
// times the operator's dashboard measures. Pure: the moments are handed in.

export const caseCategories = ['billing', 'renewal', 'sms', 'store', 'other'] as const;
export type CaseCategory = (typeof caseCategories)[number];

/** open: waiting for staff; answered: waiting for the customer (or done for them); resolved: closed. */
export const caseStatuses = ['open', 'answered', 'resolved'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** What staff write into a case; the customer's own messages are `text`. */
export const staffCaseActions = ['answer', 'more_info', 'resolution'] as const;
export type StaffCaseAction = (typeof staffCaseActions)[number];
export type CaseMessageKind = 'text' | StaffCaseAction;

/** A case's text and a reply: long enough to explain, short enough for one screen of the queue. */
export const CASE_TEXT_MAX = 2000;
/** Statement entries one case may point at. */
export const CASE_ENTRIES_MAX = 20;

export type CaseStep =
  | { readonly ok: true; readonly status: CaseStatus }
  | { readonly ok: false; readonly code: 'CASE_CLOSED'; readonly message: string };

/** The state after a message of `kind`; nothing is written into a resolved case. */
export function nextCaseStatus(status: CaseStatus, kind: CaseMessageKind): CaseStep {
  if (status === 'resolved') return { ok: false, code: 'CASE_CLOSED', message: 'this case is resolved; open a new one' };
  if (kind === 'text') return { ok: true, status: 'open' };
  return { ok: true, status: kind === 'resolution' ? 'resolved' : 'answered' };
}

export interface CaseTimes {
  readonly createdAt: number;
  readonly firstAnsweredAt: number | null;
  readonly resolvedAt: number | null;
}

export interface SupportFigures {
  readonly opened: number;
  readonly unresolved: number;
  readonly answered: number;
  readonly resolved: number;
  /** Median milliseconds from opening to staff's first answer (or request for more); null with none. */
  readonly medianFirstAnswerMs: number | null;
  /** Median milliseconds from opening to resolution; null with none resolved. */
  readonly medianResolutionMs: number | null;
}

/** The middle value (mean of the two middle ones for an even count), rounded to whole milliseconds. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : Math.round(((sorted[mid - 1] ?? upper) + upper) / 2);
}

/** The dashboard's figures over the cases opened in a period. */
export function summariseCaseTimes(cases: readonly CaseTimes[]): SupportFigures {
  const firsts = cases.flatMap((c) => (c.firstAnsweredAt === null ? [] : [c.firstAnsweredAt - c.createdAt]));
  const resolutions = cases.flatMap((c) => (c.resolvedAt === null ? [] : [c.resolvedAt - c.createdAt]));
  return {
    opened: cases.length,
    unresolved: cases.length - resolutions.length,
    answered: firsts.length,
    resolved: resolutions.length,
    medianFirstAnswerMs: median(firsts),
    medianResolutionMs: median(resolutions),
  };
}

/** "3 h 05 min" style parts of a duration, for the dashboard (whole minutes, rounded down). */
export function durationParts(ms: number): { readonly days: number; readonly hours: number; readonly minutes: number } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}
