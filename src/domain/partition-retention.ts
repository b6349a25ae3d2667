// Which monthly partitions of the growing tables exist and which may go: partitions are Baku
// calendar months (a partition named by its first day), made ahead of time so no write ever
// waits for one, and dropped whole once every row in them is older than the table's retention.
import { addMonths, type IsoDate } from './calendar.ts';

export const PARTITIONED_TABLES = ['ledger_operations', 'ledger_entries', 'sms_outbox', 'usage_records'] as const;
export type PartitionedTable = typeof PARTITIONED_TABLES[number];

/** The column each table is partitioned on (the instant a row belongs to). */
export const PARTITION_KEYS: Readonly<Record<PartitionedTable, string>> = {
  ledger_operations: 'created_at',
  ledger_entries: 'created_at',
  sms_outbox: 'created_at',
  usage_records: 'occurred_at',
};

/**
 * Whole months a table keeps before the current month, or null for "for ever". The ledger is the
 * record of every manat a customer paid: it is kept for at least LEDGER_LEGAL_MINIMUM_MONTHS (an
 * assumption of five years for accounting records, to be confirmed by the operator's counsel),
 * and by default for ever. The outbox is operational (sending, receipts, the message check): six
 * months answers any complaint about a message. Usage keeps 25 months: this year's and last
 * year's statements with a month to spare.
 */
export type RetentionPolicy = Readonly<Record<PartitionedTable, number | null>>;

export const LEDGER_LEGAL_MINIMUM_MONTHS = 60;

export const DEFAULT_RETENTION: RetentionPolicy = {
  ledger_operations: null,
  ledger_entries: null,
  sms_outbox: 6,
  usage_records: 25,
};

/** Months of partitions made ahead of the current one, so a write never lands in the default. */
export const MONTHS_AHEAD = 3;

/** The policy's problems (empty when it may be applied). */
export function retentionProblems(policy: RetentionPolicy): string[] {
  const problems: string[] = [];
  for (const table of PARTITIONED_TABLES) {
    const months = policy[table];
    if (months === null) continue;
    if (!Number.isInteger(months) || months < 1) problems.push(`${table}: retention must be a whole number of months ≥ 1`);
    if ((table === 'ledger_operations' || table === 'ledger_entries') && months < LEDGER_LEGAL_MINIMUM_MONTHS) {
      problems.push(`${table}: the ledger is kept at least ${LEDGER_LEGAL_MINIMUM_MONTHS} months`);
    }
  }
  // Entries point at their operations: operations may not go before the entries that name them.
  const ops = policy.ledger_operations;
  const entries = policy.ledger_entries;
  if (ops !== null && (entries === null || entries > ops)) problems.push('ledger_operations: kept at least as long as ledger_entries');
  return problems;
}

/** The first day of the month `day` is in. */
export function monthOf(day: IsoDate): IsoDate {
  return `${day.slice(0, 7)}-01` as IsoDate;
}

/** The months whose partitions should exist on `today`: this one and MONTHS_AHEAD more. */
export function monthsToEnsure(today: IsoDate, ahead = MONTHS_AHEAD): { first: IsoDate; last: IsoDate } {
  const first = monthOf(today);
  return { first, last: addMonths(first, ahead) };
}

/**
 * The first month kept on `today`: rows before it are more than `keep` whole months old. Every
 * partition of a month before it holds only such rows (its end is at most this month's start).
 */
export function retentionCutoff(today: IsoDate, keep: number): IsoDate {
  return addMonths(monthOf(today), -keep);
}

/** Of a table's existing month partitions, those its retention lets go on `today`, oldest first. */
export function partitionsToDrop(existing: readonly IsoDate[], today: IsoDate, keep: number | null): IsoDate[] {
  if (keep === null) return [];
  const cutoff = retentionCutoff(today, keep);
  return existing.filter((month) => month < cutoff).sort();
}
