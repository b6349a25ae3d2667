// `npm run simulate-year [-- --lines N --days N --seed N --pglite --keep]`: a simulated year
// (100,000 lines, 365 days by default) on a scratch PostgreSQL database (BENCH_PG_URL, as the
// benchmarks), or on an in-memory PGlite with --pglite. Prints the report; exits 1 on any violation.
import { parseArgs } from 'node:util';
import { parseQuietHours } from '../src/domain/sms-quiet-hours.ts';
import { parseValidityPolicy } from '../src/domain/policy.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import type { Database } from '../src/db/database.ts';
import demoPolicy from '../src/policies/demo-2024.json' with { type: 'json' };
import { machine, scratchDatabase } from '../bench/support.ts';
import { formatReport, simulateYear } from './simulate-year/run-year.ts';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '100000' },
    days: { type: 'string', default: '365' },
    seed: { type: 'string', default: '2027' },
    pglite: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const lines = Number(values.lines);
const days = Number(values.days);
const seed = Number(values.seed);
if (![lines, days, seed].every((n) => Number.isSafeInteger(n) && n > 0)) {
  process.stderr.write('--lines, --days and --seed take whole numbers above 0\n');
  process.exit(2);
}
const quiet = parseQuietHours(process.env.SMS_QUIET_HOURS);
if (quiet.problem) {
  process.stderr.write(`SMS_QUIET_HOURS: ${quiet.problem.message}\n`);
  process.exit(2);
}

async function open(): Promise<{ db: Database; close: () => Promise<void>; where: string }> {
  if (values.pglite) {
    const db = await openPglite();
    await migrate(db);
    return { db, close: () => db.close(), where: 'PGlite (in memory)' };
  }
  const scratch = await scratchDatabase('saxla_simulated_year', 16);
  return { db: scratch.db, close: values.keep ? () => scratch.db.close() : scratch.close, where: `PostgreSQL, scratch database ${scratch.url}${values.keep ? ' (kept)' : ''}` };
}

const started = performance.now();
const { db, close, where } = await open();
process.stdout.write(`${machine()}\n${where}, SMS_QUIET_HOURS ${process.env.SMS_QUIET_HOURS ?? '(default 22:00-09:00)'}, seed ${seed}\n`);
try {
  const report = await simulateYear({
    db, policy: parseValidityPolicy(demoPolicy), quietHours: quiet.quietHours, lines, days, seed,
    progress: (day, note) => {
      if ((day + 1) % 30 === 0 || day + 1 === days) process.stderr.write(`  day ${day + 1}/${days}: ${note} (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    },
  });
  process.stdout.write(`${formatReport(report, lines, days)}\n  whole run ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  process.exitCode = report.checks.some((c) => c.violations > 0) ? 1 : 0;
} finally {
  await close();
}
