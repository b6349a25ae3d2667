// A session's stored state read back from the database: checked, so a row written by an older
// version (or tampered with) starts over at home instead of reaching a screen that no longer exists.
import { initialUssdState, type UssdSessionState } from './ussd-menu.ts';

const knownScreens = ['home', 'renew_plans', 'renew_months', 'renew_confirm', 'plans', 'plan_detail', 'top_ups', 'language', 'menu', 'renewed', 'insufficient', 'closed'];
/** Reads a stored state back; anything unrecognisable starts over at home. */
export function parseUssdSessionState(value: unknown): UssdSessionState {
  const v = value as { current?: { screen?: unknown }; trail?: unknown } | null;
  const ok = v !== null && typeof v.current?.screen === 'string' && knownScreens.includes(v.current.screen) && Array.isArray(v.trail);
  return ok ? (v as UssdSessionState) : initialUssdState;
}
