// The scheduler's promises: a pass at start, never two passes of a job at once, 'more' and wake()
// run again at once, a database outage pauses with quick retries (told once), stop() waits.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startScheduler, type JobLogger } from './scheduler.ts';

const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

function recorder(): { logger: JobLogger; levels: string[] } {
  const levels: string[] = [];
  return { levels, logger: { warn: () => { levels.push('warn'); }, info: () => { levels.push('info'); }, error: () => { levels.push('error'); } } };
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe('startScheduler', () => {
  it('runs a job at start, then again after its interval, never two passes at once', async () => {
    let passes = 0;
    let active = 0;
    let most = 0;
    const scheduler = startScheduler([{
      name: 'slow', everyMs: 5, runAtStart: true,
      run: async (atStart) => {
        passes += 1;
        active += 1;
        most = Math.max(most, active);
        if (passes === 1) assert.equal(atStart, true);
        await sleep(20);
        active -= 1;
        return undefined;
      },
    }]);
    await scheduler.firstRuns;
    assert.equal(passes, 1);
    scheduler.wake('slow');
    scheduler.wake('slow');
    await waitFor(() => passes >= 4, 'more passes');
    await scheduler.stop();
    const stoppedAt = passes;
    await sleep(40);
    assert.equal(passes, stoppedAt, 'no pass after stop()');
    assert.equal(most, 1);
  });

  it("runs again at once after 'more', and at its interval otherwise", async () => {
    let passes = 0;
    const scheduler = startScheduler([{ name: 'batches', everyMs: 60_000, runAtStart: true, run: async () => (++passes < 3 ? 'more' : undefined) }]);
    await waitFor(() => passes === 3, 'three passes in a row');
    await sleep(30);
    assert.equal(passes, 3, 'then it waits for its interval');
    await scheduler.stop();
  });

  it('pauses through a database outage, tells it once, retries soon and keeps the pass at start', async () => {
    const { logger, levels } = recorder();
    let down = true;
    const seen: boolean[] = [];
    const errors: unknown[] = [];
    const scheduler = startScheduler([{
      name: 'payments', everyMs: 60_000, runAtStart: true,
      run: async (atStart) => {
        seen.push(atStart);
        if (down) throw refused();
        return undefined;
      },
      onError: (error) => errors.push(error),
    }], logger);
    await scheduler.firstRuns;
    await waitFor(() => seen.length >= 3, 'retries while the database is away');
    down = false;
    await waitFor(() => levels.includes('info'), 'the job to resume without waiting a minute');
    assert.deepEqual(levels, ['warn', 'info']);
    assert.ok(seen.every((atStart) => atStart), 'every retry is still the pass at start');
    assert.deepEqual(errors, []);
    await scheduler.stop();
  });

  it('reports other failures to the job and runs it again at its next turn', async () => {
    const errors: unknown[] = [];
    let passes = 0;
    const scheduler = startScheduler([{
      name: 'broken', everyMs: 10, runAtStart: true,
      run: async () => {
        passes += 1;
        throw new Error('bug');
      },
      onError: (error) => errors.push(error),
    }]);
    await waitFor(() => passes >= 2, 'a second pass');
    await scheduler.stop();
    assert.ok(errors.length >= 1);
  });

  it('refuses two jobs with one name', () => {
    const job = { name: 'twice', everyMs: 1000, runAtStart: false, run: async () => undefined };
    assert.throws(() => startScheduler([job, job]), /share a name/);
  });
});
