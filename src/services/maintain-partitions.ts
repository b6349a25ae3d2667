// Partition upkeep, run by the partition job: every partitioned table gets its months ahead made
// (and any row the default partition caught moved into its month), then each table's retention
// drops its old months whole. The SMS dedupe keys of dropped outbox months are forgotten with
// them: a key older than the outbox's retention names a reminder for a validity end long past or
// a confirmation already sent, which nothing writes again.
import { operatorDay, startOfOperatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import {
  DEFAULT_RETENTION, monthsToEnsure, PARTITION_KEYS, PARTITIONED_TABLES, partitionsToDrop, retentionCutoff, retentionProblems,
  type PartitionedTable, type RetentionPolicy,
} from '../domain/partition-retention.ts';
import type { Database } from '../db/database.ts';
import { deleteSmsKeysBefore, dropMonthPartition, ensureMonthPartitions, listMonthPartitions, lockPartitionUpkeep } from '../db/partition-repository.ts';

export interface PartitionDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

export interface PartitionUpkeepResult {
  readonly created: number;
  readonly dropped: readonly { readonly table: PartitionedTable; readonly month: IsoDate }[];
  readonly smsKeysForgotten: number;
}

// Entries before operations: an entry's foreign key names its operation's month.
const DROP_ORDER: readonly PartitionedTable[] = ['ledger_entries', 'ledger_operations', 'sms_outbox', 'usage_records'];
const KEY_BATCH = 10_000;
const KEY_BATCHES_PER_RUN = 100;

export async function maintainPartitions(deps: PartitionDeps, policy: RetentionPolicy = DEFAULT_RETENTION): Promise<PartitionUpkeepResult> {
  const problems = retentionProblems(policy);
  if (problems.length > 0) throw new Error(`retention policy refused: ${problems.join('; ')}`);
  const today = operatorDay(deps.now());
  const { first, last } = monthsToEnsure(today);
  let created = 0;
  // One transaction per table: a lock that cannot be had in time fails that table only.
  for (const table of PARTITIONED_TABLES) {
    created += await deps.db.tx(async (sql) => {
      await lockPartitionUpkeep(sql);
      return ensureMonthPartitions(sql, table, PARTITION_KEYS[table], first, last);
    });
  }
  const dropped: { table: PartitionedTable; month: IsoDate }[] = [];
  for (const table of DROP_ORDER) {
    const months = await deps.db.tx(async (sql) => partitionsToDrop(await listMonthPartitions(sql, table), today, policy[table]));
    for (const month of months) {
      await deps.db.tx(async (sql) => {
        await lockPartitionUpkeep(sql);
        await dropMonthPartition(sql, table, month);
      });
      dropped.push({ table, month });
    }
  }
  let smsKeysForgotten = 0;
  const keep = policy.sms_outbox;
  if (keep !== null) {
    const before = new Date(startOfOperatorDay(retentionCutoff(today, keep)));
    for (let batch = 0; batch < KEY_BATCHES_PER_RUN; batch++) {
      const n = await deps.db.tx((sql) => deleteSmsKeysBefore(sql, before, KEY_BATCH));
      smsKeysForgotten += n;
      if (n < KEY_BATCH) break;
    }
  }
  return { created, dropped, smsKeysForgotten };
}
