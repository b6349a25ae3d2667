// A line as its customer sees it: the operator's view without the SIM serial or the line's language.
import type { IsoDate } from '../domain/calendar.ts';
import type { Line } from '../domain/line.ts';
import type { ValidityPolicy } from '../domain/policy.ts';
import { viewLine, type LineView } from './line-view.ts';

export type CustomerLineView = Pick<LineView, 'msisdn' | 'status' | 'balance' | 'validUntil' | 'plan' | 'countdown'>;

export function viewCustomerLine(line: Line, today: IsoDate, policy: ValidityPolicy): CustomerLineView {
  const { msisdn, status, balance, validUntil, plan, countdown } = viewLine(line, today, policy);
  return { msisdn, status, balance, validUntil, plan, countdown };
}
