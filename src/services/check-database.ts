// Readiness: whether the database answers a trivial query, and which engine it is.
import type { Database } from '../db/database.ts';

export interface DatabaseReadiness {
  readonly engine: Database['engine'];
}

/** Resolves when the database answers; rejects with the driver's error when it does not. */
export async function checkDatabase(deps: { readonly db: Database }): Promise<DatabaseReadiness> {
  await deps.db.query('select 1');
  return { engine: deps.db.engine };
}
