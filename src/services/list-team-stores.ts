// The stores a new staff account may be placed in: every store for an admin, the manager's own
// store otherwise (the team page offers the choice to admins only).
import { listStores } from '../db/store-repository.ts';
import type { StaffDeps } from './staff-auth.ts';
import type { StaffActor } from './staff-scope.ts';

export async function listTeamStores(deps: Pick<StaffDeps, 'db'>, actor: StaffActor): Promise<string[]> {
  if (actor.staff.role !== 'admin') return actor.staff.storeId === null ? [] : [actor.staff.storeId];
  return (await listStores(deps.db)).map((store) => store.id);
}
