// The plans Saxla sells, as checked data: operators change prices and allowances often, so a plan
// is a document validated here, never a code path. Every channel shows plan texts, so every customer
// language (vocabularies.ts) is required and sized for a USSD screen.
import { DomainError, type ErrorDetail } from './errors.ts';
import { locales, qepik, type Locale, type Qepik } from './money.ts';
import { planKinds, type PlanKind } from './vocabularies.ts';

// The kinds are a vocabulary, defined once; named here too for the catalogue's importers.
export { planKinds, type PlanKind };

/** The month counts a plan may be sold for; each plan offers a subset. */
export const planDurations: readonly number[] = [1, 3, 6, 12];

/** Kinds whose plan is shared by several lines or SIMs, so `allowances.lines` is required. */
const sharedKinds: readonly PlanKind[] = ['family', 'multi_sim'];

export interface PlanAllowances {
  readonly dataMb?: number;
  /** Calls within Azerbaijan. */
  readonly minutes?: number;
  readonly internationalMinutes?: number;
  readonly roamingMb?: number;
  readonly sms?: number;
  /** Family members or SIMs sharing the plan; only family and multi_sim plans have it. */
  readonly lines?: number;
}
const allowanceKeys = ['dataMb', 'minutes', 'internationalMinutes', 'roamingMb', 'sms', 'lines'] as const;

export interface PlanText {
  readonly name: string;
  readonly description: string;
}

export interface Plan {
  readonly code: string;
  readonly kind: PlanKind;
  readonly monthlyPrice: Qepik;
  /** Ascending, a subset of planDurations. */
  readonly durations: readonly number[];
  readonly allowances: PlanAllowances;
  readonly texts: Readonly<Record<Locale, PlanText>>;
  /** Lower first in every list the customer sees. */
  readonly sortOrder: number;
}

/** A USSD menu line. */
export const PLAN_NAME_MAX = 20;
/** One UCS-2 USSD screen: Azerbaijani, Russian and Chinese texts are never GSM 7-bit. */
export const PLAN_DESCRIPTION_MAX = 80;
export const MAX_SHARED_LINES = 10;

const planCodePattern = /^[A-Z0-9_]{1,32}$/;
const planKeys = ['code', 'kind', 'monthlyPrice', 'durations', 'allowances', 'texts', 'sortOrder'];

export function isPlanCode(value: unknown): value is string {
  return typeof value === 'string' && planCodePattern.test(value);
}

