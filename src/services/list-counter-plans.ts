// The plans an agent may sell at the counter, named in the console's language (English, then the
// code, when a plan has no text in it).
import type { Locale } from '../domain/money.ts';
import { listActivePlans } from '../db/plan-repository.ts';
import type { StaffDeps } from './staff-auth.ts';

export interface CounterPlanChoice {
  readonly code: string;
  readonly name: string;
}

export async function listCounterPlans(deps: Pick<StaffDeps, 'db'>, language: Locale): Promise<CounterPlanChoice[]> {
  const plans = await listActivePlans(deps.db);
  return plans.map((plan) => ({ code: plan.code, name: plan.texts[language]?.name ?? plan.texts.en?.name ?? plan.code }));
}
