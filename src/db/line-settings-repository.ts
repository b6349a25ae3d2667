// Settings a customer changes on their own line (not balance or validity: those go through the ledger).
import type { Locale } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { Sql } from './database.ts';

/** False when there is no such line. */
export async function updateLineLanguage(sql: Sql, msisdn: Msisdn, language: Locale, at: Date): Promise<boolean> {
  const rows = await sql.query('update lines set language = $2, updated_at = $3 where msisdn = $1 returning 1', [msisdn, language, at]);
  return rows.length === 1;
}
