// Plans that take over a line on a later day (policy rule planChange = at_paid_end). Written by
// saveLineChange with the renewal that chose them; started here, by the sweep, on their day.
import type { IsoDate } from '../domain/calendar.ts';
import type { Sql } from './database.ts';

/**
 * Gives every line whose scheduled plan starts on or before `day` that plan, and forgets the
 * schedule; a line locked by a renewal right now is left for the next sweep. How many started.
 */
export async function startDuePlans(sql: Sql, day: IsoDate, at: Date): Promise<number> {
  const rows = await sql.query(
    `with due as (
       select s.msisdn, s.plan_code from scheduled_plans s join lines l on l.msisdn = s.msisdn
        where s.starts_on <= $1::date for update of l, s skip locked
     ), started as (
       update lines l set plan_code = due.plan_code, updated_at = $2 from due where l.msisdn = due.msisdn returning l.msisdn
     )
     delete from scheduled_plans s using started where s.msisdn = started.msisdn returning 1`,
    [day, at]);
  return rows.length;
}
