// The spending watch, run by the job: for each line whose ledger was written since the last look,
// the budget's 80 % SMS (once per line per Baku month, by its outbox key) and the anomalies in
// what it was charged (each stored once per line by its key, with its SMS in the same
// transaction). Safe in several processes: the window is taken under a row lock, and every alert
// and message is unique, so a line looked at twice changes nothing the second time.
import { addDays, operatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { qepik } from '../domain/money.ts';
import { detectAnomalies, BASELINE_MAX_DAYS, type WatchedEntry } from '../domain/spending-anomalies.ts';
import { anomalySmsText, budgetSmsText } from '../domain/spending-sms.ts';
import { budgetAlertDue, budgetAlertKey, classifyEntry, monthOf, summariseMonths } from '../domain/spending.ts';
import type { Database, Sql } from '../db/database.ts';
import { findLine } from '../db/line-repository.ts';
import {
  advanceWatchWindow, findBudget, findDaysWrittenSince, findHistoryStart, findLinesWrittenBetween, findSpendingEntries, findUsageCharges, insertAlert,
} from '../db/spending-repository.ts';
import { enqueueSms } from './enqueue-sms.ts';
import type { Msisdn } from '../domain/msisdn.ts';

export interface WatchSpendingDeps {
  readonly db: Database;
  readonly now: () => Instant;
}

/**
 * Entries are looked at again for this long after the window passed them: a batch's entries
 * carry the moment it began, and may commit later. Looking twice is harmless (unique keys).
 */
export const WATCH_OVERLAP_MS = 10 * 60 * 1000;
/** On the very first pass, the last day is looked at. */
const FIRST_LOOK_MS = 24 * 60 * 60 * 1000;

export interface WatchResult {
  readonly lines: number;
  readonly budgetAlerts: number;
  readonly anomalies: number;
}

export async function watchSpending(deps: WatchSpendingDeps): Promise<WatchResult> {
  const now = deps.now();
  const until = new Date(now);
  const from = await deps.db.tx((sql) => advanceWatchWindow(sql, until, new Date(now - FIRST_LOOK_MS)));
  const since = new Date(from.getTime() - WATCH_OVERLAP_MS);
  const lines = await deps.db.tx((sql) => findLinesWrittenBetween(sql, since, until));
  let budgetAlerts = 0;
  let anomalies = 0;
  for (const msisdn of lines) {
    // One line per transaction: a line's alerts and their SMS commit together, and a failure
    // on one line is retried with the next window's overlap without holding the others back.
    const r = await deps.db.tx((sql) => watchLine(sql, msisdn as Msisdn, since, now));
    budgetAlerts += r.budget ? 1 : 0;
    anomalies += r.anomalies;
  }
  return { lines: lines.length, budgetAlerts, anomalies };
}

/** Looks at one line: its budget this month and the anomalies among entries written since `since`. */
export async function watchLine(sql: Sql, msisdn: Msisdn, since: Date, now: Instant): Promise<{ budget: boolean; anomalies: number }> {
  const line = await findLine(sql, msisdn);
  if (!line) return { budget: false, anomalies: 0 };
  const today = operatorDay(now);
  const from = addDays(today, -BASELINE_MAX_DAYS - 1);
  const entries = await findSpendingEntries(sql, msisdn, from);
  let budgetSent = false;
  const budget = await findBudget(sql, msisdn);
  if (budget !== null) {
    const month = monthOf(today);
    const [spent] = summariseMonths(entries, [month]);
    if (spent && budgetAlertDue(spent.total, budget)) {
      const queued = await enqueueSms(sql, {
        msisdn, kind: 'spending_alert', language: line.language, text: budgetSmsText(line.language, msisdn, spent.total, budget),
        dedupeKey: budgetAlertKey(msisdn, month),
      }, now);
      budgetSent = queued !== undefined;
    }
  }
  // The daily spend the baseline reads: what the balance was charged without the customer asking.
  const watched = entries.flatMap((e): WatchedEntry[] => {
    if (e.kind !== 'usage' && e.kind !== 'adjustment') return [];
    const c = classifyEntry(e);
    if (c.type !== 'spent') return [];
    const amount = c.parts.reduce((s, [, v]) => s + v, 0);
    return amount > 0 ? [{ id: e.id, day: e.day, kind: e.kind, amount: qepik(amount) }] : [];
  });
  const historyStart = (await findHistoryStart(sql, msisdn)) ?? today;
  const newDays = await findDaysWrittenSince(sql, msisdn, since);
  const charges = await findUsageCharges(sql, msisdn, addDays(today, -BASELINE_MAX_DAYS) as IsoDate, since);
  let stored = 0;
  for (const anomaly of detectAnomalies({ historyStart, entries: watched, newDays, charges })) {
    const id = await insertAlert(sql, msisdn, anomaly, new Date(now));
    if (id === undefined) continue;
    stored += 1;
    await enqueueSms(sql, {
      msisdn, kind: 'spending_alert', language: line.language, text: anomalySmsText(line.language, msisdn, anomaly), dedupeKey: `anomaly:${id}`,
    }, now);
  }
  return { budget: budgetSent, anomalies: stored };
}
