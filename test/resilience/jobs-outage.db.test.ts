// Background jobs through a database outage: they pause (said once, not on every tick), keep
// trying after a capped pause, and resume by themselves when the database is back.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Msisdn } from '../../src/domain/msisdn.ts';
import { silentLogger } from '../../src/services/logger.ts';
import { bindPaymentUpkeep } from '../../src/services/job-use-cases.ts';
import { startPaymentJobs } from '../../src/jobs/payment-jobs.ts';
import { createSmsOutboxWorker, type SmsOutboxWorker, type SmsTransport, type WorkerLogger } from '../../src/jobs/sms-outbox-worker.ts';
import { enqueueSms } from '../../src/services/enqueue-sms.ts';
import { smsOutboxSteps } from '../../src/services/send-outbox.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { fixedClock, msisdnFor, policy } from '../helpers/factories.ts';
import { switchable, type SwitchableDatabase } from './switchable-database.ts';

interface Line { readonly level: 'info' | 'warn' | 'error'; readonly message: string }

function recorder(): { logger: WorkerLogger; lines: Line[]; count: (level: Line['level']) => number } {
  const lines: Line[] = [];
  const push = (level: Line['level']) => (_fields: object, message?: string): void => { lines.push({ level, message: message ?? '' }); };
  return { logger: { info: push('info'), warn: push('warn'), error: push('error') }, lines, count: (level) => lines.filter((l) => l.level === level).length };
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!await check()) {
    if (performance.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('jobs through a database outage', { timeout: 60_000 }, () => {
  let testDb: TestDatabase;
  let outage: SwitchableDatabase;
  const clock = fixedClock('2026-11-26T10:00:00+04:00');
  const workers: SmsOutboxWorker[] = [];

  before(async () => { testDb = await openTestDatabase(); });
  after(async () => { await testDb.close(); });
  beforeEach(() => { outage = switchable(testDb.db); });
  afterEach(async () => {
    outage.up();
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });

  async function enqueue(serial: number): Promise<number> {
    const written = await testDb.db.tx((sql) => enqueueSms(sql, { msisdn: msisdnFor(serial) as Msisdn, kind: 'payment_confirmation', language: 'en', text: `outage test ${String(serial)}` }, clock.now()));
    assert.ok(written);
    return written.id;
  }

  async function statusOf(id: number): Promise<string | undefined> {
    const [row] = await testDb.db.query<{ status: string }>('select status from sms_outbox where id = $1', [id]);
    return row?.status;
  }

  it('payment jobs pause, retry soon rather than on the next minute, and resume; the outage is told once', async () => {
    const log = recorder();
    let errors = 0;
    let results = 0;
    outage.down();
    const jobs = startPaymentJobs(bindPaymentUpkeep({ db: outage.db, policy, now: clock.now, providers: {}, logger: silentLogger }), {
      reconcileAfterMs: 0, everyMs: 60_000, outageLogger: log.logger,
      onError: () => { errors += 1; }, onResult: () => { results += 1; },
    });
    try {
      await jobs.firstRun;
      await waitFor(() => outage.refused >= 3, 'a few tries while the database is away');
      assert.equal(errors, 0, 'an outage is not reported as a job failure');
      assert.equal(results, 0);
      outage.up();
      await waitFor(() => results > 0, 'the jobs to run again without waiting for the next tick');
      assert.deepEqual(log.lines.map((l) => l.level), ['warn', 'info']);
      assert.match(log.lines[0]?.message ?? '', /payment jobs paused/);
    } finally {
      jobs.stop();
    }
  });

  it('the SMS worker pauses without an error per poll and sends what waited once the database is back', async () => {
    const log = recorder();
    const sent: string[] = [];
    const transport: SmsTransport = { submit: async (request) => { sent.push(request.text.split('\n')[0] ?? ''); return { messageIds: [`m${String(sent.length)}`], segments: 1 }; } };
    const worker = createSmsOutboxWorker({ outbox: smsOutboxSteps({ db: outage.db }), transport, now: clock.now, sender: 'Saxla', logger: log.logger, pollMs: 20, leaseMs: 60_000 });
    workers.push(worker);
    outage.down();
    worker.start();
    await waitFor(() => outage.refused >= 3, 'a few polls while the database is away');
    await sleep(300);
    const id = await enqueue(1);
    assert.equal(log.count('error'), 0, `no error line per poll: ${JSON.stringify(log.lines)}`);
    assert.equal(log.count('warn'), 1);

    outage.up();
    await waitFor(async () => await statusOf(id) === 'submitted', 'the waiting message to go out');
    assert.deepEqual(sent, ['outage test 1']);
    // The pause and the resumption, once each; beside them, the send's own line (with its request id).
    assert.deepEqual(log.lines.filter((l) => l.message !== 'SMS submitted').map((l) => l.level), ['warn', 'info']);
    assert.equal(log.lines.filter((l) => l.message === 'SMS submitted').length, 1);
  });

  it('a message the SMSC took while the database went away is recorded when it is back, not sent again', async () => {
    const log = recorder();
    const sent: string[] = [];
    const transport: SmsTransport = {
      submit: async (request) => {
        sent.push(request.text.split('\n')[0] ?? '');
        // The database goes away between the SMSC's answer and our write of it, for a second.
        outage.down();
        setTimeout(() => outage.up(), 1000);
        return { messageIds: [`m${String(sent.length)}`], segments: 1 };
      },
    };
    const id = await enqueue(2);
    const worker = createSmsOutboxWorker({ outbox: smsOutboxSteps({ db: outage.db }), transport, now: clock.now, sender: 'Saxla', logger: log.logger, pollMs: 20, leaseMs: 60_000 });
    workers.push(worker);
    worker.start();
    await waitFor(async () => await statusOf(id) === 'submitted', 'the submit to be recorded after the outage');
    assert.deepEqual(sent, ['outage test 2']);
    assert.equal(log.count('error'), 0, JSON.stringify(log.lines));
  });
});
