// `saxla import-stores FILE.csv`: the operator's stores (names, addresses, phones, hours,
// counters), checked whole (every problem named by its file line), then written in one
// transaction with its audit row. Idempotent: a store equal to its line is not touched.
import { DomainError, type ErrorDetail } from '../domain/errors.ts';
import { parseStoresCsv, type StoreImportRow } from '../domain/stores-file.ts';
import { isUniqueViolation, type Sql } from '../db/database.ts';
import { importStores as upsertStores, listStoreCodes } from '../db/store-repository.ts';
import { sha256Hex, tally, type ImportActor, type ImportDeps, type ImportTally } from './import-catalog.ts';
import { writeAudit } from './staff-audit.ts';

export interface StoresImportResult {
  readonly stores: ImportTally;
  /** 0 when the same file is imported again. */
  readonly changed: number;
  readonly sha256: string;
  /** Ids of the stores this import created (the demo books its sample visits in those only). */
  readonly createdIds: readonly string[];
}

/** A receipt code printed by a store that is not this line's would make receipt numbers ambiguous. */
async function codeClashes(sql: Sql, rows: readonly StoreImportRow[]): Promise<ErrorDetail[]> {
  const holders = await listStoreCodes(sql);
  const inFile = new Set(rows.map((r) => r.store.id));
  return rows.flatMap(({ line, store }) => {
    const holder = holders.get(store.code);
    return holder !== undefined && holder !== store.id && !inFile.has(holder)
      ? [{ row: line, message: `line ${line}, code: ${store.code} is the receipt code of store ${holder}` }]
      : [];
  });
}

/** Stores written row by row: two stores trading codes collide half way, which the database refuses. */
async function writeStores(sql: Sql, rows: readonly StoreImportRow[]): Promise<Awaited<ReturnType<typeof upsertStores>>> {
  try {
    return await upsertStores(sql, rows);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new DomainError('CSV_INVALID', 'two stores in the file trade receipt codes; give one a new code first, then import again');
  }
}

export async function importStoresCsv(
  deps: ImportDeps, text: string, options: { readonly actor?: ImportActor; readonly demo?: boolean } = {},
): Promise<StoresImportResult> {
  const rows = parseStoresCsv(text, { demo: options.demo ?? false });
  const sha256 = sha256Hex(text);
  return deps.db.tx(async (sql) => {
    const clashes = await codeClashes(sql, rows);
    if (clashes.length > 0) throw new DomainError('CSV_INVALID', clashes[0]?.message ?? 'receipt codes clash', clashes);
    const { createdIds, ...counts } = await writeStores(sql, rows);
    const stores = tally(rows.length, counts);
    const changed = stores.created + stores.updated;
    await writeAudit(sql, {
      staffId: null, storeId: null, action: 'stores.imported',
      detail: { actor: options.actor ?? 'cli', sha256, changed, stores },
    }, { ip: null, userAgent: null }, deps.now());
    return { stores, changed, sha256, createdIds };
  });
}

export function describeStoresImport(r: StoresImportResult): string {
  const t = r.stores;
  return `stores: ${t.created} new, ${t.updated} updated, ${t.unchanged} unchanged; ${r.changed} changed (sha256 ${r.sha256.slice(0, 12)})`;
}
