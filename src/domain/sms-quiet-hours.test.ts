import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { instantFromEpochMs, parseInstant, type Instant } from './calendar.ts';
import {
  DEFAULT_SMS_QUIET_HOURS, formatQuietHours, heldInQuietHours, kindsHeldInQuietHours, parseQuietHours, quietHoursEnd, sendableFrom,
  type QuietHours,
} from './sms-quiet-hours.ts';
import { smsKinds } from './sms-templates.ts';

const baku = (local: string): Instant => parseInstant(`${local}+04:00`);
const window = (text: string): QuietHours => {
  const { quietHours, problem } = parseQuietHours(text);
  assert.equal(problem, undefined, text);
  return quietHours;
};
const iso = (at: Instant | undefined): string | undefined => (at === undefined ? undefined : new Date(at).toISOString());

test('the setting: default 22:00-09:00, off, any HH:MM-HH:MM; anything else names the variable', () => {
  assert.equal(formatQuietHours(parseQuietHours(undefined).quietHours), DEFAULT_SMS_QUIET_HOURS);
  assert.equal(formatQuietHours(parseQuietHours('').quietHours), '22:00-09:00');
  assert.deepEqual(parseQuietHours('off'), { quietHours: { off: true }, problem: undefined });
  assert.deepEqual(parseQuietHours(' OFF ').quietHours, { off: true });
  assert.deepEqual(window('21:30-08:15'), { off: false, from: 21 * 60 + 30, to: 8 * 60 + 15 });
  assert.deepEqual(window('01:00 - 06:00'), { off: false, from: 60, to: 360 });
  for (const bad of ['22-9', '24:00-09:00', '22:00-9:00', '22:00', '22:00-22:00', 'night', '22:00-09:00,13:00-14:00', '22:60-09:00']) {
    const { problem } = parseQuietHours(bad);
    assert.equal(problem?.path, 'SMS_QUIET_HOURS', bad);
    assert.match(problem?.message ?? '', /22:00-09:00.*off/, bad);
  }
});

test('a window wrapping midnight: held from 22:00 to 09:00 Baku, the end on the right morning', () => {
  const q = window('22:00-09:00');
  assert.equal(quietHoursEnd(q, baku('2026-12-06T21:59:59')), undefined);
  assert.equal(iso(quietHoursEnd(q, baku('2026-12-06T22:00:00'))), '2026-12-07T05:00:00.000Z');
  assert.equal(iso(quietHoursEnd(q, baku('2026-12-06T23:59:59'))), '2026-12-07T05:00:00.000Z');
  assert.equal(iso(quietHoursEnd(q, baku('2026-12-07T00:00:00'))), '2026-12-07T05:00:00.000Z', 'after midnight: the same morning');
  assert.equal(iso(quietHoursEnd(q, baku('2026-12-07T08:59:59'))), '2026-12-07T05:00:00.000Z');
  assert.equal(quietHoursEnd(q, baku('2026-12-07T09:00:00')), undefined, '09:00 goes');
  assert.equal(iso(quietHoursEnd(q, baku('2026-12-31T23:00:00'))), '2027-01-01T05:00:00.000Z', 'across the year');
});

test('a window inside one day, and off', () => {
  const q = window('13:00-15:30');
  assert.equal(quietHoursEnd(q, baku('2026-12-06T12:59:00')), undefined);
  assert.equal(iso(quietHoursEnd(q, baku('2026-12-06T13:00:00'))), '2026-12-06T11:30:00.000Z');
  assert.equal(quietHoursEnd(q, baku('2026-12-06T15:30:00')), undefined);
  assert.equal(quietHoursEnd(q, baku('2026-12-06T23:00:00')), undefined);
  assert.equal(quietHoursEnd({ off: true }, baku('2026-12-06T03:00:00')), undefined);
});

test('each kind: reminders and notices wait, codes and confirmations never', () => {
  assert.deepEqual([...kindsHeldInQuietHours].sort(), ['appointment_reminder', 'auto_renew_notice', 'group_notice', 'lifecycle_notice', 'reminder', 'spending_alert', 'support_notice', 'usage_notice']);
  const night = baku('2026-12-06T23:30:00');
  const q = window(DEFAULT_SMS_QUIET_HOURS);
  for (const kind of smsKinds) {
    const expected = heldInQuietHours[kind] ? '2026-12-07T05:00:00.000Z' : new Date(night).toISOString();
    assert.equal(iso(sendableFrom(q, kind, night)), expected, kind);
    assert.equal(sendableFrom({ off: true }, kind, night), night, `${kind} with off`);
  }
  for (const kind of ['otp', 'payment_confirmation', 'top_up_confirmation', 'renewal_confirmation'] as const) {
    assert.equal(heldInQuietHours[kind], false, kind);
  }
});

test('for any window and instant: the end is after the instant, within a day, at the window\'s end time, and outside it', () => {
  const minute = fc.integer({ min: 0, max: 24 * 60 - 1 });
  fc.assert(fc.property(minute, minute, fc.integer({ min: 0, max: 800 * 86_400_000 }), (from, to, offset) => {
    fc.pre(from !== to);
    const q: QuietHours = { off: false, from, to };
    const at = instantFromEpochMs(Date.UTC(2026, 0, 1) + offset);
    const end = quietHoursEnd(q, at);
    const localMinute = (i: number): number => Math.floor(((i + 4 * 3_600_000) % 86_400_000) / 60_000);
    const m = localMinute(at);
    const inside = from < to ? m >= from && m < to : m >= from || m < to;
    assert.equal(end !== undefined, inside);
    if (end !== undefined) {
      assert.ok(end > at && end - at <= 86_400_000);
      assert.equal(localMinute(end), to);
      assert.equal(quietHoursEnd(q, end), undefined, 'the end itself is outside the window');
    }
  }));
});
