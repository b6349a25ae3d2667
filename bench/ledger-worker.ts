// One thread of the ledger benchmark: its own event loop and connection pool, `clients` top-ups
// in flight until the deadline, as one of pgbench's -j threads drives its share of the clients.
import { parentPort, workerData } from 'node:worker_threads';
import { instantFromEpochMs } from '../src/domain/calendar.ts';
import { qepik } from '../src/domain/money.ts';
import { trustedMsisdn } from '../src/domain/msisdn.ts';
import { parseValidityPolicy } from '../src/domain/policy.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { topUpLine } from '../src/services/top-up-line.ts';
import demoPolicy from '../src/policies/demo-2024.json' with { type: 'json' };

interface LedgerWorkerData { url: string; thread: number; clients: number; msisdns: string[]; deadline: number }

const { url, thread, clients, msisdns, deadline } = workerData as LedgerWorkerData;
const policy = parseValidityPolicy(demoPolicy);
const now = () => instantFromEpochMs(Date.now());
const db = await openPostgres(url, { max: clients });
let done = 0;
let seq = 0;
const client = async (): Promise<void> => {
  while (Date.now() < deadline) {
    const n = seq++;
    const msisdn = trustedMsisdn(msisdns[n % msisdns.length] ?? '');
    await topUpLine({ db, policy, now }, { msisdn, amount: qepik(500), reference: `bench-${thread}-${n}`, idempotencyKey: `bench:${thread}:${n}`, source: 'partner' });
    done++;
  }
};
await Promise.all(Array.from({ length: clients }, client));
await db.close();
parentPort?.postMessage(done);