export function isPlanKind(value: unknown): value is PlanKind {
  return typeof value === 'string' && (planKinds as readonly string[]).includes(value);
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function isNonNegativeInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Counts what a person sees (code points), not UTF-16 units, so "ə" and "流" count as one. */
function visibleLength(text: string): number {
  return [...text].length;
}

interface Problems {
  readonly list: ErrorDetail[];
  need(ok: boolean, path: string, message: string): void;
  refuseUnknown(record: Record<string, unknown>, allowed: readonly string[], path: string): void;
}

function collectProblems(): Problems {
  const list: ErrorDetail[] = [];
  const need = (ok: boolean, path: string, message: string): void => {
    if (!ok) list.push({ path, message });
  };
  return {
    list,
    need,
    refuseUnknown(record, allowed, path) {
      for (const key of Object.keys(record)) need(allowed.includes(key), `${path}/${key}`, 'unknown field');
    },
  };
}

/** A one-line text: no line breaks or control characters, which would break a USSD screen. */
function checkOneLine(p: Problems, value: unknown, max: number, path: string): string {
  const ok = typeof value === 'string' && value.trim().length > 0 && visibleLength(value.trim()) <= max
    && !/\p{Cc}/u.test(value);
  p.need(ok, path, `a non-empty single line of at most ${max} characters`);
  return typeof value === 'string' ? value.trim() : '';
}

function readTexts(p: Problems, value: unknown): Record<Locale, PlanText> {
  const texts = asRecord(value);
  p.need(texts !== null, '/texts', `an object with ${locales.join(', ')}`);
  const t = texts ?? {};
  p.refuseUnknown(t, locales, '/texts');
  const read = (locale: Locale): PlanText => {
    const entry = asRecord(t[locale]);
    p.need(entry !== null, `/texts/${locale}`, 'an object {name, description}: every language is required');
    if (entry === null) return { name: '', description: '' };
    const e = entry;
    p.refuseUnknown(e, ['name', 'description'], `/texts/${locale}`);
    return {
      name: checkOneLine(p, e.name, PLAN_NAME_MAX, `/texts/${locale}/name`),
      description: checkOneLine(p, e.description, PLAN_DESCRIPTION_MAX, `/texts/${locale}/description`),
    };
  };
  // Built from the list, so a language added there is required here with no other edit.
  return Object.fromEntries(locales.map((locale) => [locale, read(locale)])) as Record<Locale, PlanText>;
}

function readDurations(p: Problems, value: unknown): number[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [];
  p.need(list.length > 0, '/durations', `a non-empty list from ${planDurations.join(', ')}`);
  const seen = new Set<number>();
  list.forEach((months, i) => {
    const ok = typeof months === 'number' && planDurations.includes(months);
    p.need(ok, `/durations/${i}`, `one of ${planDurations.join(', ')}`);
    p.need(!(ok && seen.has(months)), `/durations/${i}`, 'listed twice');
    if (ok) seen.add(months);
  });
  return [...seen].sort((a, b) => a - b);
}

function readAllowances(p: Problems, value: unknown, kind: unknown): PlanAllowances {
  const record = asRecord(value);
  p.need(record !== null, '/allowances', 'an object (may be empty)');
  const a = record ?? {};
  p.refuseUnknown(a, allowanceKeys, '/allowances');
  const allowances: Record<string, number> = {};
  for (const key of allowanceKeys) {
    const amount = a[key];
    if (amount === undefined) continue;
    p.need(isNonNegativeInt(amount), `/allowances/${key}`, 'a whole number ≥ 0');
    if (isNonNegativeInt(amount)) allowances[key] = amount;
  }
  const shared = isPlanKind(kind) && sharedKinds.includes(kind);
  if (shared) {
    const lines = a.lines;
    p.need(isNonNegativeInt(lines) && lines >= 2 && lines <= MAX_SHARED_LINES, '/allowances/lines',
      `family and multi-SIM plans need lines from 2 to ${MAX_SHARED_LINES}`);
  } else {
    p.need(a.lines === undefined, '/allowances/lines', 'only family and multi-SIM plans share lines');
  }
  return allowances;
}

/** Checks a plan document (JSON from the database, a seed file or the admin API) and returns it typed. */
export function parsePlan(doc: unknown): Plan {
  const d = asRecord(doc);
  if (d === null) throw new DomainError('PLAN_INVALID', 'a plan must be an object', [{ path: '', message: 'an object' }]);
  const p = collectProblems();
  p.refuseUnknown(d, planKeys, '');
  p.need(isPlanCode(d.code), '/code', 'A–Z, 0–9 and _, 1 to 32 characters');
  p.need(isPlanKind(d.kind), '/kind', `one of ${planKinds.join(', ')}`);
  p.need(isNonNegativeInt(d.monthlyPrice) && d.monthlyPrice > 0, '/monthlyPrice', 'whole qəpik > 0');
  p.need(isNonNegativeInt(d.sortOrder), '/sortOrder', 'a whole number ≥ 0');
  const durations = readDurations(p, d.durations);
  const allowances = readAllowances(p, d.allowances, d.kind);
  const texts = readTexts(p, d.texts);
  if (p.list.length > 0) {
    const code = isPlanCode(d.code) ? ` ${d.code}` : '';
    throw new DomainError('PLAN_INVALID', `the plan${code} is not valid`, p.list);
  }
  return {
    code: d.code as string,
    kind: d.kind as PlanKind,
    monthlyPrice: qepik(d.monthlyPrice as number),
    durations,
    allowances,
    texts,
    sortOrder: d.sortOrder as number,
  };
}

export function planText(plan: Plan, locale: Locale): PlanText {
  return plan.texts[locale];
}

export function offersDuration(plan: Plan, months: number): boolean {
  return plan.durations.includes(months);
}

/** The order every channel lists plans in: sortOrder, then code so equal ranks stay stable. */
export function sortPlans(plans: readonly Plan[]): Plan[] {
  return [...plans].sort((a, b) => a.sortOrder - b.sortOrder || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
