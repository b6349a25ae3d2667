// Which lines a signed-in customer may see: those proven by a code sent to the line
// (customer_lines, migration 0003), while the link is live.
import type { Sql } from './database.ts';

export async function visibleLines(sql: Sql, customerId: string, msisdns: readonly string[]): Promise<Set<string>> {
  const rows = await sql.query<{ msisdn: string }>(
    'select msisdn from customer_lines where customer_id = $1::uuid and msisdn = any($2::text[]) and detached_at is null',
    [customerId, msisdns]);
  return new Set(rows.map((r) => r.msisdn));
}
