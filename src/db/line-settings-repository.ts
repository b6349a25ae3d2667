// Settings a customer changes on their own line (not balance or validity: those go through the ledger).
import { isLocale, type Locale } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { Sql } from './database.ts';

/** Who made a language choice, as the change log records it (migration 0017). */
export type LanguageChangeSource =
  | { readonly source: 'sign_up' | 'account'; readonly customerId: string }
  | { readonly source: 'ussd' }
  | { readonly source: 'counter'; readonly staffId: string };

/** The line's language, the line locked until the transaction ends; undefined when there is no such line. */
export async function lockLineLanguage(sql: Sql, msisdn: Msisdn): Promise<Locale | undefined> {
  const [row] = await sql.query<{ language: string }>('select language from lines where msisdn = $1 for update', [msisdn]);
  if (!row) return undefined;
  // The column references customer_languages, filled from the same list isLocale reads.
  return isLocale(row.language) ? row.language : 'az';
}

/** Sets the language and logs who chose it instead of what. */
export async function updateLineLanguage(sql: Sql, msisdn: Msisdn, change: { readonly language: Locale; readonly previous: Locale; readonly by: LanguageChangeSource }, at: Date): Promise<void> {
  const { by } = change;
  await sql.query('update lines set language = $2, updated_at = $3 where msisdn = $1', [msisdn, change.language, at]);
  await sql.query(
    `insert into line_language_changes (msisdn, language, previous_language, source, customer_id, staff_id, changed_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [msisdn, change.language, change.previous, by.source, 'customerId' in by ? by.customerId : null, 'staffId' in by ? by.staffId : null, at],
  );
}

export interface LanguageChange {
  readonly language: Locale;
  readonly previousLanguage: Locale;
  readonly source: LanguageChangeSource['source'];
  readonly customerId: string | null;
  readonly staffId: string | null;
  readonly changedAt: Date;
}

/** The line's language choices, latest first. */
export async function listLanguageChanges(sql: Sql, msisdn: Msisdn): Promise<LanguageChange[]> {
  const rows = await sql.query<{ language: string; previous_language: string; source: LanguageChangeSource['source']; customer_id: string | null; staff_id: string | null; changed_at: Date }>(
    `select language, previous_language, source, customer_id, staff_id, changed_at from line_language_changes
      where msisdn = $1 order by changed_at desc, id desc`, [msisdn]);
  return rows.map((r) => ({
    language: isLocale(r.language) ? r.language : 'az',
    previousLanguage: isLocale(r.previous_language) ? r.previous_language : 'az',
    source: r.source, customerId: r.customer_id, staffId: r.staff_id, changedAt: r.changed_at,
  }));
}
