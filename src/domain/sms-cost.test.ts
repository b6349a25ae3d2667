import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { appendCheckCode } from './check-code.ts';
import type { IsoDate } from './calendar.ts';
import { locales } from './money.ts';
import { milestoneSms } from './reminder-milestones.ts';
import { reminderCosts, smsTextForLine, typicalReminder } from './sms-cost.ts';
import { chooseEncoding, smsPartsFor } from './sms-encoding.ts';

test('a typical reminder costs, per language: the real template through the real encoder', () => {
  const costs = reminderCosts();
  assert.deepEqual(costs.map((c) => [c.language, c.script, c.parts, c.encoding]), [
    ['az', 'native', 3, 'ucs2'], ['en', 'native', 1, 'gsm7'], ['ru', 'native', 3, 'ucs2'], ['zh', 'native', 2, 'ucs2'],
    ['tr', 'native', 3, 'ucs2'], ['az', 'latin', 1, 'gsm7'],
  ]);
  // Each figure is the encoder's answer for the text itself, not a table of its own.
  for (const c of costs) assert.equal(c.parts, smsPartsFor(typicalReminder(c.language, c.script)).parts);
  // With the Turkish shift tables the Turkish reminder stays 7-bit and takes 2 parts.
  assert.deepEqual(reminderCosts({ nationalLanguageTables: ['tr'] }).find((c) => c.language === 'tr'), { language: 'tr', script: 'native', parts: 2, encoding: 'gsm7' });
});

test('Latin letters change Azerbaijani only: ə → e and the other letters GSM lacks', () => {
  const az = typicalReminder('az', 'latin');
  assert.doesNotMatch(az, /[əƏşŞçÇğĞıİ]/u, 'ö and ü stay: GSM has them');
  assert.match(az, /-dek aktivdir \(30 gün qalib\)\. Yenileyin: \*101# ve ya Saxla magazasi\. 210 gün sonra nömre itirile biler\./);
  assert.match(az, /\nYoxlama kodu: K7M2QX$/);
  for (const locale of locales.filter((l) => l !== 'az')) assert.equal(smsTextForLine('şəhər 中文', locale, true), 'şəhər 中文', locale);
  assert.equal(smsTextForLine('Əziz müştəri', 'az', false), 'Əziz müştəri');
  assert.equal(smsTextForLine('Əziz müştəri', 'az', true), 'Eziz müsteri');
});

test('an opted-in Azerbaijani reminder is one GSM 7-bit part for any day count, countdown and date', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 9_999_999 }),
    (days, daysToLoss, dayOffset, subscriber) => {
      const validUntil = new Date(Date.UTC(2026, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10) as IsoDate;
      const msisdn = `+99450${String(subscriber).padStart(7, '0')}` as never;
      const { text } = milestoneSms({ kind: 'reminder', days: 7 }, { msisdn, validUntil, language: 'az' }, { days, daysToLoss });
      const sent = smsTextForLine(appendCheckCode(text, 'ZZZZZZ', 'az'), 'az', true);
      const choice = chooseEncoding(sent);
      assert.equal(choice.encoding, 'gsm7', sent);
      assert.equal(choice.segments, 1, `${sent.length}: ${sent}`);
    }));
});
