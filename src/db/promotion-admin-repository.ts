// Promotions as the back office and the public list see them: with their state (draft, published,
// paused, ended) and descriptions. Pricing keeps reading promotion-repository.ts (active only).
import { parsePromotion } from '../domain/promotions.ts';
import type { PromotionDraft, PromotionState } from '../domain/promotion-drafts.ts';
import type { PromotionDescriptions, StoredPromotion } from '../domain/promotion-offers.ts';
import type { Locale } from '../domain/money.ts';
import { isUniqueViolation, type Sql } from './database.ts';

export interface PromotionRecord extends PromotionDraft {
  readonly state: PromotionState;
  readonly createdAt: Date;
  readonly updatedAt: Date | null;
}

interface Row {
  code: string;
  document: Record<string, unknown>;
  descriptions: Partial<Record<Locale, string>> | null;
  state: PromotionState;
  created_at: Date;
  updated_at: Date | null;
}

const columns = 'code, document, descriptions, state, created_at, updated_at';

function toRecord(r: Row): PromotionRecord {
  return { code: r.code, document: r.document, descriptions: r.descriptions ?? {}, state: r.state, createdAt: r.created_at, updatedAt: r.updated_at };
}

/** Every promotion the back office lists: the live ones first, then drafts, paused, ended. */
export async function listPromotionRecords(sql: Sql): Promise<PromotionRecord[]> {
  const rows = await sql.query<Row>(
    `select ${columns} from promotions
      order by array_position(array['published', 'draft', 'paused', 'ended'], state), code`);
  return rows.map(toRecord);
}

/** One promotion; `lock` holds its row until the transaction ends, so two edits take turns. */
export async function findPromotionRecord(sql: Sql, code: string, lock = false): Promise<PromotionRecord | null> {
  const [row] = await sql.query<Row>(`select ${columns} from promotions where code = $1${lock ? ' for update' : ''}`, [code]);
  return row === undefined ? null : toRecord(row);
}

/** A new draft; false when the code is taken (by any promotion, ended ones included). */
export async function insertPromotionDraft(sql: Sql, draft: PromotionDraft, at: Date): Promise<boolean> {
  try {
    const rows = await sql.query(
      `insert into promotions (code, document, descriptions, active, state, created_at) values ($1, $2, $3, false, 'draft', $4)
       on conflict (code) do nothing returning 1`,
      [draft.code, JSON.stringify(draft.document), JSON.stringify(draft.descriptions), at]);
    return rows.length === 1;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function updatePromotionDraft(sql: Sql, draft: PromotionDraft, at: Date): Promise<void> {
  await sql.query('update promotions set document = $2, descriptions = $3, updated_at = $4 where code = $1',
    [draft.code, JSON.stringify(draft.document), JSON.stringify(draft.descriptions), at]);
}

/** Moves a promotion to a state; `active` (what pricing reads) follows it, as the table demands. */
export async function setPromotionState(sql: Sql, code: string, state: PromotionState, at: Date, document?: Readonly<Record<string, unknown>>): Promise<void> {
  await sql.query(
    `update promotions set state = $2, active = ($2 = 'published'), updated_at = $3, document = coalesce($4::jsonb, document) where code = $1`,
    [code, state, at, document === undefined ? null : JSON.stringify(document)]);
}

/** The published promotions with their descriptions, for the public list. */
export async function listPublishedPromotions(sql: Sql): Promise<StoredPromotion[]> {
  const rows = await sql.query<{ document: unknown; descriptions: PromotionDescriptions | null }>(
    'select document, descriptions from promotions where active order by code');
  return rows.map((r) => ({ promotion: parsePromotion(r.document), descriptions: r.descriptions }));
}

/** How many times this customer holds a use of each code (reserved for a live order, or redeemed). */
export async function countCustomerUsesByCode(sql: Sql, customerId: string): Promise<Record<string, number>> {
  const rows = await sql.query<{ code: string; n: number }>(
    `select c.code, count(*)::int8 as n from promo_claims c join orders o on o.id = c.order_id
      where c.holder_kind = 'customer' and c.holder = $1 and (c.status = 'redeemed' or o.status in ('pending_payment', 'paid'))
      group by c.code`,
    [customerId]);
  return Object.fromEntries(rows.map((r) => [r.code, Number(r.n)]));
}
