// How SMS to a line are written: its language (set elsewhere) and the Latin-letters choice for
// Azerbaijani. Not balance or validity: those go through the ledger.
import type { Msisdn } from '../domain/msisdn.ts';
import type { Sql } from './database.ts';

export interface LineSmsOptionsRow {
  readonly language: string;
  readonly az_sms_latin: boolean;
}

export async function findLineSmsOptions(sql: Sql, msisdn: Msisdn): Promise<LineSmsOptionsRow | undefined> {
  const [row] = await sql.query<LineSmsOptionsRow>('select language, az_sms_latin from lines where msisdn = $1', [msisdn]);
  return row;
}

/** The row after the change; undefined when there is no such line. */
export async function updateAzSmsLatin(sql: Sql, msisdn: Msisdn, azLatin: boolean, at: Date): Promise<LineSmsOptionsRow | undefined> {
  const [row] = await sql.query<LineSmsOptionsRow>(
    'update lines set az_sms_latin = $2, updated_at = $3 where msisdn = $1 returning language, az_sms_latin',
    [msisdn, azLatin, at],
  );
  return row;
}
