import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInstant } from '../domain/calendar.ts';
import { iccidFor, msisdnFor, policy } from '../../test/helpers/factories.ts';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { provisionLines } from './provision-lines.ts';
import { sweepLifecycle } from './sweep-lifecycle.ts';

let t: TestDatabase;
before(async () => { t = await openTestDatabase(); });
after(async () => { await t.close(); });

const statuses = async () => Object.fromEntries((await t.db.query<{ msisdn: string; status: string }>('select msisdn, status from lines order by msisdn')).map((r) => [r.msisdn, r.status]));

test('moves every line to its stage at a moment, idempotently, in batches', async () => {
  const now = () => parseInstant('2025-11-01T12:00:00+04:00');
  // Validity ends relative to the sweep day 2026-06-01 (policy: 30 one-way, 60 suspended, 90 quarantine).
  const ends = ['2026-06-01', '2026-05-31', '2026-05-02', '2026-05-01', '2026-03-03', '2026-03-02', '2025-12-03', '2025-12-02', '2026-07-01'];
  await provisionLines({ db: t.db, policy, now }, ends.map((validUntil, i) => ({ row: i + 1, msisdn: msisdnFor(i + 1), iccid: iccidFor(i + 1), balance: 0, validUntil })));
  assert.ok(Object.values(await statuses()).every((s) => s === 'active'));

  const at = parseInstant('2026-06-01T00:30:00+04:00');
  const first = await sweepLifecycle({ db: t.db, policy }, at, 2);
  assert.equal(first.day, '2026-06-01');
  assert.deepEqual(await statuses(), {
    [msisdnFor(1)]: 'active', [msisdnFor(2)]: 'one_way', [msisdnFor(3)]: 'one_way', [msisdnFor(4)]: 'suspended',
    [msisdnFor(5)]: 'suspended', [msisdnFor(6)]: 'quarantine', [msisdnFor(7)]: 'quarantine', [msisdnFor(8)]: 'recyclable',
    [msisdnFor(9)]: 'active',
  });
  assert.equal(first.total, 7);
  const again = await sweepLifecycle({ db: t.db, policy }, at, 2);
  assert.equal(again.total, 0, 'running it twice changes nothing');
  // An earlier moment never moves a line back.
  assert.equal((await sweepLifecycle({ db: t.db, policy }, parseInstant('2026-01-01T00:00:00Z'))).total, 0);
  const events = await t.db.query<{ n: number }>("select count(*)::int8 as n from lifecycle_events where cause = 'sweep'");
  assert.equal(events[0]?.n, 7);
});

test('the day is the day in Baku, not in UTC', async () => {
  // 2026-06-01T21:00Z is already 2 June in Baku: line 1 (valid until 1 June) becomes one-way.
  const result = await sweepLifecycle({ db: t.db, policy }, parseInstant('2026-06-01T21:00:00Z'));
  assert.equal(result.day, '2026-06-02');
  assert.equal((await statuses())[msisdnFor(1)], 'one_way');
});
