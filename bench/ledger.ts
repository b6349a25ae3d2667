// The renewal/top-up ledger transaction per second on PostgreSQL, beside pgbench TPC-B with the
// same number of clients on the same server in the same run. Target ratio ≥ 0.6.
import { instantFromEpochMs } from '../src/domain/calendar.ts';
import { withIccidCheckDigit } from '../src/domain/line.ts';
import { parseValidityPolicy } from '../src/domain/policy.ts';
import { qepik } from '../src/domain/money.ts';
import { trustedMsisdn } from '../src/domain/msisdn.ts';
import { provisionLines } from '../src/services/provision-lines.ts';
import { topUpLine } from '../src/services/top-up-line.ts';
import demoPolicy from '../src/policies/demo-2024.json' with { type: 'json' };
import { line, pgbenchTps, scratchDatabase } from './support.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const LINES = 10_000;

export async function benchLedger(): Promise<{ tps: number; pgbench: number }> {
  const policy = parseValidityPolicy(demoPolicy);
  const now = () => instantFromEpochMs(Date.now());
  const scratch = await scratchDatabase('saxla_bench_ledger', CLIENTS + 2);
  const msisdns: string[] = [];
  const rows = Array.from({ length: LINES }, (_, i) => {
    const msisdn = `+99450${String(1000000 + i)}`;
    msisdns.push(msisdn);
    return { row: i + 1, msisdn, iccid: withIccidCheckDigit(`8999400${String(i).padStart(11, '0')}`), balance: 0, validUntil: '2026-12-31' };
  });
  await provisionLines({ db: scratch.db, policy, now }, rows);

  let done = 0;
  let seq = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const n = seq++;
      const msisdn = trustedMsisdn(msisdns[n % LINES] ?? '');
      await topUpLine({ db: scratch.db, policy, now }, { msisdn, amount: qepik(500), reference: `bench-${n}`, idempotencyKey: `bench:${n}`, source: 'partner' });
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  const tps = done / ((performance.now() - started) / 1000);
  await scratch.close();
  const pgbench = await pgbenchTps(CLIENTS, SECONDS);
  line(`ledger top-up transactions/s (${CLIENTS} clients)`, tps.toFixed(0), `pgbench TPC-B ${pgbench.toFixed(0)} tps → ratio ${(tps / pgbench).toFixed(2)} (target ≥ 0.60)`);
  return { tps, pgbench };
}
