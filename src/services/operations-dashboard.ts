// The operations page of the staff console (managers and admins): today's renewals, top-ups and
// failures, the SMS delivery rate, and the lines whose last active day falls within seven days.
import { addDays, operatorDay, startOfOperatorDay } from '../domain/calendar.ts';
import { readOperationsDay, type OperationsDay } from '../db/operations-dashboard-repository.ts';
import type { StaffDeps } from './staff-auth.ts';
import { assertManager, type StaffActor } from './staff-scope.ts';

export interface OperationsDashboard extends OperationsDay {
  readonly day: string;
  /** Delivered among the SMS of the day that reached an end; undefined before any did. */
  readonly deliveryRate: number | undefined;
  readonly oneWaySoon: number;
}

export async function readOperationsDashboard(deps: StaffDeps, actor: StaffActor): Promise<OperationsDashboard> {
  assertManager(actor.staff);
  const today = operatorDay(deps.now());
  const day = await readOperationsDay(deps.db, new Date(startOfOperatorDay(today)), new Date(startOfOperatorDay(addDays(today, 1))), today, addDays(today, 6));
  const ended = day.smsDelivered + day.smsNotDelivered;
  return {
    ...day, day: today,
    deliveryRate: ended === 0 ? undefined : day.smsDelivered / ended,
    oneWaySoon: day.lastDays.reduce((sum, d) => sum + d.lines, 0),
  };
}
