// The plans an agent may sell at the counter, and the names of every plan, in the console's
// language (English, then the code, when a plan has no text in it): a page in one language never
// shows a plan named in the customer's.
import type { Plan } from '../domain/catalog.ts';
import type { Locale } from '../domain/money.ts';
import { listActivePlans, listAllPlans } from '../db/plan-repository.ts';
import type { StaffDeps } from './staff-auth.ts';

export interface CounterPlanChoice {
  readonly code: string;
  readonly name: string;
}

const nameIn = (plan: Plan, language: Locale): string => plan.texts[language]?.name ?? plan.texts.en?.name ?? plan.code;

export async function listCounterPlans(deps: Pick<StaffDeps, 'db'>, language: Locale): Promise<CounterPlanChoice[]> {
  const plans = await listActivePlans(deps.db);
  return plans.map((plan) => ({ code: plan.code, name: nameIn(plan, language) }));
}

/** Plan code → name in `language`, for every plan ever sold (withdrawn ones included). */
export async function counterPlanNames(deps: Pick<StaffDeps, 'db'>, language: Locale): Promise<ReadonlyMap<string, string>> {
  const plans = await listAllPlans(deps.db);
  return new Map(plans.map((plan) => [plan.code, nameIn(plan, language)]));
}
