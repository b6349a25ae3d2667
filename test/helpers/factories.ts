// Small builders for test data: valid ICCIDs and Azerbaijani numbers, fixed clocks.
import { instantFromEpochMs, parseInstant, type Instant } from '../../src/domain/calendar.ts';
import { withIccidCheckDigit } from '../../src/domain/line.ts';
import { parseValidityPolicy, type ValidityPolicy } from '../../src/domain/policy.ts';
import demoPolicy from '../../src/policies/demo-2024.json' with { type: 'json' };

export const policy: ValidityPolicy = parseValidityPolicy(demoPolicy);

/** A 19-digit ICCID from 89994 with a correct Luhn check digit. */
export function iccidFor(serial: number): string {
  return withIccidCheckDigit(`89994${String(serial).padStart(13, '0')}`);
}

/** +99450xxxxxxx numbers from a serial. */
export function msisdnFor(serial: number, prefix = '50'): string {
  return `+994${prefix}${String(serial).padStart(7, '0')}`;
}

/** A clock that tests can move. */
export function fixedClock(iso: string): { now: () => Instant; set: (iso: string) => void; advanceMs: (ms: number) => void } {
  let current = parseInstant(iso);
  return {
    now: () => current,
    set: (next) => { current = parseInstant(next); },
    advanceMs: (ms) => { current = instantFromEpochMs(current + ms); },
  };
}
