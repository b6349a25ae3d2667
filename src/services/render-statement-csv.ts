// A statement as CSV (RFC 4180: CRLF, quoted when needed) that a spreadsheet opens as-is: UTF-8
// with a byte-order mark, or Excel reads "ə" as mojibake; amounts as plain decimals with a dot and
// the currency in its own column, so they stay numbers whatever the spreadsheet's locale.
import { formatQepikAsDecimal, type Money } from '../domain/money.ts';
import type { Statement } from './get-statement.ts';

const BOM = '\uFEFF';

export const STATEMENT_CSV_HEADER = ['date', 'kind', 'description', 'amount', 'currency', 'balance_after', 'valid_until_before', 'valid_until_after', 'reference'] as const;

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): text we
// did not write entirely ourselves gets a leading apostrophe. Amounts are ours and may start with "-".
const formulaStart = /^[=+\-@\t\r]/;

export function guardCell(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

const decimal = (m: Money): string => formatQepikAsDecimal(m.amount);

export function renderStatementCsv(statement: Statement): string {
  const rows: string[][] = [[...STATEMENT_CSV_HEADER]];
  rows.push([statement.openingBalanceAt, 'balance_brought_forward', '', '', statement.openingBalance.currency, decimal(statement.openingBalance), '', '', '']);
  for (const e of statement.entries) {
    rows.push([
      e.at, guardCell(e.kind), guardCell(e.description), decimal(e.amount), e.amount.currency, decimal(e.balanceAfter),
      e.validUntilBefore, e.validUntilAfter, guardCell(e.reference ?? ''),
    ]);
  }
  rows.push([statement.to, 'closing_balance', '', '', statement.closingBalance.currency, decimal(statement.closingBalance), '', '', '']);
  return BOM + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
