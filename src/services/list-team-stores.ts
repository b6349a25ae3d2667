// Stores as the console names them: the store's name in the console's language (through the
// store text each language reads), for the team page's choice, the report and the audit log,
// instead of internal ids. The stores a new account may be placed in: every store for an admin,
// the manager's own store otherwise (the team page offers the choice to admins only).
import type { Locale } from '../domain/money.ts';
import { storeTextLanguage } from '../domain/store-schedule.ts';
import { listStores } from '../db/store-repository.ts';
import type { StaffDeps } from './staff-auth.ts';
import type { StaffActor } from './staff-scope.ts';

export interface StoreChoice {
  readonly id: string;
  readonly name: string;
}

/** Store id → its name in `language`, for the stores in business (a closed one is shown by its id). */
export async function counterStoreNames(deps: Pick<StaffDeps, 'db'>, language: Locale): Promise<ReadonlyMap<string, string>> {
  const stores = await listStores(deps.db);
  return new Map(stores.map((store) => [store.id, store.names[storeTextLanguage[language]]]));
}

export async function listTeamStores(deps: Pick<StaffDeps, 'db'>, actor: StaffActor, language: Locale): Promise<StoreChoice[]> {
  const names = await counterStoreNames(deps, language);
  const ids = actor.staff.role === 'admin' ? [...names.keys()] : actor.staff.storeId === null ? [] : [actor.staff.storeId];
  return ids.map((id) => ({ id, name: names.get(id) ?? id }));
}
