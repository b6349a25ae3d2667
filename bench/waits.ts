// Where a top-up under load spends its time on the database side: pg_stat_activity sampled every
// 20 ms while 16 connections top up over HTTP (1 worker), grouped by state, wait event and
// statement. "idle in transaction / Client:ClientRead" is PostgreSQL waiting for Saxla's next
// statement: a round trip's cost when Node's process waits for a core.
// Run: node bench/run.ts waits
import { openPostgres } from '../src/db/postgres.ts';
import { ADMIN_TOKEN, msisdnOf, run, startSaxla } from './http-support.ts';
import { adminUrl } from './support.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

export async function benchWaits(): Promise<void> {
  const name = 'saxla_bench_waits';
  const saxla = await startSaxla(name, 1, { LOG_LEVEL: 'warn' });
  const monitor = await openPostgres(adminUrl, { max: 1 });
  const counts = new Map<string, number>();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const rows = await monitor.query<{ k: string }>(
        `select state || ' | ' || coalesce(wait_event_type, '-') || ':' || coalesce(wait_event, '-') || ' | '
                || left(regexp_replace(query, '\\s+', ' ', 'g'), 58) as k
           from pg_stat_activity where datname = $1 and state <> 'idle'`, [name]);
      for (const row of rows) counts.set(row.k, (counts.get(row.k) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  let n = 0;
  const load = await run({
    url: saxla.base, connections: 16, duration: SECONDS,
    requests: [{
      method: 'POST',
      setupRequest: (request) => {
        n++;
        return {
          ...request, path: `/api/v1/admin/lines/${encodeURIComponent(msisdnOf(n % 500))}/top-ups`,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json', 'idempotency-key': `waits-${String(n)}` },
          body: JSON.stringify({ amount: { amount: 500, currency: 'AZN' }, reference: `waits-${String(n)}` }),
        };
      },
    }],
  });
  sampling = false;
  await sampler;
  await monitor.close();
  await saxla.stop();
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`\nDatabase sessions of top-ups under load (${load.rps.toFixed(0)}/s, p99 ${String(load.p99)} ms): share of samples\n`);
  for (const [key, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
    process.stdout.write(`  ${(100 * count / total).toFixed(1).padStart(5)} %  ${key}\n`);
  }
}

if (import.meta.main) await benchWaits();
