// The lifecycle sweep over 1,000,000 lines on PostgreSQL. Target ≤ 20 s.
import { parseInstant } from '../src/domain/calendar.ts';
import { parseValidityPolicy } from '../src/domain/policy.ts';
import { sweepLifecycle } from '../src/services/sweep-lifecycle.ts';
import demoPolicy from '../src/policies/demo-2024.json' with { type: 'json' };
import { line, scratchDatabase } from './support.ts';

const LINES = Number(process.env.BENCH_SWEEP_LINES ?? 1_000_000);

export async function benchSweep(): Promise<{ seconds: number; moved: number }> {
  const policy = parseValidityPolicy(demoPolicy);
  const scratch = await scratchDatabase('saxla_bench_sweep', 4);
  // Validity ends spread evenly over ±400 days around the sweep day; every line starts active,
  // as if the sweep had not run for a long time — the worst case.
  await scratch.db.query(
    `insert into lines (msisdn, iccid, status, balance, valid_until, plan_code, language, status_changed_at, created_at, updated_at)
     select '+99450' || lpad(i::text, 7, '0'), '8999' || lpad(i::text, 15, '0'), 'active', 0,
            date '2026-06-01' + ((i::int8 * 7919) % 801 - 400)::int, null, 'az', now(), now(), now()
       from generate_series(1, $1::int) as i`,
    [LINES],
  );
  // Every tenth line on an account, and one account in a hundred has turned some reminder off:
  // the reminder choices are joined into the sweep, so they are in the measured work.
  await scratch.db.query(
    `with accounts as (
       insert into customers (password_hash, language, created_at, password_changed_at)
       select 'bench', 'az', now(), now() from generate_series(1, $1::int / 10) returning id)
     insert into customer_lines (customer_id, msisdn, is_login, verified_at)
     select id, '+99450' || lpad((row_number() over () * 10)::text, 7, '0'), true, now() from accounts`,
    [LINES],
  );
  await scratch.db.query(
    `with opted as (
       insert into customer_settings (customer_id, stage_notices, email, updated_at)
       select id, false, null, now() from customers tablesample bernoulli (1) repeatable (7) returning customer_id)
     insert into customer_reminder_optouts (customer_id, milestone_days) select customer_id, 30 from opted`,
  );
  await scratch.db.exec('analyze lines; analyze customer_lines; analyze customer_settings; analyze customer_reminder_optouts');
  const started = performance.now();
  const result = await sweepLifecycle({ db: scratch.db, policy }, parseInstant('2026-06-01T03:00:00+04:00'));
  const seconds = (performance.now() - started) / 1000;
  const again = performance.now();
  const second = await sweepLifecycle({ db: scratch.db, policy }, parseInstant('2026-06-01T03:00:00+04:00'));
  const secondSeconds = (performance.now() - again) / 1000;
  await scratch.close();
  line(`sweep over ${LINES.toLocaleString('en')} lines`, `${seconds.toFixed(1)} s`, `${result.total.toLocaleString('en')} moved, ${(result.reminders + result.notices).toLocaleString('en')} SMS (target ≤ 20 s); a second run moved ${second.total} in ${secondSeconds.toFixed(2)} s`);
  return { seconds, moved: result.total };
}
