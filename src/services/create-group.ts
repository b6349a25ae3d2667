// A payer starts a family group on a family plan; members join later, each with its own code.
import { randomUUID } from 'node:crypto';
import { operatorDay, type Instant } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { assertFamilyPlan } from '../domain/groups.ts';
import type { Database } from '../db/database.ts';
import { insertGroup } from '../db/group-repository.ts';
import { findPlan } from '../db/plan-repository.ts';

export interface CreateGroupRequest {
  readonly planCode: string;
  readonly name?: string;
}

export async function createGroup(deps: { readonly db: Database; readonly now: () => Instant }, customerId: string, request: CreateGroupRequest): Promise<{ groupId: string }> {
  const now = deps.now();
  const name = request.name === undefined ? null : request.name.trim();
  // One line, as the payer typed it: a line break or control character would break the pages' lists.
  if (name !== null && (name.length === 0 || [...name].length > 60 || /\p{Cc}/u.test(name))) {
    throw new DomainError('VALIDATION_FAILED', 'a group name is one line of 1 to 60 characters', [{ path: '/name', message: '1 to 60 characters' }]);
  }
  return deps.db.tx(async (sql) => {
    const plan = await findPlan(sql, request.planCode);
    if (!plan) throw new DomainError('PLAN_NOT_FOUND', `no plan ${request.planCode}`);
    assertFamilyPlan(plan);
    const groupId = randomUUID();
    await insertGroup(sql, { id: groupId, planCode: plan.code, payerId: customerId, name, createdOn: operatorDay(now) }, new Date(now));
    return { groupId };
  });
}
