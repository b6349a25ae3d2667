// A job's view of a database outage: paused and said once, retried after a growing but capped
// pause, resumed and said once.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createOutageWatch, type OutageLogger } from './database-outage.ts';

const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

function recorder(): { logger: OutageLogger; lines: { level: string; message: string | undefined }[] } {
  const lines: { level: string; message: string | undefined }[] = [];
  return {
    lines,
    logger: {
      warn: (_fields, message) => { lines.push({ level: 'warn', message }); },
      info: (_fields, message) => { lines.push({ level: 'info', message }); },
    },
  };
}

describe('createOutageWatch', () => {
  it('says once that the job paused and once that it resumed, however many ticks fail', () => {
    const { logger, lines } = recorder();
    const watch = createOutageWatch({ job: 'test job', logger });
    for (let i = 0; i < 20; i++) assert.equal(watch.failed(refused()), true);
    assert.equal(watch.down, true);
    watch.succeeded();
    watch.succeeded();
    assert.equal(watch.down, false);
    assert.deepEqual(lines.map((l) => l.level), ['warn', 'info']);
    assert.match(lines[0]?.message ?? '', /test job paused/);
    assert.match(lines[1]?.message ?? '', /test job resumed/);
  });

  it('waits longer after each failed try, never more than the cap, and starts over after the return', () => {
    const watch = createOutageWatch({ job: 'j', firstRetryMs: 500, maxRetryMs: 4000 });
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      watch.failed(refused());
      waits.push(watch.retryInMs());
    }
    assert.deepEqual(waits, [500, 1000, 2000, 4000, 4000, 4000]);
    watch.succeeded();
    watch.failed(refused());
    assert.equal(watch.retryInMs(), 500);
  });

  it('is not an outage when the database answered with an error', () => {
    const { logger, lines } = recorder();
    const watch = createOutageWatch({ job: 'j', logger });
    assert.equal(watch.failed(Object.assign(new Error('duplicate key'), { code: '23505' })), false);
    assert.equal(watch.down, false);
    assert.equal(lines.length, 0);
  });
});
