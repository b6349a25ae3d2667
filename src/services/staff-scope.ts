// What a staff member may touch: agents and managers their own store only; an operator admin any
// store's reports and the audit log, but counter work only as store staff (someone at a counter).
import { DomainError } from '../domain/errors.ts';
import type { StaffMember } from '../db/staff-repository.ts';
import type { RequestOrigin } from './staff-audit.ts';

export interface StaffActor {
  readonly staff: StaffMember;
  readonly origin: RequestOrigin;
}

/** The store a counter action happens at; refuses staff without one. */
export function counterStoreOf(staff: StaffMember): string {
  if (staff.storeId === null || (staff.role !== 'agent' && staff.role !== 'manager')) throw new DomainError('FORBIDDEN', 'counter work is done by a store’s agents and managers');
  return staff.storeId;
}

/** Refuses a store other than the staff member's own (admins see every store). */
export function assertStoreAccess(staff: StaffMember, storeId: string): void {
  if (staff.role === 'admin') return;
  if (staff.storeId !== storeId) throw new DomainError('FORBIDDEN', 'this belongs to another store');
}

export function assertManager(staff: StaffMember): void {
  // Named, not "not an agent": support, marketing (and later roles) must not slip into managers' pages.
  if (staff.role !== 'manager' && staff.role !== 'admin') throw new DomainError('FORBIDDEN', 'only a store manager or an admin can see this');
}

/** Promotions and announcements: the marketing team, or an operator admin. */
export function assertMarketing(staff: StaffMember): void {
  if (staff.role !== 'marketing' && staff.role !== 'admin') throw new DomainError('FORBIDDEN', 'only marketing staff or an admin can change promotions and announcements');
}

/** Roles that belong to no store: the operator's head office. */
export function isHeadOfficeRole(role: StaffMember['role']): boolean {
  return role === 'admin' || role === 'marketing';
}
