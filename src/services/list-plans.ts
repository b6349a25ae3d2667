// The plans on sale, for the public catalogue; the channel picks each plan's text in its language.
import type { Plan } from '../domain/catalog.ts';
import type { Sql } from '../db/database.ts';
import { listActivePlans } from '../db/plan-repository.ts';

export async function listPlansOnSale(deps: { readonly db: Sql }): Promise<Plan[]> {
  return listActivePlans(deps.db);
}
