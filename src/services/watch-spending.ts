// The spending watch, run by the job: for each line whose ledger was written since the last look,
// the budget's 80 % SMS (once per line per Baku month, by its outbox key) and the anomalies in
// what it was charged (each stored once per line by its key, with its SMS in the same
// transaction). Safe in several processes: the window is taken under a row lock, and every alert
// and message is unique, so a line looked at twice changes nothing the second time.
import { addDays, operatorDay, type Instant, type IsoDate } from '../domain/calendar.ts';
import { isLocale, qepik, type Locale, type Qepik } from '../domain/money.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import { detectAnomalies, BASELINE_MAX_DAYS, type UsageCharge, type WatchedEntry } from '../domain/spending-anomalies.ts';
import { anomalySmsText, budgetSmsText } from '../domain/spending-sms.ts';
import { budgetAlertDue, budgetAlertKey, classifyEntry, monthOf, summariseMonths } from '../domain/spending.ts';
import type { Database, Sql } from '../db/database.ts';
import {
  advanceWatchWindow, findHistoryStarts, findLinesWrittenBetween, findSpendingEntriesOf, findUsageChargesOf, findWatchedLines, insertAlert,
  type WatchedSpendingEntry,
} from '../db/spending-repository.ts';
import { enqueueSms } from './enqueue-sms.ts';

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
/** Lines read and judged per transaction: a few statements for all of them. */
export const WATCH_CHUNK = 500;

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
  for (let i = 0; i < lines.length; i += WATCH_CHUNK) {
    // A chunk's alerts and their SMS commit together; a failure is retried by the next pass,
    // whose overlap (or the window that did not move) names these lines again.
    const r = await deps.db.tx((sql) => watchLines(sql, lines.slice(i, i + WATCH_CHUNK), since, now));
    budgetAlerts += r.budgetAlerts;
    anomalies += r.anomalies;
  }
  return { lines: lines.length, budgetAlerts, anomalies };
}

/** The daily spend the baseline reads: what the balance was charged without the customer asking. */
function watchedEntries(entries: readonly WatchedSpendingEntry[]): WatchedEntry[] {
  return entries.flatMap((e): WatchedEntry[] => {
    if (e.kind !== 'usage' && e.kind !== 'adjustment') return [];
    const c = classifyEntry(e);
    if (c.type !== 'spent') return [];
    const amount = c.parts.reduce((s, [, v]) => s + v, 0);
    return amount > 0 ? [{ id: e.id, day: e.day, kind: e.kind, amount: qepik(amount) }] : [];
  });
}

interface LineFacts {
  readonly msisdn: Msisdn;
  readonly language: Locale;
  readonly budget: Qepik | null;
  readonly historyStart: IsoDate;
  readonly entries: readonly WatchedSpendingEntry[];
  readonly charges: readonly UsageCharge[];
}

/** Looks at these lines: each one's budget this month and the anomalies among entries written since `since`. */
export async function watchLines(sql: Sql, msisdns: readonly string[], since: Date, now: Instant): Promise<{ budgetAlerts: number; anomalies: number }> {
  const today = operatorDay(now);
  const lines = await findWatchedLines(sql, msisdns);
  const entries = await findSpendingEntriesOf(sql, msisdns, addDays(today, -BASELINE_MAX_DAYS - 1), since);
  const starts = await findHistoryStarts(sql, msisdns);
  const charges = await findUsageChargesOf(sql, msisdns, addDays(today, -BASELINE_MAX_DAYS), since);
  let budgetAlerts = 0;
  let anomalies = 0;
  for (const msisdn of msisdns) {
    const line = lines.get(msisdn);
    if (!line) continue;
    const r = await watchLine(sql, {
      msisdn: msisdn as Msisdn, language: isLocale(line.language) ? line.language : 'en', budget: line.budget,
      historyStart: starts.get(msisdn) ?? today, entries: entries.get(msisdn) ?? [], charges: charges.get(msisdn) ?? [],
    }, now);
    budgetAlerts += r.budget ? 1 : 0;
    anomalies += r.anomalies;
  }
  return { budgetAlerts, anomalies };
}

async function watchLine(sql: Sql, facts: LineFacts, now: Instant): Promise<{ budget: boolean; anomalies: number }> {
  const { msisdn, language } = facts;
  let budgetSent = false;
  if (facts.budget !== null) {
    const month = monthOf(operatorDay(now));
    const [spent] = summariseMonths(facts.entries, [month]);
    if (spent && budgetAlertDue(spent.total, facts.budget)) {
      const queued = await enqueueSms(sql, {
        msisdn, kind: 'spending_alert', language, text: budgetSmsText(language, msisdn, spent.total, facts.budget), dedupeKey: budgetAlertKey(msisdn, month),
      }, now);
      budgetSent = queued !== undefined;
    }
  }
  const newDays = [...new Set(facts.entries.filter((e) => e.isNew).map((e) => e.day))];
  let stored = 0;
  for (const anomaly of detectAnomalies({ historyStart: facts.historyStart, entries: watchedEntries(facts.entries), newDays, charges: facts.charges })) {
    const id = await insertAlert(sql, msisdn, anomaly, new Date(now));
    if (id === undefined) continue;
    stored += 1;
    await enqueueSms(sql, { msisdn, kind: 'spending_alert', language, text: anomalySmsText(language, msisdn, anomaly), dedupeKey: `anomaly:${id}` }, now);
  }
  return { budget: budgetSent, anomalies: stored };
}
