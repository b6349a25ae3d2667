// The figures /metrics exposes beside the process's own: orders and SMS by state over the last
// day, the outbox's depth, and the database pool's waits.
import type { Instant } from '../domain/calendar.ts';
import type { Database, PoolStats } from '../db/database.ts';
import { readOperationsGauges as readGauges, type OperationsGauges } from '../db/operations-gauges-repository.ts';

const WINDOW_MS = 24 * 60 * 60 * 1000;

export interface OperationsReading extends OperationsGauges {
  /** Absent on the embedded database, which has no pool. */
  readonly pool: PoolStats | undefined;
}

export async function readOperationsGauges(deps: { readonly db: Database; readonly now: () => Instant }): Promise<OperationsReading> {
  const now = deps.now();
  const gauges = await readGauges(deps.db, new Date(now), new Date(now - WINDOW_MS));
  return { ...gauges, pool: deps.db.poolStats?.() };
}
