// `saxla import-catalog FILE.json`: the operator's plans and promotions, checked whole (every
// problem named by its JSON path), then written in one transaction with its audit row. Idempotent:
// a plan or promotion equal to the file's is not touched, so a second import reports 0 changed.
import { createHash } from 'node:crypto';
import type { Instant } from '../domain/calendar.ts';
import { catalogInvalid, parseCatalogFile, type CatalogFile } from '../domain/catalog-file.ts';
import type { ErrorDetail } from '../domain/errors.ts';
import type { Database } from '../db/database.ts';
import { importPlans, listPlanCodes, type UpsertCounts } from '../db/plan-repository.ts';
import { importPromotions } from '../db/promotion-repository.ts';
import { writeAudit } from './staff-audit.ts';

export interface ImportDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

/** Who ran the import, for the audit log: the command line, or the demo seeding. */
export type ImportActor = 'cli' | 'demo-seed';

export interface ImportTally extends UpsertCounts {
  /** Entries in the file equal to what was already stored. */
  readonly unchanged: number;
}

export interface CatalogImportResult {
  readonly plans: ImportTally;
  readonly promotions: ImportTally;
  /** Rows created or updated, over both lists: 0 when the same file is imported again. */
  readonly changed: number;
  /** SHA-256 of the file as read, hex: which file this was, in the audit log. */
  readonly sha256: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function tally(total: number, counts: UpsertCounts): ImportTally {
  return { ...counts, unchanged: total - counts.created - counts.updated };
}

/** A promotion may cover plans by code; each must be in the file or already in the catalogue. */
function unknownPlanCodes(file: CatalogFile, stored: readonly string[]): ErrorDetail[] {
  const known = new Set([...stored, ...file.plans.map((e) => e.value.code)]);
  const problems: ErrorDetail[] = [];
  for (const { path, value } of file.promotions) {
    if (value.kind !== 'automatic' && value.kind !== 'code') continue;
    (value.planCodes ?? []).forEach((code, i) => {
      if (!known.has(code)) problems.push({ path: `${path}/planCodes/${i}`, message: `no plan ${code} in this file or in the catalogue` });
    });
  }
  return problems;
}

export async function importCatalog(deps: ImportDeps, text: string, actor: ImportActor = 'cli'): Promise<CatalogImportResult> {
  const file = parseCatalogFile(text);
  const sha256 = sha256Hex(text);
  return deps.db.tx(async (sql) => {
    const problems = unknownPlanCodes(file, await listPlanCodes(sql));
    if (problems.length > 0) throw catalogInvalid(problems);
    const plans = tally(file.plans.length, await importPlans(sql, file.plans.map((e) => ({ plan: e.value, active: e.active }))));
    const promotions = tally(file.promotions.length,
      await importPromotions(sql, file.promotions.map((e) => ({ promotion: e.value, active: e.active, ...(e.descriptions ? { descriptions: e.descriptions } : {}) }))));
    const changed = plans.created + plans.updated + promotions.created + promotions.updated;
    await writeAudit(sql, {
      staffId: null, storeId: null, action: 'catalog.imported',
      detail: { actor, sha256, changed, plans, promotions },
    }, { ip: null, userAgent: null }, deps.now());
    return { plans, promotions, changed, sha256 };
  });
}

/** One line for the terminal: what the import did. */
export function describeCatalogImport(r: CatalogImportResult): string {
  const part = (name: string, t: ImportTally): string => `${name}: ${t.created} new, ${t.updated} updated, ${t.unchanged} unchanged`;
  return `${part('plans', r.plans)}; ${part('promotions', r.promotions)}; ${r.changed} changed (sha256 ${r.sha256.slice(0, 12)})`;
}
