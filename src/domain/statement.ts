// A line's statement: which days it covers, and the balance after each entry. Pure: the caller
// passes today and the rows; the database only finds them.
import { addDays, daysBetween, parseIsoDate, type IsoDate } from './calendar.ts';
import { DomainError } from './errors.ts';
import { addQepik, type Qepik } from './money.ts';

/** Without from/to a statement covers the last 90 days, today included. */
export const DEFAULT_STATEMENT_DAYS = 90;
/** One leap year, so "this day last year to today" always fits. */
export const MAX_STATEMENT_DAYS = 366;

export interface StatementPeriod {
  readonly from: IsoDate;
  /** Inclusive: the statement runs to the end of this day in Asia/Baku. */
  readonly to: IsoDate;
}

function dayOrRefuse(text: string, name: 'from' | 'to'): IsoDate {
  try {
    return parseIsoDate(text);
  } catch {
    throw new DomainError('INVALID_PERIOD', `${name} must be a calendar day YYYY-MM-DD, got "${text}"`, [{ path: `querystring/${name}`, code: 'INVALID_DATE', message: `${name} is not a calendar day` }]);
  }
}

/** The period asked for, with the defaults filled in; a reversed or over-long period is refused. */
export function resolveStatementPeriod(asked: { readonly from?: string | undefined; readonly to?: string | undefined }, today: IsoDate): StatementPeriod {
  const to = asked.to === undefined ? (asked.from === undefined ? today : laterDefaultEnd(dayOrRefuse(asked.from, 'from'), today)) : dayOrRefuse(asked.to, 'to');
  const from = asked.from === undefined ? addDays(to, 1 - DEFAULT_STATEMENT_DAYS) : dayOrRefuse(asked.from, 'from');
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new DomainError('INVALID_PERIOD', `from (${from}) is after to (${to})`);
  if (days > MAX_STATEMENT_DAYS) throw new DomainError('INVALID_PERIOD', `a statement covers at most ${MAX_STATEMENT_DAYS} days; this asks for ${days}`);
  return { from, to };
}

// Only `from` given: up to today, but never past the longest period, so "from last year" works.
function laterDefaultEnd(from: IsoDate, today: IsoDate): IsoDate {
  const longest = addDays(from, MAX_STATEMENT_DAYS - 1);
  return today < from ? from : today < longest ? today : longest;
}

export interface LedgerRow {
  readonly amount: Qepik;
}

/** Each row with the balance after it, starting from the opening balance; and the closing one. */
export function runBalances<R extends LedgerRow>(opening: Qepik, rows: readonly R[]): { rows: (R & { balanceAfter: Qepik })[]; closing: Qepik } {
  let balance = opening;
  const out = rows.map((row) => {
    balance = addQepik(balance, row.amount);
    return { ...row, balanceAfter: balance };
  });
  return { rows: out, closing: balance };
}
