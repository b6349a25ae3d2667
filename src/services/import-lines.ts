// `saxla import-lines FILE.csv`: the operator's CSV export, all rows or none. Balances are
// written as manat ("12.50" or "12,50") and read straight to qəpik; errors name the file line.
import { parse } from 'csv-parse/sync';
import { DomainError, isDomainError, type ErrorDetail } from '../domain/errors.ts';
import { parseAznAmount } from '../domain/money.ts';
import { provisionLines, type ProvisionDeps, type ProvisionResult, type ProvisionRow } from './provision-lines.ts';

const columnAliases: Readonly<Record<string, keyof Omit<ProvisionRow, 'row'>>> = {
  msisdn: 'msisdn', phone: 'msisdn',
  iccid: 'iccid',
  balance: 'balance', balance_azn: 'balance',
  validuntil: 'validUntil', valid_until: 'validUntil',
  plancode: 'planCode', plan_code: 'planCode', plan: 'planCode',
  language: 'language', lang: 'language',
};
const required = ['msisdn', 'iccid', 'balance', 'validUntil'] as const;

export function parseLinesCsv(text: string): ProvisionRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new DomainError('CSV_INVALID', `the CSV cannot be read: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new DomainError('CSV_INVALID', 'the CSV is empty');
  const columns = header.record.map((name, i) => {
    const normalised = name.toLowerCase().replace(/[\s-]/g, '_');
    const key = columnAliases[normalised] ?? columnAliases[normalised.replace(/_/g, '')];
    if (!key) throw new DomainError('CSV_INVALID', `unknown column "${name}" (column ${i + 1}); expected msisdn, iccid, balance, valid_until, plan_code, language`);
    return key;
  });
  for (const r of required) {
    if (!columns.includes(r)) throw new DomainError('CSV_INVALID', `the header has no "${r}" column`);
  }
  if (rows.length === 0) throw new DomainError('CSV_INVALID', 'the CSV has a header but no lines');
  const problems: ErrorDetail[] = [];
  const out: ProvisionRow[] = [];
  for (const { record, info } of rows) {
    const cell = (key: string): string => record[columns.indexOf(key as (typeof columns)[number])] ?? '';
    try {
      out.push({
        row: info.lines,
        msisdn: cell('msisdn'),
        iccid: cell('iccid'),
        balance: parseAznAmount(cell('balance')),
        validUntil: cell('validUntil'),
        planCode: columns.includes('planCode') && cell('planCode') !== '' ? cell('planCode') : null,
        language: columns.includes('language') && cell('language') !== '' ? cell('language') : null,
      });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      problems.push({ row: info.lines, code: error.code, message: `line ${info.lines}: ${error.message}` });
    }
  }
  if (problems.length > 0) throw new DomainError('CSV_INVALID', problems[0]?.message ?? 'invalid rows', problems);
  return out;
}

export async function importLines(deps: ProvisionDeps, csvText: string): Promise<ProvisionResult> {
  return provisionLines(deps, parseLinesCsv(csvText));
}
