// SMS_QUIET_HOURS as the outbox applies it when claiming: reminders and notices wait until the
// window ends, codes and confirmations go at once; `off` holds nothing; a window inside one day
// works too; a held message claimed later keeps its body and check code.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { parseInstant, type Instant } from '../domain/calendar.ts';
import type { Msisdn } from '../domain/msisdn.ts';
import { heldInQuietHours, parseQuietHours, type QuietHours } from '../domain/sms-quiet-hours.ts';
import { smsKinds, type SmsKind } from '../domain/sms-templates.ts';
import { openTestDatabase, type TestDatabase } from '../../test/helpers/database.ts';
import { enqueueSms } from './enqueue-sms.ts';
import { claimOutboxSms } from './send-outbox.ts';

const retry = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 };
const baku = (local: string): Instant => parseInstant(`${local}+04:00`);
const quiet = (text: string): QuietHours => parseQuietHours(text).quietHours;

describe('quiet hours in the SMS outbox', () => {
  let t: TestDatabase;
  let serial = 0;
  before(async () => { t = await openTestDatabase(); });
  after(async () => t.close());
  // Each case starts from an empty queue: claims take every due row.
  beforeEach(async () => { await t.db.query('delete from sms_outbox'); });

  async function enqueueEach(kinds: readonly SmsKind[], at: Instant): Promise<Map<number, SmsKind>> {
    const ids = new Map<number, SmsKind>();
    for (const kind of kinds) {
      serial += 1;
      const msisdn = `+99455400${String(serial).padStart(4, '0')}` as Msisdn;
      const written = await t.db.tx((sql) => enqueueSms(sql, { msisdn, kind, language: 'en', text: `Saxla: ${kind}` }, at));
      assert.ok(written);
      ids.set(written.id, kind);
    }
    return ids;
  }

  async function claimKinds(at: Instant, quietHours: QuietHours | undefined, ids: Map<number, SmsKind>): Promise<SmsKind[]> {
    const claimed = await claimOutboxSms({ db: t.db, retry, ...(quietHours ? { quietHours } : {}) }, 'w', at, 60_000, 100);
    return claimed.map((c) => ids.get(c.id)).filter((k): k is SmsKind => k !== undefined).sort();
  }

  async function notBefore(id: number): Promise<string | undefined> {
    const [row] = await t.db.query<{ not_before: Date }>('select not_before from sms_outbox where id = $1', [id]);
    return row?.not_before.toISOString();
  }

  it('at 23:30 Baku (default window) sends codes and confirmations, holds reminders and notices until 09:00', async () => {
    const night = baku('2026-12-06T23:30:00');
    const ids = await enqueueEach(smsKinds, night);
    const held = smsKinds.filter((kind) => heldInQuietHours[kind]);
    const never = smsKinds.filter((kind) => !heldInQuietHours[kind]);
    assert.ok(held.includes('reminder') && never.includes('otp') && never.includes('renewal_confirmation'));
    assert.deepEqual(await claimKinds(night, undefined, ids), [...never].sort());
    for (const [id, kind] of ids) {
      if (heldInQuietHours[kind]) assert.equal(await notBefore(id), '2026-12-07T05:00:00.000Z', kind);
    }
    // After midnight, still held; at 09:00 they go.
    assert.deepEqual(await claimKinds(baku('2026-12-07T03:00:00'), undefined, ids), []);
    assert.deepEqual(await claimKinds(baku('2026-12-07T08:59:59'), undefined, ids), []);
    assert.deepEqual(await claimKinds(baku('2026-12-07T09:00:00'), undefined, ids), [...held].sort());
  });

  it('a reminder written before the window but still queued when it starts waits too', async () => {
    const ids = await enqueueEach(['reminder', 'otp'], baku('2026-12-06T21:59:00'));
    assert.deepEqual(await claimKinds(baku('2026-12-06T22:00:00'), undefined, ids), ['otp']);
    assert.deepEqual(await claimKinds(baku('2026-12-07T09:00:01'), undefined, ids), ['reminder']);
  });

  it('off holds nothing, at any hour', async () => {
    const night = baku('2026-12-06T03:00:00');
    const ids = await enqueueEach(smsKinds, night);
    assert.deepEqual(await claimKinds(night, quiet('off'), ids), [...smsKinds].sort());
  });

  it('a window inside one day (13:00-15:00) holds only then', async () => {
    const ids = await enqueueEach(['reminder', 'renewal_confirmation'], baku('2026-12-06T12:00:00'));
    assert.deepEqual(await claimKinds(baku('2026-12-06T14:00:00'), quiet('13:00-15:00'), ids), ['renewal_confirmation']);
    const [reminderId] = [...ids].find(([, k]) => k === 'reminder') ?? [];
    assert.equal(reminderId === undefined ? undefined : await notBefore(reminderId), '2026-12-06T11:00:00.000Z');
    assert.deepEqual(await claimKinds(baku('2026-12-06T23:00:00'), quiet('13:00-15:00'), ids), ['reminder'], 'the night is not quiet under this setting');
  });
});
