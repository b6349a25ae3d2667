// One simulated year on a database the caller opened: build the world, live the days, check, and
// say how long each part took. Shared by `npm run simulate-year` and its small test.
import { parseIsoDate, type IsoDate } from '../../src/domain/calendar.ts';
import type { ValidityPolicy } from '../../src/domain/policy.ts';
import type { QuietHours } from '../../src/domain/sms-quiet-hours.ts';
import type { Database } from '../../src/db/database.ts';
import { personas, seededRandom, type Persona } from './behaviour.ts';
import { runChecks, yearFigures, type Check, type YearFigures } from './checks.ts';
import { lastDay, simulate, type SimTally } from './simulate.ts';
import { buildWorld } from './world.ts';

export interface YearOptions {
  readonly db: Database;
  readonly policy: ValidityPolicy;
  readonly quietHours: QuietHours;
  readonly lines: number;
  readonly days: number;
  readonly seed: number;
  readonly start?: IsoDate;
  readonly lanes?: number;
  readonly progress?: (day: number, note: string) => void;
}

export interface YearReport {
  readonly setupSeconds: number;
  readonly yearSeconds: number;
  readonly checkSeconds: number;
  readonly personas: Readonly<Record<Persona, number>>;
  readonly tally: SimTally;
  readonly figures: YearFigures;
  readonly checks: readonly Check[];
}

export async function simulateYear(o: YearOptions): Promise<YearReport> {
  const random = seededRandom(o.seed);
  const start = o.start ?? parseIsoDate('2027-01-04');
  const t0 = performance.now();
  const world = await buildWorld(o.db, o.policy, o.lines, start, random);
  const t1 = performance.now();
  const tally = await simulate(world, {
    db: o.db, policy: o.policy, quietHours: o.quietHours, days: o.days, random,
    lanes: o.lanes ?? (o.db.engine === 'postgres' ? 8 : 1), ...(o.progress ? { progress: o.progress } : {}),
  });
  const t2 = performance.now();
  const checks = await runChecks(o.db, o.policy, o.quietHours, lastDay(world, o.days), tally);
  const figures = await yearFigures(o.db);
  const t3 = performance.now();
  const counts = Object.fromEntries(personas.map((p) => [p, 0])) as Record<Persona, number>;
  for (const line of world.lines) counts[line.persona] += 1;
  return {
    setupSeconds: (t1 - t0) / 1000, yearSeconds: (t2 - t1) / 1000, checkSeconds: (t3 - t2) / 1000,
    personas: counts, tally, figures, checks,
  };
}

export function formatReport(r: YearReport, lines: number, days: number): string {
  const t = r.tally;
  const out = [
    `simulated ${lines.toLocaleString('en')} lines over ${days} days`,
    `  personas: ${Object.entries(r.personas).map(([p, n]) => `${p} ${n}`).join(', ')}`,
    `  renewals ${t.renewals.toLocaleString('en')}, top-ups ${t.topUps.toLocaleString('en')}, auto-renewals ${t.autoRenewCharged.toLocaleString('en')}, ` +
      `roaming records ${t.usageRecords.toLocaleString('en')}, SMS sent ${t.smsSent.toLocaleString('en')}, retries replayed ${t.retriesReplayed}`,
    `  refused by the product: ${Object.entries(t.refused).map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`,
    `  lines reaching one-way: ${r.figures.reachedOneWay.toLocaleString('en')}; at the end: ${Object.entries(r.figures.statuses).map(([s, n]) => `${s} ${n}`).join(', ')}`,
    `  SMS by kind: ${Object.entries(r.figures.smsByKind).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    '',
    ...r.checks.map((c) => `  ${c.violations === 0 ? 'PASS' : 'FAIL'}  ${c.name} — ${c.examined.toLocaleString('en')} examined, ${c.violations} violations` +
      c.examples.map((e) => `\n          ${e}`).join('')),
    '',
    `  time: setup ${r.setupSeconds.toFixed(1)} s, the year ${r.yearSeconds.toFixed(1)} s ` +
      `(${Object.entries(t.phaseMs).map(([p, ms]) => `${p} ${(ms / 1000).toFixed(1)} s`).join(', ')}), checks ${r.checkSeconds.toFixed(1)} s`,
  ];
  return out.join('\n');
}
