// The operator's catalogue file (`saxla import-catalog FILE.json`): plans and promotions as the
// documents parsePlan and parsePromotion already check, plus an optional `active: false` to stop
// selling one. Checked whole, so every problem is reported at once with its JSON path.
import { parsePlan, type Plan } from './catalog.ts';
import { DomainError, isDomainError, type ErrorDetail } from './errors.ts';
import { locales, type Locale } from './money.ts';
import { PROMOTION_DESCRIPTION_MAX } from './promotion-drafts.ts';
import { missingLanguages, type PromotionDescriptions } from './promotion-offers.ts';
import { parsePromotion, type Promotion } from './promotions.ts';

export interface CatalogEntry<T> {
  /** JSON pointer of the entry in the file, e.g. "/plans/3". */
  readonly path: string;
  readonly value: T;
  /** false: kept (lines and orders refer to it) but no longer offered. */
  readonly active: boolean;
  /** A promotion's description in every language, for the public list; optional in the file. */
  readonly descriptions?: PromotionDescriptions;
}

export interface CatalogFile {
  readonly plans: readonly CatalogEntry<Plan>[];
  readonly promotions: readonly CatalogEntry<Promotion>[];
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function readJson(text: string): unknown {
  try {
    // A BOM is what some editors on Windows put first; JSON.parse would refuse it.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // V8's message names the line and column ("… at position 57 (line 4 column 7)").
    const message = (error as Error).message;
    throw new DomainError('VALIDATION_FAILED', `the file is not JSON: ${message}`, [{ path: '', message }]);
  }
}

/** Reads one list, handing each entry without its `active` flag to the domain parser. */
function readEntries<T>(
  list: unknown, name: 'plans' | 'promotions', parse: (doc: unknown) => T, problems: ErrorDetail[],
): CatalogEntry<T>[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push({ path: `/${name}`, message: 'a list' });
    return [];
  }
  const entries: CatalogEntry<T>[] = [];
  list.forEach((item: unknown, i) => {
    const path = `/${name}/${i}`;
    const record = asRecord(item);
    if (record === null) {
      problems.push({ path, message: 'an object' });
      return;
    }
    const { active, descriptions, ...doc } = record;
    if (active !== undefined && typeof active !== 'boolean') problems.push({ path: `${path}/active`, message: 'true or false' });
    // Only promotions carry descriptions beside their document; on a plan the field stays and is refused by parsePlan.
    const texts = name === 'promotions' ? readDescriptions(descriptions, `${path}/descriptions`, problems) : undefined;
    if (name !== 'promotions' && descriptions !== undefined) Object.assign(doc, { descriptions });
    try {
      entries.push({ path, value: parse(doc), active: active !== false, ...(texts === undefined ? {} : { descriptions: texts }) });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      for (const d of error.details) problems.push({ ...d, path: `${path}${d.path ?? ''}` });
    }
  });
  return entries;
}

/** Absent, or a description in every customer language (one line, at most PROMOTION_DESCRIPTION_MAX characters). */
function readDescriptions(value: unknown, path: string, problems: ErrorDetail[]): PromotionDescriptions | undefined {
  if (value === undefined) return undefined;
  const record = asRecord(value) ?? {};
  const out: Partial<Record<Locale, string>> = {};
  for (const key of Object.keys(record)) if (!(locales as readonly string[]).includes(key)) problems.push({ path: `${path}/${key}`, message: 'unknown language' });
  for (const locale of locales) {
    const text = record[locale];
    if (typeof text !== 'string' || text.trim() === '' || [...text].length > PROMOTION_DESCRIPTION_MAX || /\p{Cc}/u.test(text)) {
      problems.push({ path: `${path}/${locale}`, message: `a single line of at most ${PROMOTION_DESCRIPTION_MAX} characters; every language is required` });
    } else out[locale] = text.trim();
  }
  return missingLanguages(out).length === 0 ? (out as PromotionDescriptions) : undefined;
}

function refuseDuplicates(entries: readonly CatalogEntry<{ readonly code: string }>[], problems: ErrorDetail[]): void {
  const first = new Map<string, string>();
  for (const e of entries) {
    const earlier = first.get(e.value.code);
    if (earlier) problems.push({ path: `${e.path}/code`, message: `${e.value.code} is listed twice (also at ${earlier})` });
    else first.set(e.value.code, e.path);
  }
}

/** Parses and checks a whole catalogue file; any problem refuses all of it (VALIDATION_FAILED). */
export function parseCatalogFile(text: string): CatalogFile {
  const doc = asRecord(readJson(text));
  if (doc === null) throw new DomainError('VALIDATION_FAILED', 'the catalogue must be a JSON object {"plans": [...], "promotions": [...]}', [{ path: '', message: 'an object' }]);
  const problems: ErrorDetail[] = [];
  for (const key of Object.keys(doc)) {
    if (key !== 'plans' && key !== 'promotions') problems.push({ path: `/${key}`, message: 'unknown field (plans, promotions)' });
  }
  const plans = readEntries(doc.plans, 'plans', parsePlan, problems);
  const promotions = readEntries(doc.promotions, 'promotions', parsePromotion, problems);
  // The plans table wants 2 characters where the document allows 1.
  for (const e of plans) {
    if (e.value.code.length < 2) problems.push({ path: `${e.path}/code`, message: 'at least 2 characters' });
  }
  refuseDuplicates(plans, problems);
  refuseDuplicates(promotions, problems);
  if (problems.length === 0 && plans.length + promotions.length === 0) problems.push({ path: '', message: 'no plans and no promotions' });
  if (problems.length > 0) throw catalogInvalid(problems);
  return { plans, promotions };
}

/** The one error an invalid catalogue gives: the first problem in the message, all in the details. */
export function catalogInvalid(problems: readonly ErrorDetail[]): DomainError {
  const [first] = problems;
  const where = first?.path ? `${first.path}: ` : '';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new DomainError('VALIDATION_FAILED', `the catalogue is not valid: ${where}${first?.message ?? ''}${more}`, problems);
}
