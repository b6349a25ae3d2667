import { test } from 'node:test';
import assert from 'node:assert/strict';
import { locales, qepik } from './money.ts';
import { formatSmsDate, smsAmount, smsMessages, smsText } from './sms-templates.ts';
import { appendCheckCode } from './check-code.ts';
import { chooseEncoding, smsPartsFor } from './sms-encoding.ts';

const values = { code: '123456', ref: 'S-1A2B3C4D', msisdn: '+994501234567', plan: 'Keep Number', months: 3, amount: smsAmount(qepik(1250)), balance: smsAmount(qepik(300)), validUntil: '28.02.2027', order: 'ord_1', days: 7, daysToLoss: 187, store: 'Nizami st. 10', date: '01.12.2026', time: '10:30', retryDate: '19.12.2026', cap: smsAmount(qepik(5000)), from: '+994501234567', to: '+994551234567',
  spent: smsAmount(qepik(820)), budget: smsAmount(qepik(1000)), percent: 82, what: 'data abroad', destination: '+88213000000', largest: smsAmount(qepik(400)),
  payer: '+994501234568', tail: '1017' };

test('no SMS template ever carries a link', () => {
  for (const [id, byLocale] of Object.entries(smsMessages)) {
    for (const locale of locales) {
      const text = byLocale[locale];
      assert.ok(text, `${id} has ${locale}`);
      assert.doesNotMatch(text, /https?:|www\.|:\/\/|\b[a-z0-9-]+\.(az|com|net|org|ru|cn|io|me)\b/i, `${id}/${locale} has a link`);
    }
  }
});

test('every template renders in every language, amounts in AZN', () => {
  for (const id of Object.keys(smsMessages)) {
    for (const locale of locales) {
      const text = smsText(id, locale, values);
      assert.doesNotMatch(text, /[{}]/, `${id}/${locale} left a placeholder`);
      assert.doesNotMatch(text, /₼/);
    }
  }
  assert.match(smsText('renewal_confirmation', 'en', values), /12\.50 AZN/);
  assert.match(smsText('renewal_confirmation', 'ru', { ...values, months: 5 }), /5 месяцев/);
});

test('English texts stay GSM 7-bit; Azerbaijani needs UCS-2', () => {
  for (const id of Object.keys(smsMessages)) {
    assert.equal(chooseEncoding(smsText(id, 'en', values)).encoding, 'gsm7', id);
  }
  assert.equal(chooseEncoding(smsText('otp', 'az', values)).encoding, 'ucs2');
});

test('Turkish SMS: 7-bit with the Turkish shift tables, UCS-2 without; the segment cost of each', () => {
  const off = { nationalLanguageTables: [] };
  const turkish = { nationalLanguageTables: ['tr'] } as const;
  // The reminder as the outbox sends it, with its check-code line.
  const reminder = appendCheckCode(smsText('reminder.before_end', 'tr', values), 'K7M2QX', 'tr');
  assert.match(reminder, /numarası 28\.02\.2027 tarihine kadar geçerli \(7 gün kaldı\).*\nKontrol kodu: K7M2QX$/s);
  assert.deepEqual(smsPartsFor(reminder, off), { encoding: 'ucs2', parts: 3, charactersPerPart: 67 });
  assert.deepEqual(smsPartsFor(reminder, turkish), { encoding: 'gsm7', parts: 2, charactersPerPart: 149, nationalTables: { locking: undefined, single: 'tr' } });
  // The sign-in code: two UCS-2 parts without the tables, one 7-bit part with them.
  const otp = appendCheckCode(smsText('otp', 'tr', values), 'K7M2QX', 'tr');
  assert.deepEqual([smsPartsFor(otp, off).parts, smsPartsFor(otp, turkish).parts], [2, 1]);
  // Every Turkish template is GSM 7-bit once the tables are on (the values are plain ASCII here).
  for (const id of Object.keys(smsMessages)) {
    const text = smsText(id, 'tr', values);
    assert.equal(chooseEncoding(text, off).encoding, 'ucs2', `${id} uses Turkish letters`);
    assert.equal(chooseEncoding(text, turkish).encoding, 'gsm7', id);
    assert.doesNotMatch(text, /[əƏ]/u, `${id} is Turkish, not Azerbaijani`);
  }
});

test('dates read the local way', () => {
  assert.equal(formatSmsDate('2027-02-28' as never, 'az'), '28.02.2027');
  assert.equal(formatSmsDate('2027-02-28' as never, 'zh'), '2027-02-28');
  assert.equal(formatSmsDate('2027-02-28' as never, 'tr'), '28.02.2027');
  assert.throws(() => smsText('nope', 'en', {}), { code: 'SMS_TEMPLATE_MISSING' });
});
