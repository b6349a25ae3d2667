// Who is asking: a signed-in customer, or (until every route sits behind a session) nobody in
// particular. A customer sees only lines proven to them; anything else is "not found", never
// "forbidden", so nobody learns which numbers exist.
import { DomainError } from '../domain/errors.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import type { Sql } from '../db/database.ts';
import { visibleLines } from '../db/customer-line-access.ts';

/** null: no session (operator tooling, tests of the payment path itself). */
export type CustomerId = string | null;

export async function assertLinesVisible(sql: Sql, customerId: CustomerId, msisdns: readonly Msisdn[]): Promise<void> {
  if (customerId === null) return;
  const visible = await visibleLines(sql, customerId, msisdns);
  const hidden = msisdns.find((m) => !visible.has(m));
  if (hidden !== undefined) throw new DomainError('LINE_NOT_FOUND', `no line ${hidden} on this account`);
}

/** A quote or order of another customer is reported exactly like one that does not exist. */
export function belongsTo(ownerId: string | null, customerId: CustomerId): boolean {
  return customerId === null || ownerId === customerId;
}
