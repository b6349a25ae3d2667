// A number that has passed quarantine (recyclable) given to a new holder with a new SIM, and the
// rules of the reassigned-number check that banks call. Pure: the caller supplies today.
import { parseIsoDate, type IsoDate } from './calendar.ts';
import { DomainError, isDomainError } from './errors.ts';
import { statusOn } from './lifecycle.ts';
import { isValidIccid, type Line, type LineChange, type NewLine } from './line.ts';
import { qepik, subtractQepik } from './money.ts';
import type { ValidityPolicy } from './policy.ts';

/**
 * The line as the new holder gets it: the old holder's balance is written off (the number was
 * released, so nobody can claim it any more) and the new opening balance and validity are set,
 * as two ledger entries so the balance stays the sum of the ledger.
 */
export function reprovisionRecyclableLine(line: Line, input: NewLine, today: IsoDate, policy: ValidityPolicy): LineChange {
  if (line.status !== 'recyclable') {
    throw new DomainError('LINE_ALREADY_EXISTS', `${line.msisdn} is ${line.status}, not released: it still belongs to its holder`);
  }
  if (input.msisdn !== line.msisdn) throw new Error('reprovisionRecyclableLine: another number');
  if (!isValidIccid(input.iccid)) {
    throw new DomainError('INVALID_ICCID', `"${input.iccid}" is not an ICCID (19–20 digits from 89, Luhn check digit)`);
  }
  if (input.iccid === line.iccid) {
    throw new DomainError('LINE_ALREADY_EXISTS', `${line.msisdn} was released with this SIM: a new holder gets a new SIM`);
  }
  if (input.balance < 0) throw new DomainError('INVALID_AMOUNT', 'an opening balance cannot be negative');
  const writtenOff = line.balance === 0 ? [] : [{
    kind: 'adjustment' as const,
    amount: subtractQepik(qepik(0), line.balance),
    validUntilBefore: line.validUntil,
    validUntilAfter: line.validUntil,
    description: 'released number: the former holder\'s balance written off',
  }];
  return {
    line: { ...input, status: statusOn(input.validUntil, today, policy) },
    entries: [...writtenOff, {
      kind: 'opening_balance',
      amount: input.balance,
      validUntilBefore: line.validUntil,
      validUntilAfter: input.validUntil,
      description: 'opening balance and validity for the number\'s new holder',
    }],
    // The former holder's plan change must not follow the number.
    planSchedule: null,
  };
}

/**
 * The `since` day of a reassigned-number check: a real calendar day, not after today (Baku). A
 * day in the future cannot have an answer, and answering false would mislead the caller.
 */
export function parseReassignedSince(text: string | undefined, today: IsoDate): IsoDate {
  if (text === undefined || text === '') throw new DomainError('VALIDATION_FAILED', 'since=YYYY-MM-DD is required', [{ path: 'since', message: 'required' }]);
  let day: IsoDate;
  try {
    day = parseIsoDate(text);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    throw new DomainError('VALIDATION_FAILED', error.message, [{ path: 'since', message: error.message }]);
  }
  if (day > today) throw new DomainError('VALIDATION_FAILED', `since ${day} is in the future (today is ${today} in Baku)`, [{ path: 'since', message: 'in the future' }]);
  return day;
}
