// A customer's statement of one line: the ledger over a period of Baku days, each entry with the
// balance after it. A customer sees a line's history only from the moment they proved it: a new
// owner of a recycled number starts from a single balance brought forward, never the old owner's rows.
import { addDays, formatInstant, instantFromEpochMs, operatorDay, startOfOperatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { DomainError } from '../domain/errors.ts';
import { azn, isLocale, qepik, type Locale, type Money } from '../domain/money.ts';
import { parseMsisdn, type Msisdn } from '../domain/msisdn.ts';
import {
  describeEntry, legacyEntryDetails, planNameIn, providerOfReference, readEntryDetails, resolveStatementPeriod, runBalances, type LedgerEntryDetails,
} from '../domain/statement.ts';
import { storeText, type StoreTexts } from '../domain/store-schedule.ts';
import type { Database } from '../db/database.ts';
import { findLineLanguage, findLiveLinkVerifiedAt, findPlanTexts, findStoreNames, readStatementRows, type StatementEntryRow } from '../db/statement-repository.ts';
import { sumUsageByKind } from '../db/usage-repository.ts';
import { unitOfKind } from '../domain/usage-rating.ts';
import type { UsageKind, UsageUnit } from '../domain/vocabularies.ts';

export interface StatementDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

export interface StatementEntry {
  /** The ledger entry's id, as a support case names the entries it is about. */
  readonly id: string;
  /** ISO-8601 with the Baku offset. */
  readonly at: string;
  readonly kind: string;
  /** What happened, in plain words in the statement's language ("Renewal: Expat Pack × 3 months"). */
  readonly description: string;
  /** Saxla's technical note in English, as written with the entry (stable, for machines and support). */
  readonly note: string;
  /** The facts the description is made of: plan code, months, payment reference… */
  readonly details: LedgerEntryDetails;
  readonly amount: Money;
  readonly balanceAfter: Money;
  readonly validUntilBefore: IsoDate;
  readonly validUntilAfter: IsoDate;
  /** The payment's or operator's reference (`sandbox:sbx_…`, `emanat-778812`): secondary, for support. */
  readonly reference: string | null;
}

export interface Statement {
  readonly msisdn: Msisdn;
  /** The language of the descriptions: asked for (`?lang=`), else the line's. */
  readonly language: Locale;
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
  /** The reader's choice; without it the statement is in the line's language. */
  readonly lang?: string | undefined;
}

function storeName(names: unknown, locale: Locale): string | null {
  if (typeof names !== 'object' || names === null) return null;
  const name = storeText(names as StoreTexts, locale);
  return typeof name === 'string' && name !== '' ? name : null;
}

const detailsOf = (row: StatementEntryRow): LedgerEntryDetails => (row.details === null || row.details === undefined ? legacyEntryDetails(row.kind, row.description) : readEntryDetails(row.details));

export async function getStatement(deps: StatementDeps, request: StatementRequest): Promise<Statement> {
  const msisdn = parseMsisdn(request.msisdn);
  const period = resolveStatementPeriod({ from: request.from, to: request.to }, operatorDay(deps.now()));
  const dayStart = startOfOperatorDay(period.from);
  const end = new Date(startOfOperatorDay(addDays(period.to, 1)));
  const { verifiedAt, rows, usage, language, details, plans, stores } = await deps.db.tx(async (sql) => {
    const verified = await findLiveLinkVerifiedAt(sql, request.customerId, msisdn);
    if (!verified) throw new DomainError('LINE_NOT_FOUND', `no line ${msisdn}`);
    const start = new Date(Math.max(dayStart, verified.getTime()));
    const until = end < start ? start : end;
    const found = await readStatementRows(sql, msisdn, start, until);
    const lineLanguage = await findLineLanguage(sql, msisdn);
    const facts = found.entries.map(detailsOf);
    const planCodes = [...new Set(facts.flatMap((d) => (d.planCode ? [d.planCode] : [])))];
    const storeIds = [...new Set(found.entries.flatMap((e) => (e.store_id ? [e.store_id] : [])))];
    return {
      verifiedAt: verified, rows: found, details: facts, usage: await sumUsageByKind(sql, msisdn, start, until),
      language: isLocale(request.lang) ? request.lang : isLocale(lineLanguage) ? lineLanguage : 'en',
      plans: await findPlanTexts(sql, planCodes), stores: await findStoreNames(sql, storeIds),
    };
  });
  const openingAt = instantFromEpochMs(Math.max(dayStart, verifiedAt.getTime()));
  const { rows: entries, closing } = runBalances(qepik(rows.opening), rows.entries.map((r) => ({ ...r, amount: qepik(r.amount) })));
  return {
    msisdn,
    language,
    from: period.from,
    to: period.to,
    openingBalanceAt: formatInstant(openingAt),
    openingBalance: azn(qepik(rows.opening)),
    entries: entries.map((e, i): StatementEntry => {
      const facts = details[i] ?? {};
      const provider = providerOfReference(facts.payment ?? e.reference);
      return {
        id: String(e.id),
        at: formatInstant(instantFromEpochMs(e.created_at.getTime())),
        kind: e.kind,
        description: describeEntry({
          kind: e.kind, operation: e.operation, details: facts, provider,
          planName: facts.planCode ? planNameIn(plans.get(facts.planCode), language) : null,
          storeName: e.store_id ? storeName(stores.get(e.store_id), language) : null,
        }, language),
        note: e.description,
        details: facts,
        amount: azn(e.amount),
        balanceAfter: azn(e.balanceAfter),
        validUntilBefore: e.valid_until_before as IsoDate,
        validUntilAfter: e.valid_until_after as IsoDate,
        reference: facts.payment ?? e.reference,
      };
    }),
    closingBalance: azn(closing),
    usageTotals: usage.map((u): UsageTotal => ({ kind: u.kind, unit: unitOfKind[u.kind], quantity: u.quantity, records: u.records, charged: azn(qepik(u.charged)) })),
  };
}
