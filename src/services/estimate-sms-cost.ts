// What a typical reminder costs in SMS parts in each language, under this SMSC's settings.
import type { NationalLanguage } from '../domain/gsm-alphabets.ts';
import { reminderCosts, type ReminderCost } from '../domain/sms-cost.ts';

export interface SmsCostDeps {
  /** SMS_NATIONAL_LANGUAGE_TABLES: with `tr`, Turkish texts stay 7-bit and cost fewer parts. */
  readonly nationalLanguageTables: readonly NationalLanguage[];
}

export function estimateSmsCost(deps: SmsCostDeps): ReminderCost[] {
  return reminderCosts({ nationalLanguageTables: deps.nationalLanguageTables });
}
