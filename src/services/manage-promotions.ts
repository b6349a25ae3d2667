// The promotions back office: marketing staff (or an admin) draft a promotion or a code, publish
// it (every language required), pause, resume and end it. Each change is one transaction with its
// audit row; the promotion's row is locked first, so two people editing take turns.
import { parseInstant, type Instant } from '../domain/calendar.ts';
import { planText } from '../domain/catalog.ts';
import { DomainError } from '../domain/errors.ts';
import type { Locale } from '../domain/money.ts';
import {
  displayState, draftFromForm, nextPromotionState, publishableDraft, type PromotionAction, type PromotionForm, type PromotionState,
} from '../domain/promotion-drafts.ts';
import { normalizePromoCode } from '../domain/promotions.ts';
import type { Database, Sql } from '../db/database.ts';
import { listActivePlans, listPlanCodes } from '../db/plan-repository.ts';
import {
  findPromotionRecord, insertPromotionDraft, listPromotionRecords, setPromotionState, updatePromotionDraft, type PromotionRecord,
} from '../db/promotion-admin-repository.ts';
import { writeAudit } from './staff-audit.ts';
import { assertMarketing, type StaffActor } from './staff-scope.ts';

export interface MarketingDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

export interface PromotionSummary extends PromotionRecord {
  /** The state as staff read it: a published promotion before its first day is 'scheduled'. */
  readonly shownState: PromotionState | 'scheduled';
}

function summarise(record: PromotionRecord, now: Instant): PromotionSummary {
  const from = typeof record.document.validFrom === 'string' ? parseInstant(record.document.validFrom) : null;
  return { ...record, shownState: displayState(record.state, from, now) };
}

export async function listPromotionsForStaff(deps: MarketingDeps, actor: StaffActor): Promise<PromotionSummary[]> {
  assertMarketing(actor.staff);
  const now = deps.now();
  return (await listPromotionRecords(deps.db)).map((r) => summarise(r, now));
}

export async function readPromotionForStaff(deps: MarketingDeps, actor: StaffActor, code: string): Promise<PromotionSummary> {
  assertMarketing(actor.staff);
  const record = await findPromotionRecord(deps.db, normalizePromoCode(code));
  if (!record) throw new DomainError('NOT_FOUND', `no promotion ${code}`);
  return summarise(record, deps.now());
}

/** The plans a promotion may be limited to, named in the console's language. */
export async function listPromotionPlans(deps: MarketingDeps, actor: StaffActor, locale: Locale): Promise<{ code: string; name: string }[]> {
  assertMarketing(actor.staff);
  return (await listActivePlans(deps.db)).map((p) => ({ code: p.code, name: planText(p, locale).name }));
}

async function assertPlansExist(sql: Sql, document: Readonly<Record<string, unknown>>): Promise<void> {
  const wanted = Array.isArray(document.planCodes) ? (document.planCodes as string[]) : [];
  const known = new Set(await listPlanCodes(sql));
  const missing = wanted.filter((code) => !known.has(code));
  if (missing.length > 0) {
    throw new DomainError('PROMOTION_INVALID', `no plan ${missing.join(', ')} in the catalogue`, missing.map((code) => ({ path: '/planCodes', message: `no plan ${code}` })));
  }
}

export async function createPromotion(deps: MarketingDeps, actor: StaffActor, form: PromotionForm): Promise<string> {
  assertMarketing(actor.staff);
  const draft = draftFromForm(form);
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    await assertPlansExist(sql, draft.document);
    if (!(await insertPromotionDraft(sql, draft, new Date(now)))) {
      throw new DomainError('PROMOTION_EXISTS', `a promotion with the code ${draft.code} exists already (codes are never reused)`, [{ path: '/code', message: 'taken' }]);
    }
    await writeAudit(sql, { staffId: actor.staff.id, storeId: null, action: 'promotion.create', detail: { code: draft.code, document: draft.document } }, actor.origin, now);
  });
  return draft.code;
}

/** Locks the promotion and checks the action is allowed from its state. */
async function lockFor(sql: Sql, code: string, action: PromotionAction): Promise<{ record: PromotionRecord; next: PromotionState }> {
  const record = await findPromotionRecord(sql, normalizePromoCode(code), true);
  if (!record) throw new DomainError('NOT_FOUND', `no promotion ${code}`);
  return { record, next: nextPromotionState(record.state, action) };
}

/** New terms and texts for a draft or a paused promotion; its code stays. */
export async function editPromotion(deps: MarketingDeps, actor: StaffActor, code: string, form: PromotionForm): Promise<void> {
  assertMarketing(actor.staff);
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    const { record } = await lockFor(sql, code, 'edit');
    const draft = draftFromForm({ ...form, code: record.code });
    await assertPlansExist(sql, draft.document);
    await updatePromotionDraft(sql, draft, new Date(now));
    await writeAudit(sql, {
      staffId: actor.staff.id, storeId: null, action: 'promotion.update',
      detail: { code: record.code, before: record.document, after: draft.document },
    }, actor.origin, now);
  });
}

/** Publish (from a draft or paused; every language required), pause or end. */
export async function changePromotionState(deps: MarketingDeps, actor: StaffActor, code: string, action: Exclude<PromotionAction, 'edit'>): Promise<PromotionState> {
  assertMarketing(actor.staff);
  const now = deps.now();
  return deps.db.tx(async (sql) => {
    const { record, next } = await lockFor(sql, code, action);
    if (action === 'publish') {
      await assertPlansExist(sql, record.document);
      publishableDraft(record, now);
    }
    await setPromotionState(sql, record.code, next, new Date(now));
    await writeAudit(sql, { staffId: actor.staff.id, storeId: null, action: `promotion.${action}`, detail: { code: record.code, from: record.state, to: next } }, actor.origin, now);
    return next;
  });
}
