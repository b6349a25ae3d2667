// A statement as CSV (RFC 4180: CRLF, quoted when needed) that a spreadsheet opens as-is: UTF-8
// with a byte-order mark, or Excel reads "ə" as mojibake; amounts as plain decimals with a dot and
// the currency in its own column, so they stay numbers whatever the spreadsheet's locale.
// Two column sets: for people (headers, kinds and descriptions in the statement's language) and
// `raw` for machines (English snake_case headers, entry kind codes and Saxla's technical note),
// which stays the same from one release to the next.
import { formatQepikAsDecimal, type Money } from '../domain/money.ts';
import { statementTexts } from '../domain/statement-texts.ts';
import type { Statement } from './get-statement.ts';

const BOM = '\uFEFF';

export const STATEMENT_CSV_HEADER = ['date', 'kind', 'description', 'amount', 'currency', 'balance_after', 'valid_until_before', 'valid_until_after', 'reference'] as const;

export type StatementCsvColumns = 'localized' | 'raw';

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

export function renderStatementCsv(statement: Statement, columns: StatementCsvColumns = 'localized'): string {
  const raw = columns === 'raw';
  const tx = statementTexts[statement.language];
  const header = raw ? [...STATEMENT_CSV_HEADER] : STATEMENT_CSV_HEADER.map((c) => tx.csv[c]);
  const rows: string[][] = [header];
  const opening = raw ? 'balance_brought_forward' : tx.csv.broughtForward;
  const closing = raw ? 'closing_balance' : tx.csv.closing;
  rows.push([statement.openingBalanceAt, opening, '', '', statement.openingBalance.currency, decimal(statement.openingBalance), '', '', '']);
  for (const e of statement.entries) {
    rows.push([
      e.at, guardCell(raw ? e.kind : (tx.kinds[e.kind] ?? e.kind)), guardCell(raw ? e.note : e.description), decimal(e.amount), e.amount.currency, decimal(e.balanceAfter),
      e.validUntilBefore, e.validUntilAfter, guardCell(e.reference ?? ''),
    ]);
  }
  rows.push([statement.to, closing, '', '', statement.closingBalance.currency, decimal(statement.closingBalance), '', '', '']);
  return BOM + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
