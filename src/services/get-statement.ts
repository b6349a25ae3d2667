// A customer's statement of one line: the ledger over a period of Baku days, each entry with the
// balance after it. A customer sees a line's history only from the moment they proved it: a new
// owner of a recycled number starts from a single balance brought forward, never the old owner's rows.
import { addDays, formatInstant, instantFromEpochMs, operatorDay, startOfOperatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { azn, qepik, type Money } from '../domain/money.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import { resolveStatementPeriod, runBalances } from '../domain/statement.ts';
import type { Database } from '../db/database.ts';
import { findLiveLinkVerifiedAt, readStatementRows } from '../db/statement-repository.ts';
import { sumUsageByKind } from '../db/usage-repository.ts';
import { unitOfKind } from '../domain/usage-rating.ts';
import type { UsageKind, UsageUnit } from '../domain/vocabularies.ts';

export interface StatementDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

export interface StatementEntry {
  /** ISO-8601 with the Baku offset. */
  readonly at: string;
  readonly kind: string;
  readonly description: string;
  readonly amount: Money;
  readonly balanceAfter: Money;
  readonly validUntilBefore: IsoDate;
  readonly validUntilAfter: IsoDate;
  readonly reference: string | null;
}

export interface Statement {
  readonly msisdn: Msisdn;
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The moment the opening balance stands at: the start of `from`, or when this customer proved the line if later. */
  readonly openingBalanceAt: string;
  readonly openingBalance: Money;
  readonly entries: readonly StatementEntry[];
  readonly closingBalance: Money;
  /** Usage that happened in the period, per kind: what was used and what it cost beyond the packs. */
  readonly usageTotals?: readonly UsageTotal[];
}

export interface UsageTotal {
  readonly kind: UsageKind;
  readonly unit: UsageUnit;
  readonly quantity: number;
  readonly records: number;
  readonly charged: Money;
}

export interface StatementRequest {
  readonly customerId: string;
  readonly msisdn: string;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

export async function getStatement(deps: StatementDeps, request: StatementRequest): Promise<Statement> {
  const msisdn = parseMsisdn(request.msisdn);
  const period = resolveStatementPeriod({ from: request.from, to: request.to }, operatorDay(deps.now()));
  const dayStart = startOfOperatorDay(period.from);
  const end = new Date(startOfOperatorDay(addDays(period.to, 1)));
  const { verifiedAt, rows, usage } = await deps.db.tx(async (sql) => {
    const verified = await findLiveLinkVerifiedAt(sql, request.customerId, msisdn);
    if (!verified) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
    const start = new Date(Math.max(dayStart, verified.getTime()));
    const until = end < start ? start : end;
    return { verifiedAt: verified, rows: await readStatementRows(sql, msisdn, start, until), usage: await sumUsageByKind(sql, msisdn, start, until) };
  });
  const openingAt = instantFromEpochMs(Math.max(dayStart, verifiedAt.getTime()));
  const { rows: entries, closing } = runBalances(qepik(rows.opening), rows.entries.map((r) => ({ ...r, amount: qepik(r.amount) })));
  return {
    msisdn,
    from: period.from,
    to: period.to,
    openingBalanceAt: formatInstant(openingAt),
    openingBalance: azn(qepik(rows.opening)),
    entries: entries.map((e): StatementEntry => ({
      at: formatInstant(instantFromEpochMs(e.created_at.getTime())),
      kind: e.kind,
      description: e.description,
      amount: azn(e.amount),
      balanceAfter: azn(e.balanceAfter),
      validUntilBefore: e.valid_until_before as IsoDate,
      validUntilAfter: e.valid_until_after as IsoDate,
      reference: e.reference,
    })),
    closingBalance: azn(closing),
    usageTotals: usage.map((u): UsageTotal => ({ kind: u.kind, unit: unitOfKind[u.kind], quantity: u.quantity, records: u.records, charged: azn(qepik(u.charged)) })),
  };
}
