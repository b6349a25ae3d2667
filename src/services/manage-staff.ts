// Staff accounts from the console: an admin creates any account (an admin belongs to no store), a
// store manager creates agents of their own store; the one-time password and the TOTP enrolment
// are returned once, to be shown once. Deactivating ends the account's sessions. All audited.
import { DomainError } from '../domain/errors.ts';
import { deactivateStaffAccount, findStaffById, listStaff, type StaffMember, type StaffRole } from '../db/staff-repository.ts';
import { writeAudit } from './staff-audit.ts';
import { createStaff, type NewStaffCredentials, type StaffDeps } from './staff-auth.ts';
import { assertManager, isHeadOfficeRole, type StaffActor } from './staff-scope.ts';

/** What the actor may do to an account of `role` at `storeId`: admins anything, managers their store's agents. */
function assertMayManage(actor: StaffActor, role: StaffRole, storeId: string | null): void {
  assertManager(actor.staff);
  if (actor.staff.role === 'admin') return;
  if (role !== 'agent' || storeId !== actor.staff.storeId) throw new DomainError('FORBIDDEN', 'a store manager manages the agents of their own store only');
}

export async function createStaffInConsole(deps: StaffDeps, actor: StaffActor, input: { role: StaffRole; storeId: string | null; phone: string; name?: string }): Promise<NewStaffCredentials> {
  // Managers create at their own store whatever the form says; an admin account has no store.
  const storeId = actor.staff.role === 'manager' ? actor.staff.storeId : isHeadOfficeRole(input.role) ? null : input.storeId;
  if (!isHeadOfficeRole(input.role) && !storeId) throw new DomainError('VALIDATION_FAILED', 'agents and managers belong to a store: choose one', [{ path: 'storeId', message: 'required' }]);
  assertMayManage(actor, input.role, storeId);
  return createStaff(deps, { role: input.role, storeId, phone: input.phone, name: input.name }, { staffId: actor.staff.id, origin: actor.origin });
}

export async function deactivateStaff(deps: StaffDeps, actor: StaffActor, staffId: string): Promise<void> {
  if (staffId === actor.staff.id) throw new DomainError('FORBIDDEN', 'you cannot deactivate your own account');
  const now = deps.now();
  await deps.db.tx(async (sql) => {
    const target = await findStaffById(sql, staffId, true);
    if (!target) throw new DomainError('NOT_FOUND', `no staff account ${staffId}`);
    assertMayManage(actor, target.role, target.storeId);
    const changed = await deactivateStaffAccount(sql, target.id, new Date(now));
    if (changed) await writeAudit(sql, { staffId: actor.staff.id, storeId: target.storeId, action: 'staff.deactivate', detail: { targetStaffId: target.id, role: target.role } }, actor.origin, now);
  });
}

export async function listTeam(deps: StaffDeps, actor: StaffActor): Promise<StaffMember[]> {
  assertManager(actor.staff);
  return listStaff(deps.db, actor.staff.role === 'admin' ? null : actor.staff.storeId);
}
