// How a line is shown on every channel: the stored state plus the countdown to losing the number.
import type { IsoDate } from '../domain/calendar.ts';
import { countdown, type Countdown, type LineStatus } from '../domain/lifecycle.ts';
import type { Line } from '../domain/line.ts';
import type { Locale, Money } from '../domain/money.ts';
import type { ValidityPolicy } from '../domain/policy.ts';

export interface LineView {
  readonly msisdn: string;
  readonly iccid: string;
  readonly status: LineStatus;
  readonly balance: Money;
  readonly validUntil: IsoDate;
  readonly plan: string | null;
  readonly language: Locale;
  readonly countdown: Countdown;
}

export function viewLine(line: Line, today: IsoDate, policy: ValidityPolicy): LineView {
  return {
    msisdn: line.msisdn,
    iccid: line.iccid,
    status: line.status,
    balance: { amount: line.balance, currency: 'AZN' },
    validUntil: line.validUntil,
    plan: line.planCode,
    language: line.language,
    countdown: countdown(line.validUntil, today, policy),
  };
}
