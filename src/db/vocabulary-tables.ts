// Fills the lookup tables of migrations 0013 and 0015 from the lists in src/domain/vocabularies.ts, so the
// database accepts exactly what the code defines and a new value needs no SQL. Run by migrate()
// after the migrations, in the same transaction and under the same lock; only ever adds rows,
// since stored data may still refer to a value the code no longer offers.
import {
  appointmentPurposes, counterPaymentMethods, customerLanguages, paymentProviders, planKinds, staffRoles,
} from '../domain/vocabularies.ts';
import type { Sql } from './database.ts';

/** Each lookup table and the list it holds. */
export type VocabularyTables = Readonly<Record<VocabularyTable, readonly string[]>>;
export type VocabularyTable =
  | 'customer_languages' | 'payment_providers' | 'counter_payment_methods' | 'staff_roles' | 'appointment_purposes' | 'plan_kinds';

export const vocabularyTables: VocabularyTables = {
  customer_languages: customerLanguages,
  payment_providers: paymentProviders,
  counter_payment_methods: counterPaymentMethods,
  staff_roles: staffRoles,
  appointment_purposes: appointmentPurposes,
  plan_kinds: planKinds,
};

/** Adds every value of every list that its table does not hold yet; idempotent. */
export async function fillVocabularyTables(sql: Sql, tables: VocabularyTables = vocabularyTables): Promise<void> {
  for (const [table, values] of Object.entries(tables)) {
    // The table name is one of the fixed keys above, never input; the values go as a parameter.
    await sql.query(`insert into ${table} (code) select unnest($1::text[]) on conflict (code) do nothing`, [values]);
  }
}
